import GSLSupport

/// Observed and expected (weighted) event counts per group and their variance matrix: what
/// R's `survdiff` computes before the chi-square, summed over strata.
///
/// Group g's contribution at an event time with n at risk, d events, r_g at risk in g and d_g
/// events in g, weight w (``FlemingHarrington``):
///   O_g += w d_g,  E_g += w d r_g / n,
///   V_gh += w² d (n − d) / (n (n − 1)) · (r_g [g = h] − r_g r_h / n)   (hypergeometric; n > 1).
/// With weights, `observed` is the weighted count, as survdiff's `obs`.
public struct LogRankStatistics: Sendable, Equatable {
    /// Number of groups k.
    public let groupCount: Int
    /// Number of strata.
    public let stratumCount: Int
    /// The Fleming–Harrington weights the statistic was computed with.
    public let weights: FlemingHarrington
    /// Rows in each group (R's `n`).
    public let size: [Int]
    /// Unweighted events in each group.
    public let events: [Int]
    /// Weighted observed events per group, summed over strata.
    public let observed: [Double]
    /// Weighted expected events per group under equal hazards, summed over strata.
    public let expected: [Double]
    /// The k × k variance matrix of O − E, row-major, summed over strata.
    public let variance: [Double]
    /// Rows in each stratum.
    public let stratumSize: [Int]
    /// Rows per stratum and group, stratum-major (`s * groupCount + g`).
    public let sizeByStratum: [Int]
    /// Observed per stratum and group, stratum-major.
    public let observedByStratum: [Double]
    /// Expected per stratum and group, stratum-major.
    public let expectedByStratum: [Double]

    /// Assembles the statistics from per-stratum counts; the totals are summed here.
    /// - Complexity: O(S·k) for S strata and k groups.
    public init(groupCount: Int, stratumCount: Int, weights: FlemingHarrington, size: [Int], events: [Int],
                variance: [Double], stratumSize: [Int], sizeByStratum: [Int],
                observedByStratum: [Double], expectedByStratum: [Double]) {
        let k = groupCount
        precondition(size.count == k && events.count == k && variance.count == k * k)
        precondition(observedByStratum.count == stratumCount * k && expectedByStratum.count == stratumCount * k)
        self.groupCount = k
        self.stratumCount = stratumCount
        self.weights = weights
        self.size = size
        self.events = events
        self.variance = variance
        self.stratumSize = stratumSize
        self.sizeByStratum = sizeByStratum
        self.observedByStratum = observedByStratum
        self.expectedByStratum = expectedByStratum
        // Totals summed stratum by stratum, as survdiff's apply(obs, 1, sum).
        var o = [Double](repeating: 0, count: k), e = [Double](repeating: 0, count: k)
        for s in 0..<stratumCount {
            for g in 0..<k { o[g] += observedByStratum[s * k + g]; e[g] += expectedByStratum[s * k + g] }
        }
        observed = o
        expected = e
    }

    /// V[i, j].
    public func variance(_ i: Int, _ j: Int) -> Double { variance[i * groupCount + j] }

    /// (O − E)² / E per group, the column R's `print.survdiff` shows (NaN when E = 0).
    public var squaredDifferenceOverExpected: [Double] {
        (0..<groupCount).map { g in
            let d = observed[g] - expected[g]
            return d * d / expected[g]
        }
    }

    /// (O − E)² / V_gg per group, as `print.survdiff` (NaN when V_gg = 0).
    public var squaredDifferenceOverVariance: [Double] {
        (0..<groupCount).map { g in
            let d = observed[g] - expected[g]
            return d * d / variance(g, g)
        }
    }

    /// All unweighted events.
    public var totalEvents: Int { events.reduce(0, +) }

    /// The signed statistic of a two-group test, z = (O₁ − E₁) / √V₁₁ for the FIRST group
    /// (code 0). Positive when the first group has more events than expected under equal
    /// hazards, i.e. a higher hazard in the first group; z² is the chi-square. Nil unless
    /// there are exactly two groups and V₁₁ > 0.
    public var z: Double? {
        guard groupCount == 2, variance[0] > 0 else { return nil }
        return (observed[0] - expected[0]) / variance[0].squareRoot()
    }

    /// The chi-square test of equal hazards across groups, as R's `survdiff`:
    /// (O − E)ᵀ V⁻ (O − E) over the groups with E > 0, the first of them dropped (which makes
    /// the reduced V invertible and the choice of generalised inverse immaterial), on
    /// (number of groups with E > 0) − 1 degrees of freedom. Fewer than two such groups give
    /// chi-square 0 on 0 df and p = 1, as R's `pchisq(0, 0, lower.tail = FALSE)`.
    ///
    /// Where R's `solve` would stop on an exactly singular reduced V (groups whose risk sets
    /// always move together), survkit drops the dependent directions (a Cholesky factorisation that drops zero pivots)
    /// and counts only the remaining rank as degrees of freedom.
    /// - Complexity: O(k³).
    public func chiSquare() -> LogRankChiSquare {
        let kept = (0..<groupCount).filter { expected[$0] > 0 }
        guard kept.count >= 2 else { return LogRankChiSquare(statistic: 0, degreesOfFreedom: 0) }
        let reduced = Array(kept.dropFirst())
        let m = reduced.count
        let difference = reduced.map { observed[$0] - expected[$0] }
        var matrix = [Double](repeating: 0, count: m * m)
        for (a, i) in reduced.enumerated() {
            for (b, j) in reduced.enumerated() { matrix[a * m + b] = variance(i, j) }
        }
        let factor = PivotDroppingCholesky(symmetric: matrix, dimension: m)
        let solution = factor.solve(difference)
        var statistic = 0.0
        for a in 0..<m { statistic += solution[a] * difference[a] }
        return LogRankChiSquare(statistic: statistic, degreesOfFreedom: factor.rank)
    }
}

/// A chi-square statistic with its degrees of freedom and upper-tail p-value.
public struct LogRankChiSquare: Sendable, Equatable {
    /// The χ² statistic (O − E)ᵀ V⁻ (O − E) (R's `survdiff()$chisq`).
    public let statistic: Double
    /// Degrees of freedom: the rank of V (k − 1 for k groups with events).
    public let degreesOfFreedom: Int
    /// P(χ²_df > statistic); 1 when df = 0 (R's `pchisq(0, 0, lower.tail = FALSE)`).
    public let pValue: Double

    /// A statistic and its degrees of freedom; the p-value is the upper χ² tail.
    public init(statistic: Double, degreesOfFreedom: Int) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        pValue = degreesOfFreedom == 0 ? 1
            : ChiSquared.upperTail(statistic, degreesOfFreedom: Double(degreesOfFreedom))
    }
}
