/// The MaxCombo test: the largest of several standardised Fleming–Harrington statistics of a
/// two-group comparison, with a p-value from their joint normal distribution (Lee 2007,
/// Biometrics 63:1087; Karrison 2016, Stat Biopharm Res 8:1; Roychoudhury et al. 2021).
///
/// For each G(ρⱼ, γⱼ) of ``components``, zⱼ = (O₁ − E₁)ⱼ / √Vⱼ for the FIRST group, as
/// ``LogRankStatistics/z`` (stratified sums when the data have strata). Under equal hazards
/// the scores Uⱼ = (O₁ − E₁)ⱼ are jointly normal with Cov(U_a, U_b) = Σ_t w_a w_b d(n − d)/(n − 1)
/// · (r₁/n)(1 − r₁/n) (``LogRankEventTable/firstGroupCovariance(_:_:)``), whose correlation R is
/// estimated from the data. Then, with Z ~ N(0, R) (Genz's lattice integration, `MultivariateNormalProbability`):
/// - two-sided: statistic max |zⱼ|, p = 1 − P(|Zⱼ| < max |zⱼ| for all j);
/// - one-sided, for a lower hazard in the first group: statistic max(−zⱼ),
///   p = 1 − P(Zⱼ < max(−zⱼ) for all j), as simtrial's `maxcombo` orients it.
public struct MaxComboTest: Sendable, Equatable {
    /// FH(0,0), FH(0,1), FH(1,0), FH(1,1): the set most MaxCombo designs use.
    public static let defaultComponents: [FlemingHarrington] = [
        FlemingHarrington(rho: 0, gamma: 0)!, FlemingHarrington(rho: 0, gamma: 1)!,
        FlemingHarrington(rho: 1, gamma: 0)!, FlemingHarrington(rho: 1, gamma: 1)!,
    ]
    /// More components than this are refused (the integration is sized for small dimensions).
    public static let maximumComponents = 6

    /// The Fleming–Harrington statistics whose maximum is taken (default FH(0,0), FH(0,1), FH(1,0), FH(1,1)).
    public let components: [FlemingHarrington]
    /// zⱼ of the first group for each component.
    public let z: [Double]
    /// The estimated correlation matrix of the zⱼ, row-major.
    public let correlation: [Double]
    /// max |zⱼ| and its two-sided p-value.
    public let statistic: Double
    /// Two-sided p-value of max |Zᵢ| from the joint normal law (R's `mvtnorm::pmvnorm`).
    public let pValue: Double
    /// max(−zⱼ) and its one-sided p-value (first group at lower hazard).
    public let oneSidedStatistic: Double
    /// One-sided p-value of max Zᵢ (benefit of the first group's comparison direction).
    public let oneSidedPValue: Double
    /// The larger of the two integration error bounds (absolute, on the p-values).
    public let pValueErrorBound: Double
    /// The rank of the correlation matrix (3 for the default set: FH(0,0) = FH(1,0) + FH(0,1)).
    public let rank: Int

    /// Why the test cannot be computed.
    public enum Failure: Error, Equatable, Sendable {
        /// A component set with fewer than 2 or more than ``maximumComponents`` members, or repeated.
        case componentCount(Int)
        case repeatedComponent(FlemingHarrington)
        /// The groups are not exactly two.
        case groupCount(Int)
        /// A component has zero variance (e.g. γ > 0 when every event is at the first event time).
        case noVariance(FlemingHarrington)
    }

    /// Computes the test from the event table of two groups.
    /// - Parameters:
    ///   - table: the two groups' event table.
    ///   - components: the Fleming–Harrington statistics whose maximum is taken.
    ///   - integrationError: the absolute error bound the joint normal integration aims at
    ///     (default 1e-8; `simulate --test maxcombo` uses a looser one, since it only compares p with α).
    /// - Complexity: O(D·m²) for D event times and m components, plus the integration.
    public init(_ table: LogRankEventTable, components: [FlemingHarrington] = MaxComboTest.defaultComponents,
                integrationError: Double = 1e-8) throws(Failure) {
        let m = components.count
        guard m >= 2 && m <= Self.maximumComponents else { throw .componentCount(m) }
        for (i, c) in components.enumerated() where components[..<i].contains(c) { throw .repeatedComponent(c) }
        guard table.groupCount == 2 else { throw .groupCount(table.groupCount) }
        let weights = components.map { table.weights(.flemingHarrington($0)) }
        var covariance = [Double](repeating: 0, count: m * m)
        for a in 0..<m {
            for b in a..<m {
                let c = table.firstGroupCovariance(weights[a], weights[b])
                covariance[a * m + b] = c
                covariance[b * m + a] = c
            }
        }
        var z = [Double](repeating: 0, count: m)
        for j in 0..<m {
            guard covariance[j * m + j] > 0 else { throw .noVariance(components[j]) }
            let s = table.statistics(weights: weights[j], reportedWeights: components[j])
            z[j] = (s.observed[0] - s.expected[0]) / covariance[j * m + j].squareRoot()
        }
        var correlation = covariance
        for a in 0..<m {
            for b in 0..<m {
                correlation[a * m + b] = a == b ? 1
                    : covariance[a * m + b] / (covariance[a * m + a] * covariance[b * m + b]).squareRoot()
            }
        }
        let statistic = z.map(abs).max()!
        let oneSided = z.map { -$0 }.max()!
        let two = MultivariateNormalProbability.probability(
            lower: Array(repeating: -statistic, count: m), upper: Array(repeating: statistic, count: m),
            correlation: correlation, target: integrationError)
        let one = MultivariateNormalProbability.probability(
            lower: Array(repeating: -.infinity, count: m), upper: Array(repeating: oneSided, count: m),
            correlation: correlation, target: integrationError)
        self.components = components
        self.z = z
        self.correlation = correlation
        self.statistic = statistic
        pValue = min(max(1 - two.probability, 0), 1)
        oneSidedStatistic = oneSided
        oneSidedPValue = min(max(1 - one.probability, 0), 1)
        pValueErrorBound = max(two.errorBound, one.errorBound)
        rank = two.rank
    }
}

extension MaxComboTest {
    /// The test on the two groups of `data` (stratified sums when it has strata).
    /// Errors: see ``Failure``.
    /// - Complexity: O(n log n) for the event table, then as ``init(_:components:)``.
    public init(_ data: SurvivalData, components: [FlemingHarrington] = MaxComboTest.defaultComponents)
        throws(Failure) {
        guard let group = data.group else { throw .groupCount(0) }
        let table = LogRankEventTable(time: data.time, event: data.event, group: group.codes,
                                      groupCount: group.levels.count, strata: data.strata?.codes,
                                      stratumCount: data.strata?.levels.count ?? 1)
        try self.init(table, components: components)
    }
}
