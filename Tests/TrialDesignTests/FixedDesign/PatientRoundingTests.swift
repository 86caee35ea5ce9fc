import Testing
@testable import TrialDesign

@Suite struct PatientRoundingTests {
    @Test func ceilingForgivesFloatingPointNoise() {
        #expect(PatientRounding.ceiling(26.0123) == 27)
        #expect(PatientRounding.ceiling(50.000000000000007) == 50)
        #expect(PatientRounding.ceiling(50.0001) == 51)
        #expect(PatientRounding.floor(44.99999999999999) == 45)
        #expect(PatientRounding.floor(50.4) == 50)
    }

    @Test func neededRoundsEachArmUp() throws {
        #expect(PatientRounding.needed(evaluable: 48.53, allocation: .equal) == PatientsPerArm(treatment: 25, control: 25))
        let two = try Allocation(parsing: "2:1")
        #expect(PatientRounding.needed(evaluable: 100.2, allocation: two) == PatientsPerArm(treatment: 67, control: 34))
    }

    @Test func availableSplitsWholePatientsByLargestRemainder() throws {
        let two = try Allocation(parsing: "2:1")
        #expect(PatientRounding.available(evaluable: 56, allocation: two) == PatientsPerArm(treatment: 37, control: 19))
        #expect(PatientRounding.available(evaluable: 50.4, allocation: .equal) == PatientsPerArm(treatment: 25, control: 25))
        #expect(PatientRounding.available(evaluable: 51, allocation: .equal).total == 51)
    }

    @Test func dropoutInflation() {
        #expect(PatientRounding.inflated(50, dropout: 0.1) == 56)      // ceil(55.56)
        #expect(PatientRounding.inflated(45, dropout: 0.1) == 50)      // 45 / 0.9 = 50 up to rounding error
        #expect(PatientRounding.inflated(50, dropout: 0) == 50)
        #expect(PatientsPerArm(treatment: 3, control: 4)[.control] == 4)
    }
}
