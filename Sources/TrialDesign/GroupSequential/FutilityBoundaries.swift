import GSLSupport

/// Non-binding futility bounds by beta spending for a one-sided test, as rpact's
/// `getDesignGroupSequential(typeBetaSpending = "bsOF" | "bsP" | "bsHSD" | "bsKD",
/// bindingFutility = FALSE)`.
///
/// The efficacy bounds c_k are fixed first (alpha spending ignores the futility bounds, which
/// is what makes them non-binding). For a drift θ (E[Z_k] = θ√t_k), the futility bound u_k
/// solves P_θ(continue to k, Z_k ≤ u_k) = β(t_k) − (type II error already spent), look by
/// look. θ is then chosen so that the bounds meet at the last look, u_K = c_K: equivalently the
/// total type II error through look K is exactly β, so the power with futility stops is 1 − β.
/// (rpact solves u_K(θ) = c_K by bisection; the root is the same.)
public enum FutilityBoundaries {
    /// The futility bounds and the drift they were computed under.
    public struct Solution: Sendable, Equatable {
        /// u_1 … u_{K−1}.
        public let bounds: [Double]
        /// θ, the drift at which the power is 1 − β.
        public let drift: Double
    }

    /// - Parameters:
    ///   - informationRates: t_1 < … < t_K = 1.
    ///   - criticalValues: the one-sided efficacy bounds c_1 … c_K.
    ///   - beta: the type II error to spend, 0 < β < 1 − α.
    ///   - spending: the beta-spending function (one-sided form).
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Complexity: O(K·m²) per drift tried; Brent's method tries a few dozen.
    public static func betaSpending(
        informationRates: [Double], criticalValues: [Double], beta: Double,
        spending: SpendingFunction, gridSize: Int = GroupSequentialDesign.defaultGridSize
    ) throws(GroupSequentialError) -> Solution {
        let rates = informationRates
        precondition(rates.count == criticalValues.count && rates.count >= 2, "two or more looks")
        let cumulativeBeta = rates.map { spending.spent(beta, at: $0, sides: 1) }

        // The type II error through look K minus β, with the futility bounds spent at drift θ.
        func excessTypeTwoError(_ theta: Double, _ r: Int = gridSize) throws(GroupSequentialError) -> (Double, [Double]) {
            let integrator = SequentialIntegrator(drift: theta, gridSize: r)
            var density: SubDensity? = nil
            var spent = 0.0
            var bounds: [Double] = []
            for k in 0..<(rates.count - 1) {
                let t = rates[k], c = criticalValues[k]
                let target = cumulativeBeta[k] - spent
                let u: Double
                let atCritical = integrator.probabilityBelow(c, rate: t, after: density)
                if !(target > 0) {
                    u = -.infinity
                } else if atCritical <= target {
                    // The bound would pass the efficacy bound: every path stops here.
                    u = c
                } else if density == nil {
                    u = min(c, Normal.quantile(target) + theta * t.squareRoot())
                } else {
                    // Z_k lies within its mean ± 40 (c_k is +∞ where a look spends no alpha).
                    let low = theta * t.squareRoot() - 40
                    let high = min(c, theta * t.squareRoot() + 40)
                    do {
                        u = try RootFinder.brent(lower: low, upper: high, absoluteTolerance: 1e-13,
                                                 relativeTolerance: 1e-13) {
                            integrator.probabilityBelow($0, rate: t, after: density) - target
                        }
                    } catch {
                        throw .numericalFailure("look \(k + 1): futility bound search failed: \(error)")
                    }
                }
                spent += integrator.probabilityBelow(u, rate: t, after: density)
                bounds.append(u)
                density = integrator.advance(from: density, rate: t, lower: u, upper: c)
            }
            let last = rates.count - 1
            let finalMiss = integrator.probabilityBelow(criticalValues[last], rate: rates[last], after: density)
            return (spent + finalMiss - beta, bounds)
        }

        // The excess falls as θ grows: at θ = 0 it is about 1 − α − β > 0, and the root lies
        // near the fixed design's c_K + z_β (somewhat above it when the bounds stop early).
        let coarse = max(8, gridSize / 2)
        var high = max(1, 1.5 * (criticalValues[rates.count - 1] + Normal.upperQuantile(beta)))
        var tries = 0
        while try excessTypeTwoError(high, coarse).0 > 0 {
            high *= 2
            tries += 1
            if tries > 10 { throw .numericalFailure("no drift gives power \(1 - beta) with these futility bounds") }
        }
        guard try excessTypeTwoError(0, coarse).0 > 0 else {
            throw .invalidParameter("beta \(beta) is too large for this design: the futility bounds cannot spend it")
        }
        let theta = try DriftSearch.root(lower: 0, upper: high, gridSize: gridSize) { x, r throws(GroupSequentialError) in
            try excessTypeTwoError(x, r).0
        }
        return Solution(bounds: try excessTypeTwoError(theta).1, drift: theta)
    }
}
