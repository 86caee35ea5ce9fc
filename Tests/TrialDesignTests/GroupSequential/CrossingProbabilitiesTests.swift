import Testing
import TestSupport
import GSLSupport
@testable import TrialDesign

@Suite struct CrossingProbabilitiesTests {
    static let accurate = Tolerance(relative: 0, absolute: 1e-10)

    @Test func stoppingProbabilitiesSumToOne() {
        let p = CrossingProbabilities(informationRates: [0.25, 0.5, 0.75, 1], lower: [-0.3, 0.4, 1.1, -.infinity],
                                      upper: [3.5, 2.8, 2.3, 2.0], drift: 2.5)
        #expect(Self.accurate.accepts(p.stopping.reduce(0, +), 1))
        #expect(p.expectedInformationRate > 0.25 && p.expectedInformationRate < 1)
        #expect(p.lower[3] == 0)
    }

    @Test func symmetricUnderTheNull() {
        let c = [2.9, 2.4, 2.1]
        let p = CrossingProbabilities(informationRates: [1.0 / 3, 2.0 / 3, 1], lower: c.map { -$0 }, upper: c, drift: 0)
        for k in 0..<3 { #expect(Self.accurate.accepts(p.upper[k], p.lower[k])) }
        #expect(Self.accurate.accepts(p.upper[0], Normal.upperTail(2.9)))
    }

    /// One look is the fixed design: power Φ(θ − c).
    @Test func oneLookIsTheFixedDesign() {
        let p = CrossingProbabilities(informationRates: [1], lower: [-.infinity], upper: [1.96], drift: 2.8)
        #expect(Self.accurate.accepts(p.upper[0], Normal.cdf(2.8 - 1.96)))
        #expect(p.stopping == [1])
        #expect(p.expectedInformationRate == 1)
    }
}
