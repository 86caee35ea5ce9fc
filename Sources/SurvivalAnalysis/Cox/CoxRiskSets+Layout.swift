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

    /// The removal sweep's copies in start order (``CoxRiskSets/startSorted``,
    /// ``CoxRiskSets/xByStart``, ``CoxRiskSets/startRank``): one gather of n·p values, paid
    /// once, against a random 8p-byte read per row per Newton iteration.
    /// - Complexity: O(n·p).
    static func startLayout(byStart: [Int32], entry: [Double], x: [Double],
                            columns p: Int) -> (starts: [Double], x: [Double], rank: [Int32]) {
        let n = byStart.count
        var starts = [Double](repeating: 0, count: n)
        var moved = [Double](repeating: 0, count: n * p)
        var rank = [Int32](repeating: 0, count: n)
        x.withUnsafeBufferPointer { x in
            moved.withUnsafeMutableBufferPointer { moved in
                for k in 0..<n {
                    let row = Int(byStart[k])
                    starts[k] = entry[row]
                    rank[row] = Int32(k)
                    for j in 0..<p { moved[k * p + j] = x[row * p + j] }
                }
            }
        }
        return (starts, moved, rank)
    }
}
