/// The time-dependent Brier score with inverse-probability-of-censoring weights (Graf et al.
/// 1999), as scikit-survival's `brier_score` and `integrated_brier_score`:
///
///   BS(t) = (1/n) Σᵢ [ Ŝᵢ(t)²·1(Tᵢ ≤ t, δᵢ = 1)/Ĝ(Tᵢ) + (1 − Ŝᵢ(t))²·1(Tᵢ > t)/Ĝ(t) ]
///
/// with Ĝ the censoring survival of the training data (``CensoringSurvival``); a zero Ĝ gives
/// the term weight 0, as scikit-survival's `1/inf`. The integrated score is the trapezoidal
/// integral of BS over the given times divided by their range.
public enum BrierScore {
    /// Why the scores cannot be computed.
    public enum Failure: Error, Equatable, Sendable {
        /// Times must be increasing, and there must be at least two for the integrated score.
        case badTimes
        /// A time beyond the last training time while Ĝ there is still positive (undefined).
        case beyondFollowUp(Double)
    }

    /// BS(t) for each time; `survival(i, k)` is subject i's predicted S at `times[k]`.
    /// - Complexity: O(n · times + n log n).
    public static func scores(censoring g: CensoringSurvival, time: [Double], event: [Bool], times: [Double],
                              survival: (Int, Int) -> Double) throws(Failure) -> [Double] {
        if let last = g.times.last, let lastValue = g.values.last, lastValue > 0,
           let beyond = times.first(where: { $0 > last }) { throw .beyondFollowUp(beyond) }
        func inverse(_ v: Double) -> Double { v == 0 ? 0 : 1 / v }
        let atObserved = time.map { inverse(g($0)) }
        return times.enumerated().map { k, t in
            let atT = inverse(g(t))
            var sum = 0.0
            for i in time.indices {
                let s = survival(i, k)
                if time[i] <= t && event[i] { sum += s * s * atObserved[i] } else if time[i] > t { sum += (1 - s) * (1 - s) * atT }
            }
            return sum / Double(time.count)
        }
    }

    /// ∫ BS(t) dt / (t_last − t_first) by the trapezoidal rule over `times`.
    public static func integrated(times: [Double], scores: [Double]) throws(Failure) -> Double {
        guard times.count >= 2, zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .badTimes }
        var area = 0.0
        for k in 1..<times.count { area += (times[k] - times[k - 1]) * (scores[k] + scores[k - 1]) / 2 }
        return area / (times.last! - times.first!)
    }
}
