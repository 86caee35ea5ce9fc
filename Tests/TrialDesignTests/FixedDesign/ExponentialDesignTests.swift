import Foundation
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct ExponentialDesignTests {
    static let rpact = Tolerance(relative: 1e-6)

    /// rpact: getSampleSizeSurvival(median1 = 33, median2 = 11, alpha = 0.05, sided = 2, beta = 0.2)$eventsFixed.
    @Test func seedEventsMatchRpact() throws {
        let rows = try Fixture("design/seed_events.csv").rows
        for row in rows {
            let method = DesignMethod(rawValue: row.string("method"))!
            let d = ExponentialDesign.requiredEvents(method: method, hazardRatio: 11.0 / 33, alpha: 0.05, sides: 2,
                                                     power: 0.8, allocationRatio: 1)
            #expect(Self.rpact.accepts(d, row.double("expected_events_required")), "\(method) \(d)")
        }
    }

    @Test func schoenfeldClosedForm() {
        // (z_{0.975} + z_{0.8})² · 4 / log²(0.7) for 1:1.
        let z = 1.959963984540054 + 0.8416212335729143
        let expected = z * z * 4 / pow(log(0.7), 2)
        let d = ExponentialDesign.requiredEvents(method: .schoenfeld, hazardRatio: 0.7, alpha: 0.05, sides: 2, power: 0.8, allocationRatio: 1)
        #expect(Tolerance(relative: 1e-12).accepts(d, expected))
        // The effect's direction does not matter with 1:1.
        let inverse = ExponentialDesign.requiredEvents(method: .schoenfeld, hazardRatio: 1 / 0.7, alpha: 0.05, sides: 2, power: 0.8, allocationRatio: 1)
        #expect(Tolerance(relative: 1e-12).accepts(d, inverse))
    }

    @Test func freedmanClosedForm() {
        let z = 1.6448536269514729 + 1.2815515655446004
        let r = 2.0, hr = 0.6
        let expected = z * z * pow(1 + r * hr, 2) / (r * pow(1 - hr, 2))
        let d = ExponentialDesign.requiredEvents(method: .freedman, hazardRatio: hr, alpha: 0.05, sides: 1, power: 0.9, allocationRatio: r)
        #expect(Tolerance(relative: 1e-12).accepts(d, expected))
    }

    @Test func powerAtTheRequiredEventsIsTheTarget() {
        for method in [DesignMethod.schoenfeld, .freedman] {
            let d = ExponentialDesign.requiredEvents(method: method, hazardRatio: 0.75, alpha: 0.025, sides: 1, power: 0.9, allocationRatio: 2)
            let p = ExponentialDesign.power(events: d, method: method, hazardRatio: 0.75, alpha: 0.025, sides: 1, allocationRatio: 2)
            #expect(Tolerance(relative: 1e-12).accepts(p, 0.9))
            // Two-sided adds the tiny chance of rejecting in the wrong direction (as rpact).
            let two = ExponentialDesign.requiredEvents(method: method, hazardRatio: 0.75, alpha: 0.05, sides: 2, power: 0.9, allocationRatio: 2)
            let p2 = ExponentialDesign.power(events: two, method: method, hazardRatio: 0.75, alpha: 0.05, sides: 2, allocationRatio: 2)
            #expect(p2 > 0.9 && p2 < 0.9 + 1e-6)
        }
    }
}
