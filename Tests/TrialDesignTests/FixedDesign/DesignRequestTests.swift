import Testing
@testable import TrialDesign

@Suite struct DesignRequestTests {
    static func assumptions(effect: Bool = true, accrual: Accrual? = nil, followUp: Double? = nil) throws -> TrialAssumptions {
        try TrialAssumptions(hazardControl: 0.06, hazardTreatment: effect ? 0.02 : nil, accrual: accrual, followUp: followUp)
    }

    @Test func givensMustFitTheUnknown() throws {
        let a = try Self.assumptions()
        #expect(throws: DesignError.self) { try DesignRequest(assumptions: a, unknown: .patients, patients: 56) }
        #expect(throws: DesignError.self) { try DesignRequest(assumptions: a, unknown: .power) }
        #expect(throws: DesignError.self) { try DesignRequest(assumptions: a, unknown: .followUp, patients: 56) }
        #expect(throws: DesignError.self) { try DesignRequest(assumptions: a, unknown: .accrualTime) }
        #expect(throws: DesignError.self) {
            try DesignRequest(assumptions: Self.assumptions(accrual: .uniform(duration: 12)), unknown: .accrualTime)
        }
        #expect(throws: DesignError.self) { try DesignRequest(assumptions: a, unknown: .hazardRatio, patients: 56) }
        #expect(throws: DesignError.self) { try DesignRequest(assumptions: Self.assumptions(effect: false)) }
        #expect(throws: DesignError.self) { try DesignRequest(assumptions: a, unknown: .patients, events: 30) }
        #expect(throws: DesignError.self) { try DesignRequest(assumptions: a, unknown: .power, patients: -3) }
        #expect(throws: DesignError.self) {
            try DesignRequest(assumptions: Self.assumptions(accrual: .uniform(duration: 12), followUp: 6),
                              unknown: .power, patients: 56, events: 27)
        }
    }

    @Test func validCombinations() throws {
        let a = try Self.assumptions(accrual: .constantRate(4), followUp: 12)
        #expect(try DesignRequest(assumptions: a, unknown: .accrualTime).unknown == .accrualTime)
        #expect(try DesignRequest(assumptions: a, unknown: .power, events: 27).events == 27)
        let r = try DesignRequest(assumptions: Self.assumptions(effect: false, accrual: .uniform(duration: 12), followUp: 6),
                                  unknown: .hazardRatio, patients: 56)
        #expect(r.patients == 56 && r.method == .schoenfeld)
    }
}
