import Testing
import TestSupport
@testable import TrialDesign

@Suite struct FutilityBoundariesTests {
    /// The spending is met to the root finder's tolerance; the power only to the integration's
    /// accuracy (probability mass is conserved to about 1e-9).
    static let probability = Tolerance(relative: 0, absolute: 1e-8)

    /// At the drift found, the futility stops spend β(t_k) and the power is 1 − β — checked by an
    /// independent pass of the integration (rpact's own numbers are in GroupSequentialBoundariesTests).
    @Test func boundsSpendBetaAtTheDriftFound() throws {
        let rates = [0.25, 0.5, 0.75, 1]
        let critical = try EfficacyBoundaries.criticalValues(
            informationRates: rates, cumulativeAlpha: rates.map { SpendingFunction.obrienFleming.spent(0.025, at: $0) }, sides: 1)
        for spending: SpendingFunction in [.pocock, .obrienFleming, .hwangShihDeCani(gamma: -2), .kimDeMets(rho: 2)] {
            let solution = try FutilityBoundaries.betaSpending(informationRates: rates, criticalValues: critical,
                                                               beta: 0.1, spending: spending)
            #expect(solution.bounds.count == 3)
            let p = CrossingProbabilities(informationRates: rates, lower: solution.bounds + [-.infinity],
                                          upper: critical, drift: solution.drift)
            var spent = 0.0
            for k in 0..<3 {
                spent += p.lower[k]
                #expect(Self.probability.accepts(spent, spending.spent(0.1, at: rates[k])), "\(spending) look \(k + 1)")
                #expect(solution.bounds[k] < critical[k])
            }
            #expect(Self.probability.accepts(p.upper.reduce(0, +), 0.9), "\(spending) power")
        }
    }
}
