import Testing
@testable import TrialDesign

@Suite struct DesignSettingsTests {
    static func seed() -> DesignSettings {
        var s = DesignSettings()
        s.medianControl = 11
        s.medianTreatment = 33
        s.dropoutInflation = 0.1
        return s
    }

    @Test func flagsOverrideTheFile() {
        var file = Self.seed()
        file.accrualTimes = [0, 6]
        file.accrualRates = [2, 4]
        file.method = .freedman
        var flags = DesignSettings()
        flags.accrualTime = 18
        flags.dropoutProbability = 0.1
        flags.dropoutTime = 12
        let s = file.overridden(by: flags)
        #expect(s.accrualTime == 18 && s.accrualTimes == nil && s.accrualRates == nil)   // accrual replaced as a whole
        #expect(s.dropoutInflation == nil && s.dropoutProbability == 0.1)                                  // dropout model too
        #expect(s.method == .freedman && s.medianControl == 11)                            // the rest kept
    }

    @Test func defaultsAreListed() throws {
        let r = try Self.seed().request()
        #expect(r.defaults == ["alpha = 0.05", "sides = 2", "power = 0.8", "allocation = 1:1", "method = schoenfeld"])
        #expect(r.unknown == .patients && r.assumptions.dropoutInflation == 0.1)
        var s = Self.seed()
        s.patients = 56
        #expect(s.unknown == .power)
        #expect(!s.defaultsUsed().contains("power = 0.8"))
    }

    @Test func hazardRatioOrMedian() throws {
        var s = Self.seed()
        s.hazardRatio = 0.5
        #expect(throws: DesignError.self) { try s.assumptions() }
        s.medianTreatment = nil
        #expect(try s.assumptions().hazardRatio == 0.5)
        s.hazardRatio = 1
        #expect(throws: DesignError.self) { try s.assumptions() }
        s.hazardRatio = nil
        s.solve = .hazardRatio
        #expect(try s.assumptions().hazardTreatment == nil)
        s.medianControl = nil
        #expect(throws: DesignError.invalid("the control median is missing: give \(DesignSettings.Key.medianControl)")) { try s.assumptions() }
    }

    @Test func accrualAndDropoutModels() throws {
        var s = Self.seed()
        s.accrualRates = [4]
        #expect(try s.assumptions().accrual == Accrual.constantRate(4))
        s.accrualTime = 18
        #expect(throws: DesignError.self) { try s.assumptions() }
        s.accrualRates = nil
        s.accrualTime = -18
        #expect(throws: DesignError.self) { try s.assumptions() }
        s.accrualTime = nil
        s.accrualTimes = [0, 6]
        #expect(throws: DesignError.self) { try s.assumptions() }

        var d = Self.seed()
        d.dropoutProbability = 0.1
        d.dropoutTime = 12
        #expect(throws: DesignError.self) { try d.assumptions() }                 // inflation and exponential
        d.dropoutInflation = nil
        d.dropoutProbabilityTreatment = 0.2
        let e = try d.assumptions().dropout
        #expect(e.probabilityTreatment == 0.2 && e.probabilityControl == 0.1 && e.time == 12)
        d.dropoutTime = nil
        #expect(throws: DesignError.self) { try d.assumptions() }                 // rate without time
    }

    @Test func keysAreTheFlagNames() {
        #expect(DesignSettings.Key.allCases.count == 21)
        #expect(DesignSettings.Key(rawValue: "dropout-rate-treatment") == .dropoutProbabilityTreatment)
    }
}
