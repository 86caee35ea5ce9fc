/// The steps of ``CoxRiskSets``' layout, in the order it takes them.
extension CoxRiskSets {
    /// Step 1: every input has n rows and a usable value (R's `coxph.fit` checks, with the row).
    /// - Complexity: O(n·p).
    static func validate(time: [Double], event: [Bool], covariates: Covariates, columns: Int,
                         strata: [Int32]?, weights: [Double]?) throws(CoxError) {
        let n = time.count
        guard n > 0 else { throw .noRows }
        guard event.count == n else {
            throw .dimensionMismatch("\(event.count) event indicators for \(n) times")
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
        for i in 0..<n where !(time[i].isFinite && time[i] >= 0) {
            throw .invalidValue(row: i, what: "time \(time[i]) is not a finite number ≥ 0")
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
    }

    /// Step 2: sorted position → input row. One stable sort by time (input order breaks ties,
    /// so the layout is deterministic), then a stable counting sort by stratum keeps times
    /// ascending within each stratum.
    /// - Complexity: O(n + strata).
    static func order(time: [Double], strata: [Int32]?, strataCount: Int) -> [Int] {
        let byTime = RadixSort.order(time)
        guard let strata, strataCount > 1 else { return byTime.map { Int($0) } }
        var start = [Int](repeating: 0, count: strataCount + 1)
        for c in strata { start[Int(c) + 1] += 1 }
        for s in 0..<strataCount { start[s + 1] += start[s] }
        var order = [Int](repeating: 0, count: time.count)
        for row in byTime {
            let s = Int(strata[Int(row)])
            order[start[s]] = Int(row)
            start[s] += 1
        }
        return order
    }

    /// Sorted positions by stratum, then ascending start (stable): one radix sort of the
    /// starts and a counting sort by stratum, as ``order(time:strata:strataCount:)``.
    /// - Complexity: O(n + strata).
    static func startOrder(entry: [Double], stratum: [Int32], strataCount: Int) -> [Int32] {
        let byEntry = RadixSort.order(entry)
        guard strataCount > 1 else { return byEntry }
        var first = [Int](repeating: 0, count: strataCount + 1)
        for c in stratum { first[Int(c) + 1] += 1 }
        for s in 0..<strataCount { first[s + 1] += first[s] }
        var result = [Int32](repeating: 0, count: entry.count)
        for position in byEntry {
            let s = Int(stratum[Int(position)])
            result[first[s]] = position
            first[s] += 1
        }
        return result
    }

    /// Step 3: the covariates in sorted order, row-major (`n × columns`).
    /// - Complexity: O(n·p).
    static func gather(_ covariates: Covariates, columns p: Int, order: [Int]) -> [Double] {
        let n = order.count
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
        return x
    }

    /// Step 4: centres and scales `x` in place as R's `coxfit6` (see ``CoxRiskSets``) and
    /// returns the means subtracted and the multipliers applied.
    ///
    /// Row-wise passes (the matrix is row-major): which columns to leave alone, weighted sums,
    /// centring with Σw|x − x̄|, scaling. Columns left alone take mean 0 and scale 1, which
    /// change nothing, so the loops need no branches.
    /// - Complexity: O(n·p).
    static func centreAndScale(_ x: inout [Double], columns p: Int, weight: [Double],
                               totalWeight: Double) -> (means: [Double], scales: [Double]) {
        let n = weight.count
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        var centred = [Bool](repeating: false, count: p)
        x.withUnsafeMutableBufferPointer { x in
            // Stops at the first row past which every column is known to need centring (for
            // continuous covariates, the first row): a full pass over n·p values saved.
            var undecided = p
            for i in 0..<n where undecided > 0 {
                for j in 0..<p where !centred[j] {
                    let v = x[i * p + j]
                    if v != 0 && v != 1 && v != -1 { centred[j] = true; undecided -= 1 }
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
        return (means, scales)
    }
}
