import Foundation
import Testing
import TestSupport
@testable import TrialDesign

/// Against rpact 3.3.4 getEventProbabilities (Tests/Fixtures/design/event_probability.csv).
@Suite struct EventProbabilityTests {
    /// rpact integrates numerically (R's integrate); the closed form agrees far inside 1e-6.
    static let rpact = Tolerance(relative: 1e-6)
    static let rows = (try? Fixture("design/event_probability.csv").rows) ?? []

    @Test(arguments: rows)
    func matchesRpactPerArm(row: [String: String]) throws {
        let h = FixtureRows.hazards(row)
        let accrual = try FixtureRows.accrual(row)
        let dropout = try FixtureRows.dropout(row)
        let allocation = try Allocation(treatment: row.double("allocation_treatment")!, control: row.double("allocation_control")!)
        let end = accrual.closedEnd!
        let time = row.double("time")!
        let pieces = accrual.pieces(endingAt: end)
        let t = EventProbability.arm(hazard: h.treatment, dropoutHazard: dropout.hazard(.treatment), pieces: pieces, at: time)
        let c = EventProbability.arm(hazard: h.control, dropoutHazard: dropout.hazard(.control), pieces: pieces, at: time)
        let name = row.string("case")
        #expect(Self.rpact.accepts(t, row.double("expected_probability_event_treatment")), "\(name) treatment \(t)")
        #expect(Self.rpact.accepts(c, row.double("expected_probability_event_control")), "\(name) control \(c)")
        if time >= end {
            let both = EventProbability.byArm(hazardTreatment: h.treatment, hazardControl: h.control, allocation: allocation,
                                              dropout: dropout, accrual: accrual, accrualEnd: end, followUp: time - end)
            #expect(Self.rpact.accepts(both.overall, row.double("expected_probability_event")), "\(name)")
        }
    }

    /// Uniform entry over R, analysis at T: Lachin & Foulkes (1986) eq. 4.1.
    @Test func uniformEntryIsLachinFoulkesEquation() throws {
        let lambda = 0.07, eta = 0.01, r = 18.0, t = 30.0
        let mu = lambda + eta
        let expected = lambda / mu * (1 - (exp(-mu * (t - r)) - exp(-mu * t)) / (mu * r))
        let p = EventProbability.arm(hazard: lambda, dropoutHazard: eta,
                                     pieces: try Accrual.uniform(duration: r).pieces(endingAt: r), at: t)
        #expect(Tolerance(relative: 1e-14).accepts(p, expected))
    }

    @Test func longFollowUpTendsToTheCompetingRiskLimit() throws {
        let pieces = try Accrual.uniform(duration: 12).pieces(endingAt: 12)
        let p = EventProbability.arm(hazard: 0.1, dropoutHazard: 0.02, pieces: pieces, at: .infinity)
        #expect(p == EventProbability.limit(hazard: 0.1, dropoutHazard: 0.02))
        #expect(EventProbability.arm(hazard: 0.1, dropoutHazard: 0, pieces: pieces, at: 0) == 0)
    }
}
