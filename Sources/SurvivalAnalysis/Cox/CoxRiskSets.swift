/// The data of a Cox model laid out once for every pass over the risk sets: rows sorted by
/// stratum and ascending time, times made exactly equal where R's `aeqSurv` would, covariates
/// centred and scaled as R's `coxfit6` does before iterating.
///
/// Centring and scaling (R's `coxfit6`): a column whose values all lie in {−1, 0, 1} is left
/// alone (R's `nocenter = c(-1, 0, 1)`); any other column has its weighted mean x̄ subtracted and
/// is multiplied by s = Σw / Σw|x − x̄| (1 for a constant column). Newton–Raphson is invariant
/// to this change of units; it keeps exp(β·x) and x² finite for covariates near 1e300 and
/// makes the singularity tolerance of the Cholesky step independent of the units.
struct CoxRiskSets: Sendable {
    let count: Int
    let columns: Int
    /// Sorted position → input row.
    let order: [Int]
    /// Sorted times, after the time fix.
    let time: [Double]
    let event: [Bool]
    let weight: [Double]
    /// Stratum code of each sorted row (0 when unstratified).
    let stratum: [Int32]
    /// True for the last row of a stratum in sorted order (R's `strata` flag of `coxfit6`).
    let lastInStratum: [Bool]
    /// Centred and scaled covariates, sorted, row-major (`count × columns`).
    let x: [Double]
    /// Column means subtracted (0 for columns left uncentred), in the covariates' units.
    let means: [Double]
    /// Multipliers applied after centring (1 for columns left alone).
    let scales: [Double]
    let totalWeight: Double
    let eventCount: Int
    /// Number of strata (codes run 0..<strataCount).
    let strataCount: Int

    /// - Parameters:
    ///   - design: row-major `time.count × columns` covariate matrix in input row order.
    ///     (Or `sources`: the design terms, read row by row into the sorted layout.)
    ///   - strata: stratum code per row (0-based), or nil for one stratum.
    ///   - weights: case weights (> 0), or nil for 1.
    /// - Complexity: O(n log n + n·p).
    init(time inputTime: [Double], event inputEvent: [Bool], design: [Double], columns: Int,
         strata: [Int32]? = nil, weights: [Double]? = nil) throws(CoxError) {
        try self.init(time: inputTime, event: inputEvent, covariates: .rowMajor(design), columns: columns,
                      strata: strata, weights: weights)
    }

    init(time inputTime: [Double], event inputEvent: [Bool], sources: [CoxDesignSource],
         strata: [Int32]? = nil, weights: [Double]? = nil) throws(CoxError) {
        try self.init(time: inputTime, event: inputEvent, covariates: .terms(sources),
                      columns: sources.reduce(0) { $0 + $1.width }, strata: strata, weights: weights)
    }

    enum Covariates {
        case rowMajor([Double])
        case terms([CoxDesignSource])
    }

    private init(time inputTime: [Double], event inputEvent: [Bool], covariates: Covariates, columns: Int,
                 strata: [Int32]?, weights: [Double]?) throws(CoxError) {
        let n = inputTime.count
        guard n > 0 else { throw .noRows }
        guard inputEvent.count == n else {
            throw .dimensionMismatch("\(inputEvent.count) event indicators for \(n) times")
        }
        switch covariates {
        case .rowMajor(let design):
            guard columns >= 0, design.count == n * columns else {
                throw .dimensionMismatch("design matrix has \(design.count) values, expected \(n) rows × \(columns) columns")
            }
            for k in 0..<design.count where !design[k].isFinite {
                throw .invalidValue(row: k / max(columns, 1), what: "covariate value \(design[k]) is not finite")
            }
        case .terms(let sources):
            for source in sources {
                switch source {
                case .numeric(let v):
                    guard v.count == n else { throw .dimensionMismatch("\(v.count) covariate values for \(n) times") }
                    if let bad = v.firstIndex(where: { !$0.isFinite }) {
                        throw .invalidValue(row: bad, what: "covariate value \(v[bad]) is not finite")
                    }
                case .factor(let codes, let levels):
                    guard codes.count == n else { throw .dimensionMismatch("\(codes.count) factor codes for \(n) times") }
                    if let bad = codes.firstIndex(where: { $0 < 0 || Int($0) >= levels }) {
                        throw .invalidValue(row: bad, what: "factor code \(codes[bad]) out of range")
                    }
                }
            }
        }
        if let strata, strata.count != n { throw .dimensionMismatch("\(strata.count) strata codes for \(n) times") }
        if let weights, weights.count != n { throw .dimensionMismatch("\(weights.count) weights for \(n) times") }
        for i in 0..<n where !(inputTime[i].isFinite && inputTime[i] >= 0) {
            throw .invalidValue(row: i, what: "time \(inputTime[i]) is not a finite number ≥ 0")
        }
        if let weights {
            // R's coxph.fit: "Invalid weights, must be >0".
            for i in 0..<n where !(weights[i].isFinite && weights[i] > 0) {
                throw .invalidValue(row: i, what: "weight \(weights[i]) is not a finite number > 0")
            }
        }
        if let strata, let bad = strata.firstIndex(where: { $0 < 0 }) {
            throw .invalidValue(row: bad, what: "negative stratum code")
        }

        // Sort once by time (input order breaks ties, so the layout is deterministic), fix
        // near-equal times, then a stable counting sort by stratum keeps times ascending within.
        let byTime = StableOrder.order(inputTime)
        var fixedTime = byTime.map { inputTime[Int($0)] }
        CoxRiskSets.equaliseNearTies(&fixedTime)
        let strataCount = Int((strata?.max() ?? 0) + 1)
        var order = [Int](repeating: 0, count: n)
        var sortedTime = [Double](repeating: 0, count: n)
        if let strata, strataCount > 1 {
            var start = [Int](repeating: 0, count: strataCount + 1)
            for c in strata { start[Int(c) + 1] += 1 }
            for s in 0..<strataCount { start[s + 1] += start[s] }
            for (k, row) in byTime.enumerated() {
                let s = Int(strata[Int(row)])
                order[start[s]] = Int(row)
                sortedTime[start[s]] = fixedTime[k]
                start[s] += 1
            }
        } else {
            for (k, row) in byTime.enumerated() { order[k] = Int(row); sortedTime[k] = fixedTime[k] }
        }

        let stratum = strata.map { s in order.map { s[$0] } } ?? [Int32](repeating: 0, count: n)
        var last = [Bool](repeating: false, count: n)
        for i in 0..<n where i == n - 1 || stratum[i + 1] != stratum[i] { last[i] = true }
        let weight = weights.map { w in order.map { w[$0] } } ?? [Double](repeating: 1, count: n)
        let event = order.map { inputEvent[$0] }

        // Covariates: sorted, row-major, centred and scaled column by column (R's coxfit6).
        let p = columns
        var x = [Double](repeating: 0, count: n * p)
        x.withUnsafeMutableBufferPointer { x in
            switch covariates {
            case .rowMajor(let design):
                // Gather: one contiguous row read per sorted position.
                design.withUnsafeBufferPointer { design in
                    for i in 0..<n {
                        let source = design.baseAddress! + order[i] * p
                        let target = x.baseAddress! + i * p
                        for j in 0..<p { target[j] = source[j] }
                    }
                }
            case .terms(let sources):
                // Scatter: read the term columns in row order and write each row at its sorted
                // place, a block of rows at a time so the block's target rows stay in cache
                // while the columns are filled in one after another.
                var position = [Int](repeating: 0, count: n)
                for (i, row) in order.enumerated() { position[row] = i }
                let block = 4096
                for first in stride(from: 0, to: n, by: block) {
                    let rows = first..<min(n, first + block)
                    var column = 0
                    for source in sources {
                        switch source {
                        case .numeric(let v):
                            for row in rows { x[position[row] * p + column] = v[row] }
                        case .factor(let codes, _):
                            for row in rows where codes[row] > 0 {
                                x[position[row] * p + column + Int(codes[row]) - 1] = 1
                            }
                        }
                        column += source.width
                    }
                }
            }
        }
        var totalWeight = 0.0
        for w in weight { totalWeight += w }
        // Row-wise passes (the matrix is row-major): which columns to leave alone, weighted
        // sums, centring with Σw|x − x̄|, scaling. Columns left alone take mean 0 and scale 1,
        // which change nothing, so the loops need no branches.
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        var centred = [Bool](repeating: false, count: p)
        x.withUnsafeMutableBufferPointer { x in
            for i in 0..<n {
                for j in 0..<p where !centred[j] {
                    let v = x[i * p + j]
                    if v != 0 && v != 1 && v != -1 { centred[j] = true }
                }
            }
            guard centred.contains(true) else { return }
            let work = UnsafeMutableBufferPointer<Double>.allocate(capacity: 3 * p)
            defer { work.deallocate() }
            work.initialize(repeating: 0)
            let sums = work.baseAddress!, absolute = sums + p, mean = sums + 2 * p
            weight.withUnsafeBufferPointer { weight in
                for i in 0..<n {
                    let w = weight[i]
                    let row = x.baseAddress! + i * p
                    for j in 0..<p { sums[j] += w * row[j] }
                }
                for j in 0..<p where centred[j] { mean[j] = sums[j] / totalWeight }
                for i in 0..<n {
                    let w = weight[i]
                    let row = x.baseAddress! + i * p
                    for j in 0..<p {
                        let v = row[j] - mean[j]
                        row[j] = v
                        absolute[j] += w * abs(v)
                    }
                }
            }
            for j in 0..<p where centred[j] {
                means[j] = mean[j]
                scales[j] = absolute[j] > 0 ? totalWeight / absolute[j] : 1
            }
            scales.withUnsafeBufferPointer { scale in
                for i in 0..<n {
                    let row = x.baseAddress! + i * p
                    for j in 0..<p { row[j] *= scale[j] }
                }
            }
        }

        self.count = n
        self.columns = p
        self.order = order
        self.time = sortedTime
        self.event = event
        self.weight = weight
        self.stratum = stratum
        self.lastInStratum = last
        self.x = x
        self.means = means
        self.scales = scales
        self.totalWeight = totalWeight
        self.eventCount = event.reduce(0) { $0 + ($1 ? 1 : 0) }
        self.strataCount = strataCount
    }

    /// R's `aeqSurv` (applied by `coxph` through `timefix = TRUE`): distinct times closer than
    /// √ε (absolutely, or relative to the mean absolute distinct time) are set equal to the
    /// smallest of their run, so floating-point noise does not split a tie.
    /// - Precondition: `times` ascending.
    static func equaliseNearTies(_ times: inout [Double]) {
        let tolerance = Double.ulpOfOne.squareRoot()
        var distinct: [Double] = []
        for t in times where distinct.last != t { distinct.append(t) }
        guard distinct.count > 1 else { return }
        var meanAbsolute = 0.0
        for t in distinct { meanAbsolute += abs(t) }
        meanAbsolute /= Double(distinct.count)
        var anyTied = false
        for k in 1..<distinct.count {
            let gap = distinct[k] - distinct[k - 1]
            if gap <= tolerance || gap / meanAbsolute <= tolerance { anyTied = true; break }
        }
        guard anyTied else { return }
        var replacement = [Double](repeating: 0, count: distinct.count)
        replacement[0] = distinct[0]
        for k in 1..<distinct.count {
            let gap = distinct[k] - distinct[k - 1]
            let tied = gap <= tolerance || gap / meanAbsolute <= tolerance
            replacement[k] = tied ? replacement[k - 1] : distinct[k]
        }
        var k = 0
        for i in times.indices {
            while distinct[k] != times[i] { k += 1 }
            times[i] = replacement[k]
        }
    }

    /// Centred, scaled linear predictor Σⱼ βⱼ·xᵢⱼ for each sorted row (β on the scaled axis).
    func linearPredictor(scaledBeta beta: [Double]) -> [Double] {
        let p = columns
        var eta = [Double](repeating: 0, count: count)
        x.withUnsafeBufferPointer { xs in
            for i in 0..<count {
                var z = 0.0
                for j in 0..<p { z += beta[j] * xs[i * p + j] }
                eta[i] = z
            }
        }
        return eta
    }
}
