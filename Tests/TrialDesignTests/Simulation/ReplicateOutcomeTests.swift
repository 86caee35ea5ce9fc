import Testing
@testable import TrialDesign

@Suite struct ReplicateOutcomeTests {
    @Test func identityComparesBitsIncludingNaN() {
        let a = ReplicateOutcome(reachedCut: true, analysisTime: 20, patients: 56, events: 27, eventsTreatment: 9,
                                 dropouts: 0, z: .nan, coxLogHazardRatio: .nan)
        var b = a
        #expect(a.isIdentical(to: b) && a != b)     // NaN ≠ NaN for ==, identical bits for isIdentical
        b.analysisTime = 20.000000000000004
        #expect(!a.isIdentical(to: b))
    }
}
