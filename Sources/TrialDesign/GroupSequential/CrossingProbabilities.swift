/// The probabilities that a group-sequential trial leaves its continuation region at each look,
/// as rpact's `getGroupSequentialProbabilities` gives them.
///
/// At look k the trial continues while lower_k < Z_k < upper_k; `upper[k]` is
/// P(continue to k, Z_k ≥ upper_k) and `lower[k]` is P(continue to k, Z_k ≤ lower_k), for
/// Z_k ~ N(θ√t_k, 1) jointly as the increments of a Brownian motion in information time.
public struct CrossingProbabilities: Sendable, Equatable {
    /// Cumulative information rates t₁ < … < t_K = 1.
    public let informationRates: [Double]
    /// θ, E[Z_k] = θ√t_k.
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
        precondition(lower.count == informationRates.count && upper.count == informationRates.count,
                     "one lower and one upper boundary per look")
        let integrator = SequentialIntegrator(drift: drift, gridSize: gridSize)
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
