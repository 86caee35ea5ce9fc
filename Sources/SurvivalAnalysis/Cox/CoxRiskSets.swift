import Dispatch

/// The data of a Cox model laid out once for every pass over the risk sets: rows sorted by
/// stratum and ascending time, covariates centred and scaled as R's `coxfit6` does before
/// iterating. Equal times are one time; R's `aeqSurv` tie rule is applied before, where the
/// data are built (``SurvivalData``, ``TimeFix``), as `coxph` applies it to its `Surv` first.
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
    /// Sorted times.
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
    /// Interval starts of (start, stop] data in sorted order (R's `agreg.fit`), nil for
    /// right-censored data. Row i is at risk at t when entry[i] < t ≤ time[i].
    let entry: [Double]?
    /// Sorted positions ordered by stratum, then ascending start (R's `sort1` of `agfit4`):
    /// the backward sweep removes rows from the risk set in this order as t falls to their
    /// start. Stratum s occupies the same index range here as in the sorted layout.
    let byStart: [Int32]?
    /// The removal sweep's data in ``byStart`` order, so that sweep reads memory in sequence
    /// instead of jumping to each leaving row ((start, stop] data only; empty otherwise):
    /// starts, covariate rows (row-major, as ``x``), and each sorted position's index in
    /// ``byStart`` (where the likelihood files a row's risk for its removal).
    let startSorted: [Double]
    let xByStart: [Double]
    let startRank: [Int32]
    /// First sorted position of each stratum.
    let stratumFirst: [Int]
    /// True when no row ever leaves a risk set before its stop: right-censored data, or
    /// (start, stop] data whose starts all lie below the smallest time of their stratum.
    /// Then the likelihood is that of right-censored data, operation for operation.
    var noRowLeaves: Bool {
        guard let entry else { return true }
        for i in 0..<count where entry[i] >= time[stratumFirst[Int(stratum[i])]] { return false }
        return true
    }
    /// Fixed part of each sorted row's linear predictor (R's `offset()`); all 0 without one.
    /// Set by ``CoxRiskSets/withOffset(_:)``.
    var offset: [Double] = []

    /// - Parameters:
    ///   - design: row-major `time.count × columns` covariate matrix in input row order.
    ///     (Or `sources`: the design terms, read row by row into the sorted layout.)
    ///   - strata: stratum code per row (0-based), or nil for one stratum.
    ///   - weights: case weights (> 0), or nil for 1.
    /// - Complexity: O(n·p) (one radix sort by time, a counting sort by stratum).
    ///   - start: interval starts of (start, stop] data (`time` the stops), or nil.
    init(time inputTime: [Double], event inputEvent: [Bool], design: [Double], columns: Int,
         strata: [Int32]? = nil, weights: [Double]? = nil, start: [Double]? = nil) throws(CoxError) {
        try self.init(time: inputTime, event: inputEvent, covariates: .rowMajor(design), columns: columns,
                      strata: strata, weights: weights, start: start)
    }

    init(time inputTime: [Double], event inputEvent: [Bool], sources: [CoxDesignSource],
         strata: [Int32]? = nil, weights: [Double]? = nil, start: [Double]? = nil) throws(CoxError) {
        try self.init(time: inputTime, event: inputEvent, covariates: .terms(sources),
                      columns: sources.reduce(0) { $0 + $1.width }, strata: strata, weights: weights, start: start)
    }

    enum Covariates {
        case rowMajor([Double])
        case terms([CoxDesignSource])
    }

    /// The layout in named steps: check the inputs, order the rows (time, then stratum), gather
    /// the columns in that order, centre and scale the covariates.
    private init(time inputTime: [Double], event inputEvent: [Bool], covariates: Covariates, columns: Int,
                 strata: [Int32]?, weights: [Double]?, start: [Double]?) throws(CoxError) {
        try CoxRiskSets.validate(time: inputTime, event: inputEvent, covariates: covariates, columns: columns,
                                 strata: strata, weights: weights)
        if let start {
            guard start.count == inputTime.count else {
                throw .dimensionMismatch("\(start.count) start times for \(inputTime.count) stop times")
            }
            for i in start.indices where !(start[i] < inputTime[i]) {
                throw .invalidValue(row: i, what: "start time \(start[i]) is not before the stop time \(inputTime[i])")
            }
        }
        let n = inputTime.count
        let strataCount = Int((strata?.max() ?? 0) + 1)
        // The sort by time and the columns' centres need nothing from each other: one thread each.
        var sorted: [Int] = [], centres: (means: [Double], scales: [Double]) = ([], [])
        withUnsafeMutablePointer(to: &sorted) { sortedOut in
        withUnsafeMutablePointer(to: &centres) { centresOut in
            nonisolated(unsafe) let sortedOut = sortedOut, centresOut = centresOut
            ParallelLoop.run(2, values: n * max(columns, 1)) { k in
                if k == 0 {
                    sortedOut.pointee = CoxRiskSets.order(time: inputTime, strata: strata, strataCount: strataCount)
                } else {
                    centresOut.pointee = CoxRiskSets.columnCentres(covariates, columns: columns, weights: weights,
                                                                   unweightedMeans: start != nil)
                }
            }
        }}
        let order = sorted
        let stratum = strata.map { s in order.map { s[$0] } } ?? [Int32](repeating: 0, count: n)
        var last = [Bool](repeating: false, count: n)
        for i in 0..<n where i == n - 1 || stratum[i + 1] != stratum[i] { last[i] = true }
        let weight = weights.map { w in order.map { w[$0] } } ?? [Double](repeating: 1, count: n)
        let event = order.map { inputEvent[$0] }
        var totalWeight = 0.0
        for w in weight { totalWeight += w }
        let (means, scales) = centres
        let x = CoxRiskSets.centredGather(covariates, columns: columns, order: order, means: means, scales: scales)

        self.count = n
        self.columns = columns
        self.order = order
        self.time = order.map { inputTime[$0] }
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
        var first = [Int](repeating: n, count: strataCount)
        for i in stride(from: n - 1, through: 0, by: -1) { first[Int(stratum[i])] = i }
        self.stratumFirst = first
        if let start {
            let entry = order.map { start[$0] }
            self.entry = entry
            let byStart = CoxRiskSets.startOrder(entry: entry, stratum: stratum, strataCount: strataCount)
            self.byStart = byStart
            (self.startSorted, self.xByStart, self.startRank) = CoxRiskSets.startLayout(
                byStart: byStart, entry: entry, x: x, columns: columns)
        } else {
            self.entry = nil
            self.byStart = nil
            self.startSorted = []
            self.xByStart = []
            self.startRank = []
        }
    }

    /// Centred, scaled linear predictor Σⱼ βⱼ·xᵢⱼ for each sorted row (β on the scaled axis),
    /// in fixed blocks of rows, on all cores when large (each row's sum is the same whatever
    /// the thread).
    func linearPredictor(scaledBeta beta: [Double]) -> [Double] {
        let p = columns, n = count
        let offset = self.offset
        return x.withUnsafeBufferPointer { xs in
            nonisolated(unsafe) let xs = xs
            return [Double](unsafeUninitializedCapacity: n) { eta, initialized in
                nonisolated(unsafe) let eta = eta
                let block = CoxRiskSets.scatterBlock
                let blocks = (n + block - 1) / block
                ParallelLoop.run(blocks, values: n * p) { b in
                    for i in (b * block)..<min(n, (b + 1) * block) {
                        var z = 0.0
                        for j in 0..<p { z += beta[j] * xs[i * p + j] }
                        eta[i] = offset.isEmpty ? z : z + offset[i]
                    }
                }
                initialized = n
            }
        }
    }
}
