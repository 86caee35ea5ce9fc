import Foundation
import Testing
import TestSupport

/// `survkit logrank --start`: the log-rank test with risk sets start < t ≤ stop, against the
/// score test of survival 3.5-3's `coxph(Surv(start, stop, event) ~ factor(g) [+ strata(s)],
/// ties = "exact")` (scripts/fixtures/countingkm.R); survdiff itself refuses such data.
@Suite struct LogRankCountingCommandTests {
    static let statistic = Tolerance(relative: 1e-9)

    @Test(arguments: ["heart_transplant", "cgd_treat_strata_hos", "cgd_hos_4_groups", "cgd_inherit_strata_treat"])
    func matchesCoxExactScoreTest(_ name: String) throws {
        let expected = try Fixture("countingkm/logrank_counting.csv").rows(where: "case", is: name)
        let first = try #require(expected.first)
        var arguments = ["logrank", Fixtures.url("countingkm/data/" + first.string("file")).path,
                         "--start", first.string("start"), "--time", first.string("stop"), "--event", first.string("event"),
                         "--group", first.string("group_column"), "--format", "json"]
        if !first.string("strata").isEmpty { arguments += ["--strata", first.string("strata")] }
        let r = try Survkit.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Self.statistic.accepts(object["chisq"] as? Double, first.double("chisq")), "\(object["chisq"] ?? "nil") vs \(first.string("chisq"))")
        #expect(object["df"] as? Int == first.int("df"))
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == expected.count)
        for e in expected {
            let g = try #require(groups.first { $0["group"] as? String == e.string("group") })
            #expect(Self.statistic.accepts(g["observed"] as? Double, e.double("observed")))
            #expect(Self.statistic.accepts(g["expected"] as? Double, e.double("expected")))
        }
    }

    /// No R needed: with every start 0 the test is survdiff's log-rank on the stop times.
    @Test func zeroStartsGiveTheRightCensoredTest() throws {
        var csv = "start,time,status,arm,site\n"
        for i in 0..<60 { csv += "0,\((i * 37) % 23 + 1),\(i % 3 == 0 ? 0 : 1),\(i % 4 == 0 ? "a" : (i % 4 == 1 ? "b" : "c")),\(i % 2)\n" }
        let plain = try Survkit.run(["logrank", "-", "--time", "time", "--event", "status", "--group", "arm",
                                     "--strata", "site", "--format", "json"], stdin: csv)
        let counting = try Survkit.run(["logrank", "-", "--start", "start", "--time", "time", "--event", "status",
                                        "--group", "arm", "--strata", "site", "--format", "json"], stdin: csv)
        #expect(plain.status == 0 && counting.status == 0, "\(counting.stderr)")
        // Bit for bit: the same JSON bytes (the same numbers, printed round-trip).
        #expect(plain.stdout == counting.stdout)
    }

    /// Bit for bit also without strata, with two groups and tied times (the z statistic too).
    @Test func zeroStartsGiveTheSameBytesForTwoGroups() throws {
        var csv = "start,time,status,arm\n"
        for i in 0..<200 { csv += "0,\(Double((i * 53) % 41) / 3 + 0.5),\(i % 5 == 0 ? 0 : 1),\(i % 3 == 0 ? "x" : "y")\n" }
        for format in ["json", "csv", "text"] {
            let plain = try Survkit.run(["logrank", "-", "--time", "time", "--event", "status", "--group", "arm", "--format", format], stdin: csv)
            let counting = try Survkit.run(["logrank", "-", "--start", "start", "--time", "time", "--event", "status",
                                            "--group", "arm", "--format", format], stdin: csv)
            #expect(plain.status == 0 && counting.status == 0, "\(counting.stderr)")
            #expect(format == "text" || plain.stdout == counting.stdout, "\(format)")
        }
    }

    @Test func weightedTestsOnCountingDataExitTwo() throws {
        let r = try Survkit.run(["logrank", Fixtures.url("countingkm/data/heart.csv").path, "--start", "start", "--time", "stop",
                                 "--event", "event", "--group", "transplant", "--rho", "1"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("only the unweighted"))
    }
}
