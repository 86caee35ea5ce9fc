import Testing
@testable import TrialDesign

@Suite struct AllocationTests {
    @Test func parsesTreatmentToControl() throws {
        let a = try Allocation(parsing: "2:1")
        #expect(a.ratio == 2)
        #expect(a.fraction(.treatment) == 2.0 / 3 && a.fraction(.control) == 1.0 / 3)
        #expect(a.description == "2:1")
        #expect(try Allocation(parsing: " 1.5 : 1 ").description == "1.5:1")
        #expect(Allocation.equal.ratio == 1)
    }

    @Test(arguments: ["0:1", "1:0", "-1:1", "1", "a:b", "1:2:3", "inf:1"])
    func refusesAllocationsWithoutTwoPositiveArms(text: String) {
        #expect(throws: DesignError.self) { try Allocation(parsing: text) }
    }

    @Test func zeroTreatmentMessageNamesTheArms() {
        #expect(throws: DesignError.invalid("allocation 0:1: both arms need a positive share (treatment:control)")) {
            try Allocation(parsing: "0:1")
        }
    }
}
