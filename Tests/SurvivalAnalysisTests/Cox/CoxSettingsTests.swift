import Foundation
import Testing
import SurvivalAnalysis

@Suite struct CoxSettingsTests {
    @Test func defaultsAreRs() {
        let s = CoxSettings.rDefault
        #expect(s.eps == 1e-9 && s.maxIterations == 20)
        #expect(s.cholTolerance == pow(Double.ulpOfOne, 0.75))
        #expect(s.infTolerance == 1e-9.squareRoot())
    }

    @Test func invalidSettingsAreRejected() {
        #expect(throws: CoxError.self) { try CoxSettings(eps: 0).validate() }
        #expect(throws: CoxError.self) { try CoxSettings(eps: .nan).validate() }
        #expect(throws: CoxError.self) { try CoxSettings(maxIterations: -1).validate() }
        #expect(throws: Never.self) { try CoxSettings(maxIterations: 0).validate() }
    }
}
