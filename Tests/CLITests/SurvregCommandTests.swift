import Foundation
import Testing
import TestSupport

/// `survkit survreg` run as a user runs it: JSON numbers from R's fixtures, exit statuses.
@Suite struct SurvregCommandTests {
    static let tolerance = Tolerance(relative: 1e-7)
    static let lung = Fixtures.data("lung.csv").path
    static let lungArguments = ["survreg", lung, "--time", "time", "--event", "status",
                                "--covariates", "age,sex", "--factors", "ph.ecog"]

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func lungWeibullJSONMatchesR() throws {
        let out = try json(Self.lungArguments + ["--predict", "age=60,sex=2,ph.ecog=1", "--quantiles", "0.1,0.5,0.9"])
        let model = try Fixture("survreg/models.csv").rows(where: "case", is: "lung_weibull")[0]
        let coefficients = try Fixture("survreg/coefficients.csv").rows(where: "case", is: "lung_weibull")
        let predictions = try Fixture("survreg/predictions.csv").rows(where: "case", is: "lung_weibull")
        let t = Self.tolerance
        #expect(out["distribution"] as? String == "weibull")
        #expect(out["iterations"] as? Int == model.int("iterations"))
        #expect(t.accepts(out["loglik"] as? Double, model.double("loglik")))
        #expect(t.accepts(out["loglik_intercept"] as? Double, model.double("loglik_intercept")))
        #expect(out["df"] as? Int == 5)
        let rows = out["coefficients"] as! [[String: Any]]
        #expect(rows.count == coefficients.count)
        #expect(rows.last?["term"] as? String == "Log(scale)")
        for (row, r) in zip(rows, coefficients) {
            #expect(t.accepts(row["value"] as? Double, r.double("value")))
            #expect(t.accepts(row["se"] as? Double, r.double("se")))
        }
        let quantiles = (out["prediction"] as! [String: Any])["quantiles"] as! [[String: Any]]
        for (q, r) in zip(quantiles, predictions) {
            #expect(t.accepts(q["time"] as? Double, r.double("time")))
            #expect(t.accepts(q["se"] as? Double, r.double("se")))
        }
        #expect((out["hazard_scale"] as? [[String: Any]])?.first?["term"] as? String == "shape")
    }

    @Test func armCheckNeedsGroup() throws {
        let r = try Survkit.run(Self.lungArguments + ["--arm-check"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--arm-check needs --group"))
    }

    @Test func armWithoutEventsExitsTwo() throws {
        let path = Fixtures.root.appendingPathComponent("Tests/Fixtures/survreg/data/arm_censored.csv").path
        let r = try Survkit.run(["survreg", path, "--time", "time", "--event", "status", "--group", "arm",
                                 "--arm-check"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("group 'B' has no events"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func zeroTimeExitsTwoNamingTheLine() throws {
        let dir = try Survkit.temporaryDirectory()
        let file = dir.appendingPathComponent("zero.csv")
        try "time,status\n1,1\n0,1\n3,0\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Survkit.run(["survreg", file.path, "--time", "time", "--event", "status"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("zero.csv:3"), "\(r.stderr)")
    }

    @Test func sameInputSameBytes() throws {
        let a = try Survkit.run(Self.lungArguments + ["--dist", "lognormal"])
        let b = try Survkit.run(Self.lungArguments + ["--dist", "lognormal"])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }
}
