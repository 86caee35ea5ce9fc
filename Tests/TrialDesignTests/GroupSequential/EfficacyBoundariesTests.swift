import Testing
import TestSupport
import GSLSupport
@testable import TrialDesign

@Suite struct EfficacyBoundariesTests {
    /// The integration's accuracy (about 2e-8 in a probability) limits the critical values.
    static let z = Tolerance(relative: 0, absolute: 1e-7)

    /// The critical values spend exactly the spending function's alpha (checked by an independent pass).
    @Test func crossingProbabilitiesEqualTheSpentAlpha() throws {
        let rates = [0.2, 0.45, 0.7, 1]
        let alpha = rates.map { SpendingFunction.pocock.spent(0.025, at: $0) }
        for sides in [1, 2] {
            let c = try EfficacyBoundaries.criticalValues(informationRates: rates, cumulativeAlpha: alpha.map { $0 * Double(sides) }, sides: sides)
            let p = CrossingProbabilities(informationRates: rates, lower: c.map { sides == 2 ? -$0 : -.infinity },
                                          upper: c, drift: 0)
            var cumulative = 0.0
            for k in rates.indices {
                cumulative += p.upper[k] + (sides == 2 ? p.lower[k] : 0)
                #expect(abs(cumulative - alpha[k] * Double(sides)) < 1e-12, "sides \(sides) look \(k + 1)")
            }
            #expect(Self.z.accepts(c[0], Normal.upperQuantile(alpha[0])))
        }
    }

    /// Keeping the first looks' values as they were used reproduces the rest.
    @Test func fixedEarlierLooksAreKept() throws {
        let rates = [0.3, 0.6, 1.0]
        let alpha = rates.map { SpendingFunction.obrienFleming.spent(0.025, at: $0) }
        let all = try EfficacyBoundaries.criticalValues(informationRates: rates, cumulativeAlpha: alpha, sides: 1)
        let resumed = try EfficacyBoundaries.criticalValues(informationRates: rates, cumulativeAlpha: alpha, sides: 1,
                                                            fixed: Array(all.prefix(2)))
        #expect(resumed[0] == all[0] && resumed[1] == all[1])
        #expect(Self.z.accepts(resumed[2], all[2]))
    }

    @Test func aLookThatSpendsNothingHasNoBoundary() throws {
        let c = try EfficacyBoundaries.criticalValues(informationRates: [0.5, 1], cumulativeAlpha: [0, 0.025], sides: 1)
        #expect(c[0] == .infinity)
        #expect(Self.z.accepts(c[1], Normal.upperQuantile(0.025)))
    }
}
