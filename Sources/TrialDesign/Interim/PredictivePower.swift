import PlatformSupport
import GSLSupport

/// Predictive power (Spiegelhalter, Freedman & Blackburn 1986; Jennison & Turnbull 2000 §10.2):
/// the conditional power averaged over the posterior of the effect given the data so far.
///
/// With a flat prior on the efficacy-scale log hazard ratio δ, its posterior after look s is
/// N(δ̂_s, se_s²), δ̂_s = Z_s·(1 + r)/√(r·D_s) and se_s = (1 + r)/√(r·D_s) (the normal
/// approximation of the log-rank statistic that rpact's conditional power uses). The
/// predictive power is ∫ CP(δ) φ((δ − δ̂_s)/se_s)/se_s dδ, computed by composite Simpson's rule
/// over δ̂_s ± 8·se_s (the normal mass beyond is below 1e-15). A design prior N(m₀, s₀²) (the
/// design's effect with the weight of n₀ events) gives the usual normal–normal posterior instead.
public enum PredictivePower {
    /// Simpson intervals over ±8 standard deviations (CP is smooth in δ; 1e-8 accuracy).
    static let intervals = 200
    static let halfWidth = 8.0

    /// - Parameters:
    ///   - estimate: δ̂_s.
    ///   - standardError: se_s.
    ///   - conditionalPower: CP(δ), the probability of rejecting H0 by the final look if the
    ///     rest of the trial has effect δ.
    /// - Complexity: 201 evaluations of `conditionalPower`.
    public static func flatPrior(
        estimate: Double, standardError: Double,
        conditionalPower: (Double) throws(GroupSequentialError) -> Double
    ) throws(GroupSequentialError) -> Double {
        try average(mean: estimate, standardDeviation: standardError, conditionalPower)
    }

    /// The predictive power under a normal prior N(m₀, s₀²) on δ (a design prior): the posterior
    /// is normal with precision 1/s₀² + 1/se² and mean (m₀/s₀² + δ̂/se²)/(1/s₀² + 1/se²).
    /// - Parameters:
    ///   - estimate: δ̂_s, the observed effect −log HR at look s.
    ///   - standardError: se_s, its standard error.
    ///   - conditionalPower: CP(δ), the probability of rejecting H0 by the final look if the
    ///     rest of the trial has effect δ.
    ///   - priorMean: m₀, e.g. the design's effect −log HR.
    ///   - priorStandardError: s₀, e.g. (1 + r)/√(r·n₀) for a prior worth n₀ events.
    /// - Complexity: 201 evaluations of `conditionalPower`.
    public static func normalPrior(
        estimate: Double, standardError: Double, priorMean: Double, priorStandardError: Double,
        conditionalPower: (Double) throws(GroupSequentialError) -> Double
    ) throws(GroupSequentialError) -> Double {
        let w0 = 1 / (priorStandardError * priorStandardError), w1 = 1 / (standardError * standardError)
        let mean = (w0 * priorMean + w1 * estimate) / (w0 + w1)
        return try average(mean: mean, standardDeviation: (1 / (w0 + w1)).squareRoot(), conditionalPower)
    }

    /// E[CP(δ)] for δ ~ N(mean, sd²), composite Simpson over mean ± 8 sd.
    static func average(mean estimate: Double, standardDeviation standardError: Double,
                        _ conditionalPower: (Double) throws(GroupSequentialError) -> Double)
        throws(GroupSequentialError) -> Double
    {
        let n = intervals
        let h = 2 * halfWidth / Double(n)
        var sum = 0.0
        for i in 0...n {
            let u = -halfWidth + Double(i) * h
            let weight = (i == 0 || i == n) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0)
            sum += weight * Normal.pdf(u) * (try conditionalPower(estimate + standardError * u))
        }
        return min(1, max(0, sum * h / 3))
    }
}
