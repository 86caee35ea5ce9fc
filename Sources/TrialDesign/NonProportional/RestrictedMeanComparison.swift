import GSLSupport

/// The asymptotic comparison of two arms' Kaplan–Meier restricted mean survival times to τ in a
/// planned trial (``NonProportionalDesign/restrictedMeanComparison(patients:at:tau:)``): the
/// true RMSTs, their difference, its standard error with the design's patients, and the power of
/// the Wald test of μ_T − μ_C = 0 (Royston & Parmar 2013; the test `simulate --test rmst:TAU`
/// simulates).
public struct RestrictedMeanComparison: Sendable, Equatable {
    /// The truncation time τ.
    public let tau: Double
    /// μ_C = ∫₀^τ S_C(u) du.
    public let control: Double
    /// μ_T = ∫₀^τ S_T(u) du.
    public let treatment: Double
    /// The asymptotic standard error of μ̂_T − μ̂_C: √(V_T/n_T + V_C/n_C).
    public let standardError: Double

    /// μ_T − μ_C (positive when treatment prolongs survival).
    public var difference: Double { treatment - control }

    /// The drift of the Wald z statistic, (μ_T − μ_C) / SE (0 when SE is not finite).
    public var drift: Double { standardError.isFinite && standardError > 0 ? difference / standardError : 0 }

    /// Power of the level-α test, Φ(|δ| − z_{1−α/s}), plus Φ(−|δ| − z_{1−α/s}) when two-sided
    /// (rejection in either direction, as the log-rank methods of ``NonProportionalDesign``).
    public func power(alpha: Double, sides: Int = 2) -> Double {
        let d = abs(drift), z = Normal.upperQuantile(alpha / Double(sides))
        return Normal.cdf(d - z) + (sides == 2 ? Normal.cdf(-d - z) : 0)
    }
}
