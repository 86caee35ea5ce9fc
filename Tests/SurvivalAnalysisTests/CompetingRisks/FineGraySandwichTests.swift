import Testing
import TestSupport
@testable import SurvivalAnalysis

/// crr's sandwich standard errors (`sqrt(diag(crr(...)$var))`), scripts/fixtures/competing.R.
@Suite struct FineGraySandwichTests {
    /// crr's `var` is evaluated at its own (gtol = 1e-6) estimate, up to 9e-6 from the maximiser
    /// survkit uses; the sandwich moves with β̂, so agreement is to about that order.
    static let atCrrEstimate = Tolerance(relative: 1e-4)
    /// Against crr's `var` at its gtol = 1e-13 refit: the same β̂, so the same sandwich.
    static let atTightEstimate = Tolerance(relative: 1e-9)

    @Test(arguments: ["mgus2_sex", "pbc_trt"]) func sandwichMatchesCrrVar(_ name: String) throws {
        let c = CompetingRisksFixtureTests.cases.first { $0.name == name }!
        let data = try CompetingRisksFixtureTests.load(c, withGroup: false)
        let fixture = try Fixture("competing/\(name)/finegray.csv")
        for cause in 1...2 {
            let model = try FineGrayModel.fit(data, cause: cause)
            for (j, r) in fixture.rows(where: "cause", is: String(cause)).enumerated() {
                #expect(Self.atCrrEstimate.accepts(model.robustStandardErrors[j], r.double("crr_se")),
                        "\(name) cause \(cause) \(r.string("term")): \(model.robustStandardErrors[j]) vs \(r.string("crr_se"))")
                #expect(Self.atTightEstimate.accepts(model.robustStandardErrors[j], r.double("crr_tight_se")),
                        "\(name) cause \(cause) \(r.string("term")): \(model.robustStandardErrors[j]) vs \(r.string("crr_tight_se"))")
            }
        }
    }
}
