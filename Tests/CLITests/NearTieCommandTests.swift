import Foundation
import Testing
import TestSupport

/// R's tie rule (aeqSurv, applied once where the data are read) seen from every command: the
/// near-tie clusters of scripts/fixtures/lib/near-ties.R — 0.1 + 0.2 vs 0.3, 1 − 1e-10 / 1 /
/// 1 + 1e-10, 2 − 1e-12 vs 2, 6 + 3e-8 vs 6 merge; 4 + 1e-7 and 7 + 1e-6 stay apart — against
/// survfit, survdiff and coxph on the same file.
@Suite struct NearTieCommandTests {
    static let agreement = Tolerance(relative: 1e-9)
    static let coxAgreement = Tolerance(relative: 1e-6)

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// The issue's example: km printed two rows for 0.30000000000000004 and 0.3; R prints one,
    /// `0.3  4  2  0.5`.
    @Test func kmPrintsOneRowForTimesOneUlpApartAsR() throws {
        let url = try Survkit.temporaryDirectory().appendingPathComponent("ulp.csv")
        try "time,status\n0.30000000000000004,1\n0.3,1\n1,0\n2,1\n".write(to: url, atomically: true, encoding: .utf8)
        let r = try Survkit.run(["km", url.path, "--time", "time", "--event", "status"])
        #expect(r.status == 0)
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix(" 0.3") }
        #expect(rows.count == 1)
        #expect(rows.first?.split(separator: " ").prefix(5) == ["0.3", "4", "2", "0", "0.5"])
    }

    /// Every row of summary(survfit(Surv(time, status) ~ arm), censored = TRUE), with R's
    /// representative times (the smallest of each cluster) bit for bit.
    @Test func kmTableIsRsOnNearTieClusters() throws {
        let file = Fixtures.url("km/data/near_ties.csv").path
        let out = try Self.json(["km", file, "--time", "time", "--event", "status", "--group", "arm"])
        let expected = try Fixture("km/near_ties/table.csv").rows.filter {
            $0.string("estimator") == "kaplan-meier" && $0.string("conf_type") == "log"
                && $0.double("conf_level") == 0.95
        }
        let groups = try #require(out["groups"] as? [[String: Any]])
        var rows: [(group: String, row: [String: Any])] = []
        for g in groups {
            for row in try #require(g["table"] as? [[String: Any]]) { rows.append((g["group"] as! String, row)) }
        }
        #expect(rows.count == expected.count)
        for (actual, r) in zip(rows, expected) {
            #expect(actual.group == r.string("group"))
            #expect(actual.row["time"] as? Double == r.double("time"), "time \(r.string("time"))")
            #expect(actual.row["n_risk"] as? Int == r.int("n_risk"))
            #expect(actual.row["n_event"] as? Int == r.int("n_event"))
            #expect(actual.row["n_censor"] as? Int == r.int("n_censor"))
            #expect(Self.agreement.accepts(actual.row["survival"] as? Double, r.double("survival")))
        }
    }

    @Test(arguments: ["near_tie_clusters", "near_tie_clusters_rho1", "near_ties"])
    func logrankIsSurvdiffOnNearTies(_ name: String) throws {
        let reference = try #require(try Fixture("logrank/cases.csv").rows(where: "case", is: name).first)
        let file = Fixtures.root.appendingPathComponent(reference.string("data")).path
        var arguments = ["logrank", file, "--time", "time", "--event", "status", "--group", "arm"]
        if let rho = reference.double("rho"), rho != 0 { arguments += ["--rho", "\(rho)"] }
        let out = try Self.json(arguments)
        #expect(Self.agreement.accepts(out["chisq"] as? Double, reference.double("chisq")))
        #expect(Self.agreement.accepts(out["p_value"] as? Double, reference.double("p_value")))
    }

    @Test(arguments: ["efron", "breslow"])
    func coxIsCoxphOnNearTies(_ ties: String) throws {
        let name = "near_ties_\(ties)"
        let file = Fixtures.url("cox/data/near_ties.csv").path
        let out = try Self.json(["cox", file, "--time", "time", "--event", "status", "--covariates", "x",
                                 "--factors", "arm", "--ties", ties])
        let model = try Fixture("cox/models.csv").rows(where: "case", is: name)[0]
        let coefficients = try Fixture("cox/coefficients.csv").rows(where: "case", is: name)
        #expect(out["events"] as? Int == model.int("events"))
        #expect(Self.coxAgreement.accepts(out["loglik"] as? Double, model.double("loglik")))
        let rows = try #require(out["coefficients"] as? [[String: Any]])
        #expect(rows.map { $0["term"] as? String } == coefficients.map { $0.string("term") })
        for (row, r) in zip(rows, coefficients) {
            for key in ["coef", "se", "p_value"] {
                #expect(Self.coxAgreement.accepts(row[key] as? Double, r.double(key)), "\(key)")
            }
        }
    }
}
