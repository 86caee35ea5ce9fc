import Foundation
import Testing
import TestSupport

/// `survkit metrics` run as a user runs it: JSON numbers against scikit-survival's fixtures
/// (Tests/Fixtures/metrics, scripts/fixtures/metrics.py), exit statuses and messages.
@Suite struct MetricsCommandTests {
    /// The 1e-8 for the metrics against scikit-survival.
    static let tolerance = Tolerance(relative: 1e-8)
    static let test = Fixtures.root.appendingPathComponent("Tests/Fixtures/metrics/test.csv").path
    static let train = Fixtures.root.appendingPathComponent("Tests/Fixtures/metrics/train.csv").path
    static let times = "1,2.5,4,6,8,10,12.5,15"
    static let arguments = ["metrics", test, "--time", "time", "--event", "status", "--marker", "risk",
                            "--train", train, "--times", times, "--survival", "s1,s2,s3,s4,s5,s6,s7,s8"]

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func jsonMatchesScikitSurvival() throws {
        let out = try json(Self.arguments)
        let t = Self.tolerance
        let brier = try Fixture("metrics/brier.csv").rows, auc = try Fixture("metrics/auc.csv").rows
        let rows = out["times"] as! [[String: Any]]
        #expect(rows.count == 8)
        for (k, row) in rows.enumerated() {
            #expect(t.accepts(row["brier"] as? Double, brier[k].double("brier")))
            #expect(t.accepts(row["auc"] as? Double, auc[k].double("auc")))
        }
        #expect(t.accepts(out["integrated_brier"] as? Double, brier[8].double("brier")))
        #expect(t.accepts(out["mean_auc"] as? Double, auc[8].double("auc")))
        let uno = try Fixture("metrics/uno.csv").rows.first { $0.string("train") == "train" && $0.double("tau") == -1 }!
        #expect(t.accepts(out["uno_c"] as? Double, uno.double("cindex")))
        #expect(out["concordant"] as? Int == uno.int("concordant"))
        #expect(out["training_rows"] as? Int == 120)
        #expect(out["rows_used"] as? Int == 80)
    }

    @Test func tauAndDefaultTraining() throws {
        let tau = try json(["metrics", Self.test, "--time", "time", "--event", "status", "--marker", "risk",
                            "--train", Self.train, "--tau", "10"])
        let expected = try Fixture("metrics/uno.csv").rows.first { $0.string("train") == "train" && $0.double("tau") == 10 }!
        #expect(Self.tolerance.accepts(tau["uno_c"] as? Double, expected.double("cindex")))
        #expect(tau["mean_auc"] is NSNull)
        // Without --train, the censoring distribution comes from the data itself.
        let same = try json(["metrics", Self.test, "--time", "time", "--event", "status", "--marker", "risk"])
        #expect(same["training_rows"] as? Int == 80)
    }

    @Test func survivalOutsideUnitIntervalNamesLineAndColumn() throws {
        let dir = try Survkit.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.csv")
        try "time,status,risk,s\n1,1,0.5,0.9\n2,0,0.1,1.2\n3,1,0.3,0.5\n4,0,0.2,0.4\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Survkit.run(["metrics", file.path, "--time", "time", "--event", "status", "--marker", "risk",
                                 "--times", "2", "--survival", "s"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.csv:3") && r.stderr.contains("s"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func timesOutsideFollowUpExitTwo() throws {
        let r = try Survkit.run(["metrics", Self.test, "--time", "time", "--event", "status", "--marker", "risk",
                                 "--train", Self.train, "--times", "1,100"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--times 100"), "\(r.stderr)")
        let mismatch = try Survkit.run(["metrics", Self.test, "--time", "time", "--event", "status", "--marker", "risk",
                                        "--times", "1,2", "--survival", "s1"])
        #expect(mismatch.status == 2)
    }

    @Test func sameInputSameBytes() throws {
        let a = try Survkit.run(Self.arguments + ["--format", "csv"])
        let b = try Survkit.run(Self.arguments + ["--format", "csv"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
    }
}
