import PlatformSupport

/// The time transform g(t) of the proportional-hazards test (R's `cox.zph(fit, transform =)`).
public enum CoxZphTransform: String, CaseIterable, Sendable {
    /// 1 − Ŝ(t−) of the pooled, unweighted Kaplan–Meier (R's default).
    case km
    /// The rank of t among all rows' times, ties averaged (R's `rank(times)`).
    case rank
    /// t itself.
    case identity
    /// log t (every event time must be > 0).
    case log

    /// g(tᵢ) per sorted row, less its mean over the events (as `cox.zph` centres `ttimes`);
    /// only the events' values enter the test. `.km` is centred by ``CoxModel`` itself.
    /// - Complexity: O(n log n) for ranks, O(n) otherwise.
    func centred(_ data: CoxRiskSets) -> [Double] {
        let g = values(data)
        var sum = 0.0
        for i in 0..<data.count where data.event[i] { sum += g[i] }
        let mean = sum / Double(data.eventCount)
        return g.map { $0 - mean }
    }

    /// g(tᵢ) per sorted row, not centred (R's `cox.zph(fit)$x`); `.km` included.
    /// - Complexity: O(n log n).
    func values(_ data: CoxRiskSets) -> [Double] {
        let n = data.count
        var g = [Double](repeating: 0, count: n)
        switch self {
        case .km:
            g = CoxModel.kaplanMeierFailure(data)
        case .identity:
            g = data.time
        case .log:
            g = data.time.map(naturalLog)
        case .rank:
            let byTime = RadixSort.order(data.time).map { Int($0) }
            var k = 0
            while k < n {
                var j = k
                while j < n && data.time[byTime[j]] == data.time[byTime[k]] { j += 1 }
                let average = Double(k + 1 + j) / 2   // mean of ranks k+1 … j
                for m in k..<j { g[byTime[m]] = average }
                k = j
            }
        }
        return g
    }
}

/// log x, named apart from the `.log` case.
private func naturalLog(_ x: Double) -> Double { log(x) }
