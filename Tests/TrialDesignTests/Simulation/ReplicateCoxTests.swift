import Foundation
import SurvivalAnalysis
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct ReplicateCoxTests {
    /// R: coef(coxph(Surv(time, status) ~ treated, data.frame(time = 1:8,
    /// status = c(1, 1, 0, 1, 1, 1, 0, 1), treated = c(0, 1, 0, 0, 1, 0, 1, 1)))) =
    /// −0.91494569684271787 — through the Cox fit of `survkit cox`.
    @Test func estimateIsTheCoxFit() throws {
        let time: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let event = [true, true, false, true, true, true, false, true]
        let treated: [Double] = [0, 1, 0, 0, 1, 0, 1, 1]
        let estimate = ReplicateCox.logHazardRatio(time: time, event: event, treated: treated)
        #expect(Tolerance(relative: 1e-9).accepts(estimate, -0.91494569684271787))
    }

    /// Every control failure before any treatment one: the estimate runs off to −∞ (R warns
    /// the coefficient may be infinite) and is left out (NaN).
    @Test func infiniteEstimateIsLeftOut() {
        let time: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let event = [true, true, false, true, true, true, false, true]
        let treated: [Double] = [0, 0, 0, 0, 1, 1, 1, 1]
        #expect(ReplicateCox.logHazardRatio(time: time, event: event, treated: treated).isNaN)
    }
}
