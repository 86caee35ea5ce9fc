import PlatformSupport

/// The weights of the Fleming–Harrington G(ρ, γ) family of weighted log-rank tests.
///
/// At an event time t the contribution of the risk set is weighted by
/// w(t) = Ŝ(t−)^ρ · (1 − Ŝ(t−))^γ, where Ŝ(t−) is the Kaplan–Meier estimate pooled over the
/// groups, just before t, computed within each stratum (Fleming & Harrington 1991, §7.3;
/// Harrington & Fleming 1982, Biometrika 69:553). G(0, 0) is the log-rank test, G(1, 0) the
/// Peto–Peto/Prentice form that R's `survdiff(rho = 1)` computes; γ > 0 puts weight on late
/// differences. R's `survdiff` has no γ: with γ = 0 the weights are exactly its `rho` weights.
public struct FlemingHarrington: Sendable, Hashable, CustomStringConvertible {
    /// ρ: the weight Ŝ(t−)^ρ emphasises early differences.
    public let rho: Double
    /// γ: the weight (1 − Ŝ(t−))^γ emphasises late differences.
    public let gamma: Double

    /// The unweighted log-rank test, G(0, 0).
    public static let logRank = FlemingHarrington(checkedRho: 0, gamma: 0)

    /// Weights with ρ ≥ 0 and γ ≥ 0, both finite; nil otherwise (the family is defined for
    /// non-negative exponents, and a negative γ is infinite at the first event time).
    public init?(rho: Double, gamma: Double = 0) {
        guard rho.isFinite, gamma.isFinite, rho >= 0, gamma >= 0 else { return nil }
        self.init(checkedRho: rho, gamma: gamma)
    }

    private init(checkedRho rho: Double, gamma: Double) {
        // +0 normalises a -0 so that equal weights compare and print equal.
        self.rho = rho + 0
        self.gamma = gamma + 0
    }

    /// The largest ρ or γ a design or a simulation accepts (`design --fh-rho/--fh-gamma`,
    /// `simulate --test fh:RHO,GAMMA`). Practice uses 0 to 2 (Fleming & Harrington 1991 §7.3;
    /// Lee 2007 and Karrison 2016 build MaxCombo from 0 and 1). At γ = 10 the weight
    /// (1 − Ŝ)^γ is already 0.001 where Ŝ = 0.5 against 0.35 where Ŝ = 0.1; far beyond it the weights of a
    /// simulated trial underflow to 0 (γ = 10⁹: every weight), the test is undefined in every
    /// replicate and would be counted as never rejecting (power 0), and a design's weighted
    /// drift tends to 0 (power → α). `logrank` has no such bound: it analyses one data set, as
    /// R's `survdiff(rho =)` does for any ρ, and refuses weights that vanish in that data.
    public static let largestDesignExponent = 10.0

    /// True for G(0, 0), whose weight is 1 at every time.
    public var isLogRank: Bool { rho == 0 && gamma == 0 }

    /// w = S^ρ (1 − S)^γ for the pooled survival S = Ŝ(t−) just before the event time.
    /// As C's `pow`, 0⁰ = 1, so ρ = 0 or γ = 0 leaves the other factor alone.
    @inline(__always)
    public func weight(survivalBefore s: Double) -> Double {
        if isLogRank { return 1 }
        var w = rho == 0 ? 1 : pow(s, rho)
        if gamma != 0 { w *= pow(1 - s, gamma) }
        return w
    }

    /// `G(rho = ρ, gamma = γ)`, as R's `survdiff` call reads.
    public var description: String { "G(rho = \(rho), gamma = \(gamma))" }
}
