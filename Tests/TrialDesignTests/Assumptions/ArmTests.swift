import Testing
@testable import TrialDesign

@Suite struct ArmTests {
    @Test func armsAreNamedAsInTheContract() {
        #expect(Arm.allCases.map(\.rawValue) == ["treatment", "control"])
    }
}
