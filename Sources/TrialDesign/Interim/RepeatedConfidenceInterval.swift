import PlatformSupport

/// A confidence interval for a hazard ratio (treatment : control).
public struct HazardRatioInterval: Sendable, Equatable {
    /// Lower limit of the repeated confidence interval of the hazard ratio.
    public let lower: Double
    /// Upper limit of the repeated confidence interval of the hazard ratio.
    public let upper: Double
}

/// Repeated confidence intervals (Jennison & Turnbull 1989) for the hazard ratio of a
/// group-sequential survival trial, as rpact's `getRepeatedConfidenceIntervals(design, dataset)`
/// for survival data and a non-binding design.
///
/// At look k the interval holds the hazard ratios θ₀ that the design's level-c_k test would not
/// reject: with the cumulative log-rank Z_k, D_k events and allocation r_k,
/// log θ₀ = log θ̂_k ∓ c_k·(1 + r_k)/√(r_k·D_k), where log θ̂_k = ±Z_k·(1 + r_k)/√(r_k·D_k).
/// All the intervals cover the true hazard ratio simultaneously with probability 1 − α
/// (one-sided designs: 1 − 2α). rpact applies no futility correction to non-binding designs.
public enum RepeatedConfidenceInterval {
    /// - Parameters:
    ///   - observed: the looks so far.
    ///   - criticalValues: c_k for each observed look (the design's, or those recomputed at the
    ///     information actually observed).
    ///   - direction: the side of 1 the alternative lies on (orients Z).
    /// - Returns: one interval per look; nil where the critical value is infinite (no test at that look).
    /// - Complexity: O(K).
    public static func hazardRatio(observed: LogRankLooks, criticalValues: [Double],
                                   direction: HazardRatioDirection) throws(GroupSequentialError)
        -> [HazardRatioInterval?]
    {
        guard criticalValues.count >= observed.count else {
            throw .invalidParameter("\(observed.count) looks but \(criticalValues.count) critical values")
        }
        return observed.events.indices.map { k in
            let c = criticalValues[k]
            guard c.isFinite else { return nil }
            let se = observed.standardError(at: k)
            let estimate = observed.effectEstimate(at: k)
            let a = direction.hazardRatio(effect: estimate - c * se)
            let b = direction.hazardRatio(effect: estimate + c * se)
            return HazardRatioInterval(lower: min(a, b), upper: max(a, b))
        }
    }
}
