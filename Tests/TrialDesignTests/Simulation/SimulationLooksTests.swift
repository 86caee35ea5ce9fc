import Testing
@testable import TrialDesign

/// The looks of a simulated group-sequential trial: events per look, validation.
@Suite struct SimulationLooksTests {
    static func looks(_ rates: [Double], futility: [Double]? = nil) throws -> SimulationLooks {
        try SimulationLooks(informationRates: rates, criticalValues: rates.map { _ in 2.0 }, futilityBounds: futility)
    }

    /// D_k = ⌈t_k·D⌉, the last exactly D; an integer up to rounding error is not bumped up.
    @Test func eventsPerLook() throws {
        #expect(try Self.looks([1.0 / 3, 2.0 / 3, 1]).events(maximum: 210) == [70, 140, 210])
        #expect(try Self.looks([0.5, 1]).events(maximum: 27) == [14, 27])
        #expect(try Self.looks([0.3, 0.7, 1]).events(maximum: 100) == [30, 70, 100])
        #expect(try Self.looks([0.25, 0.5, 0.75, 1]).events(maximum: 10) == [3, 5, 8, 10])
    }

    /// Two looks at the same events, or rates that do not increase to 1, are refused.
    @Test func refusesLooksThatCollide() throws {
        #expect(throws: DesignError.self) { try Self.looks([0.1, 0.11, 1]).events(maximum: 5) }
        #expect(throws: DesignError.self) { try Self.looks([0.5, 0.9]) }
        #expect(throws: DesignError.self) { try Self.looks([0.6, 0.5, 1]) }
        #expect(throws: DesignError.self) { try Self.looks([0.5, 1], futility: [0, 1]) }
        #expect(throws: DesignError.self) {
            try SimulationLooks(informationRates: [0.5, 1], criticalValues: [2], futilityBounds: nil)
        }
    }

    /// Looks need an event-driven cut.
    @Test func looksNeedEvents() throws {
        let fixed = try SimulationFixtures.seedTrial()
        #expect(throws: DesignError.self) {
            try SimulationPlan(patients: fixed.patients, accrual: fixed.accrual, survival: fixed.survival,
                               cut: .followUp(12), alpha: 0.025, sides: 1, looks: Self.looks([0.5, 1]))
        }
        let plan = try SimulationPlan(patients: fixed.patients, accrual: fixed.accrual, survival: fixed.survival,
                                      cut: .events(27), alpha: 0.025, sides: 1, looks: Self.looks([0.5, 1]))
        #expect(plan.lookEvents == [14, 27])
    }

    /// The look and the decision fill the padding of an outcome: still 48 bytes per replicate.
    @Test func outcomesStayCompact() {
        #expect(MemoryLayout<ReplicateOutcome>.stride == 48)
        #expect(LookDecision(rawValue: 3) == nil)
    }
}
