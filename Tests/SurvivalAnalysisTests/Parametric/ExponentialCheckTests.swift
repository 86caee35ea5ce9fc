import Testing
import SurvivalAnalysis
import TestSupport

/// The per-arm constant-hazard check against intercept-only survreg fits in R
/// (Tests/Fixtures/survreg/arm_check.csv, scripts/fixtures/survreg.R).
@Suite struct ExponentialCheckTests {
    static let tolerance = Tolerance(relative: 1e-7)

    static func load(_ file: String) throws -> (SurvivalData, Factor) {
        let path = Fixtures.root.appendingPathComponent("Tests/Fixtures/survreg/data/\(file)").path
        let data = try SurvivalData(table: try CSVTable(path: path),
                                    spec: SurvivalDataSpec(time: "time", event: "status", factors: ["arm"]))
        return (data, data.factors[0].factor)
    }

    @Test func matchesR() throws {
        let (data, arm) = try Self.load("arms.csv")
        let check = try ExponentialCheck(data, group: arm, confidenceLevel: 0.95)
        let rows = try Fixture("survreg/arm_check.csv").rows
        #expect(check.arms.map(\.group) == rows.map { $0.string("group") })
        let t = Self.tolerance
        for (a, r) in zip(check.arms, rows) {
            #expect(a.events == r.int("events"))
            #expect(t.accepts(a.hazard, r.double("hazard")))
            // The exponential MLE is events / total time: a second, closed-form route.
            #expect(t.accepts(a.hazard, r.double("hazard_direct")))
            #expect(t.accepts(a.hazardLower, r.double("hazard_lower")))
            #expect(t.accepts(a.hazardUpper, r.double("hazard_upper")))
            #expect(t.accepts(a.shape, r.double("shape")))
            #expect(t.accepts(a.shapeLower, r.double("shape_lower")))
            #expect(t.accepts(a.shapeUpper, r.double("shape_upper")))
            #expect(Tolerance(relative: 1e-6, absolute: 1e-9).accepts(a.lrChisq, r.double("lr_chisq")))
            #expect(Tolerance(relative: 1e-6, absolute: 1e-9).accepts(a.lrPValue, r.double("lr_p_value")))
        }
    }

    @Test func armWithoutEventsIsAnError() throws {
        let (data, arm) = try Self.load("arm_censored.csv")
        #expect(throws: SurvregError.groupWithoutEvents(group: "B")) {
            try ExponentialCheck(data, group: arm, confidenceLevel: 0.95)
        }
    }
}
