import Testing
@testable import TrialDesign

@Suite struct DesignMethodTests {
    @Test func namesAreTheFlagValues() {
        #expect(DesignMethod.allCases.map(\.rawValue) == ["schoenfeld", "freedman", "lachin-foulkes"])
        #expect(DesignMethod.lachinFoulkes.title == "Lachin-Foulkes")
    }
}
