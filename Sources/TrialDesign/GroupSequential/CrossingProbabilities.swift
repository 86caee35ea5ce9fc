/// The probabilities that a group-sequential trial leaves its continuation region at each look,
/// as rpact's `getGroupSequentialProbabilities` gives them.
///
/// At look k the trial continues while lower_k < Z_k < upper_k; `upper[k]` is
/// P(continue to k, Z_k ≥ upper_k) and `lower[k]` is P(continue to k, Z_k ≤ lower_k), for
/// Z_k ~ N(θ√t_k, 1) jointly as the increments of a Brownian motion in information time.
public struct CrossingProbabilities: Sendable, Equatable {
    /// Cumulative information rates t₁ < … < t_K = 1.
    public let informationRates: [Double]
    /// θ, E[Z_k] = θ√t_k (0 when the means were given per look).
    public let drift: Double
    /// Probability of crossing the efficacy bound at each look (first crossing).
    public let upper: [Double]
    /// Probability of crossing the futility bound at each look (first crossing).
    public let lower: [Double]

    /// - Parameters:
    ///   - informationRates: t_1 < … < t_K, positive (need not end at 1).
    ///   - lower: lower boundaries (−∞ for none); a lower bound above the upper one is taken as equal to it.
    ///   - upper: upper boundaries (+∞ for none).
    ///   - drift: θ.
    ///   - gridSize: Jennison & Turnbull's r.
    /// - Complexity: O(K·m²), m ≈ 12·gridSize.
    public init(informationRates: [Double], lower: [Double], upper: [Double], drift: Double,
                gridSize: Int = GroupSequentialDesign.defaultGridSize) {
        self.init(informationRates: informationRates, lower: lower, upper: upper, drift: drift,
                  integrator: SequentialIntegrator(drift: drift, gridSize: gridSize))
    }

    /// Crossing probabilities when E[Z_k] is any value δ_k per look rather than θ√t_k: the
    /// canonical joint distribution Z_k ~ N(δ_k, 1), corr(Z_j, Z_k) = √(t_j/t_k) for j ≤ k
    /// (Jennison & Turnbull 2000, §3.1), which gsDesign2's `gs_power_npe` integrates for a
    /// drift that does not grow as √t (non-proportional hazards). ``drift`` is then nil's
    /// stand-in 0.
    /// - Parameters:
    ///   - informationRates: t_1 < … < t_K, positive.
    ///   - lower: lower boundaries (−∞ for none).
    ///   - upper: upper boundaries (+∞ for none).
    ///   - means: δ_k = E[Z_k], one per look.
    ///   - gridSize: Jennison & Turnbull's r.
    /// - Complexity: O(K·m²), m ≈ 12·gridSize.
    public init(informationRates: [Double], lower: [Double], upper: [Double], means: [Double],
                gridSize: Int = GroupSequentialDesign.defaultGridSize) {
        precondition(means.count == informationRates.count, "one mean per look")
        var scoreMeans: [Double: Double] = [:]
        for (t, mean) in zip(informationRates, means) { scoreMeans[t] = mean * t.squareRoot() }
        self.init(informationRates: informationRates, lower: lower, upper: upper, drift: 0,
                  integrator: SequentialIntegrator(scoreMeans: scoreMeans, gridSize: gridSize))
    }

    private init(informationRates: [Double], lower: [Double], upper: [Double], drift: Double,
                 integrator: SequentialIntegrator) {
        precondition(lower.count == informationRates.count && upper.count == informationRates.count,
                     "one lower and one upper boundary per look")
        var up: [Double] = [], down: [Double] = []
        var density: SubDensity? = nil
        for (k, t) in informationRates.enumerated() {
            let b = upper[k], a = min(lower[k], upper[k])
            up.append(integrator.probabilityAbove(b, rate: t, after: density))
            down.append(integrator.probabilityBelow(a, rate: t, after: density))
            if k + 1 < informationRates.count {
                density = integrator.advance(from: density, rate: t, lower: a, upper: b)
            }
        }
        self.informationRates = informationRates
        self.drift = drift
        self.upper = up
        self.lower = down
    }

    /// P(the trial stops at look k), any boundary; the last look takes all that reaches it,
    /// so the values sum to 1.
    public var stopping: [Double] {
        var result: [Double] = []
        var before = 0.0
        for k in upper.indices {
            let p = k + 1 < upper.count ? upper[k] + lower[k] : 1 - before
            result.append(p)
            before += p
        }
        return result
    }

    /// E[t at stopping], the expected information as a fraction of the maximum.
    public var expectedInformationRate: Double {
        zip(stopping, informationRates).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
