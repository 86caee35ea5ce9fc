import SurvivalAnalysis
import Testing
@testable import SurvivalReports

/// The typed Cox warnings in the words the reports printed before they were typed (R's own).
@Suite struct CoxWarningTextTests {
    @Test func words() {
        #expect(CoxWarningText.words(.possiblyInfinite(variable: 1, term: "x"))
                == "log-likelihood converged before variable 1 ('x'); coefficient may be infinite")
        #expect(CoxWarningText.words(.notConverged(iterationLimit: 20)) == "ran out of iterations (limit 20) and did not converge")
        #expect(CoxWarningText.words(.zeroVariance(term: "c")) == "'c' has zero variance: its coefficient is not estimable (NA)")
        #expect(CoxWarningText.words(.collinear(term: "x3")).hasPrefix("'x3' is collinear"))
        #expect(CoxWarningText.words(.fractionalWeights).contains("robust"))
        #expect(CoxWarningText.words(.divergent).contains("may be infinite"))
        #expect(CoxWarningText.words(.overflow(term: "x")).hasPrefix("'x' has values too large for double precision"))
    }
}
