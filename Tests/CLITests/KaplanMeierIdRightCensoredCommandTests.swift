import Foundation
import Testing
import TestSupport

/// `survkit km --id` on right-censored data (no `--start`), against survival 3.5-3
/// (`scripts/fixtures/countingkm.R`, `survfit(Surv(time, status) ~ g, id = id [, weights = w])`):
/// survfitKM's jackknife clustered by subject when a subject has two events (or any weight is not
/// a whole number), Greenwood otherwise, and every censored row in `n.censor`.
@Suite struct KaplanMeierIdRightCensoredCommandTests {
    /// The issue's tolerance for curves.
    static let curve = Tolerance(relative: 1e-9)

    static let cases = ["cgd_gap_id", "cgd_gap_id_treat", "cgd_gap_id_treat_loglog", "cgd_gap_id_treat_na",
                        "cgd_stop_id_treat", "cgd_gap_id_treat_wi", "cgd_gap_id_treat_fw", "cgd_first_id_treat",
                        "cgd_first_id_treat_fw", "adversarial_right_id", "adversarial_right_id_g",
                        "adversarial_right_id_g_na", "adversarial_right_id_g_fw", "adversarial_right_first_id_g",
                        "adversarial_right_first_id_g_fw", "adversarial_right_id_g_reverse"]

    static func arguments(_ e: [String: String]) -> [String] {
        var a = [Fixtures.url("countingkm/data/" + e.string("file")).path,
                 "--time", e.string("time_column"), "--event", e.string("event"), "--id", "id"]
        if !e.string("group_column").isEmpty { a += ["--group", e.string("group_column")] }
        if !e.string("weights").isEmpty { a += ["--weights", e.string("weights")] }
        if e.string("conf_type") != "log" { a += ["--conf-type", e.string("conf_type")] }
        if e.string("estimator") != "kaplan-meier" { a += ["--estimator", e.string("estimator")] }
        if e.string("reverse") == "TRUE" { a.append("--reverse") }
        return a
    }

    /// Every table column and the quartiles with their limits.
    @Test(arguments: cases)
    func tableAndQuantilesMatchSurvfitWithId(_ name: String) throws {
        let expected = try Fixture("countingkm/km_id_right.csv").rows(where: "case", is: name)
        let first = try #require(expected.first)
        let groups = try KaplanMeierIdCommandTests.groups(Self.arguments(first))
        let rows = try KaplanMeierIdCommandTests.labelledTableRows(groups)
        #expect(rows.count == expected.count, "\(name): \(rows.count) rows vs \(expected.count)")
        var keys = ["time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"]
        if first.string("estimator") == "nelson-aalen" { keys += ["cumhaz", "cumhaz_std_err"] }
        for (row, e) in zip(rows, expected) {
            #expect("\(row["group"] ?? "")" == e.string("group"), "\(name) t=\(e.string("time")): group")
            for key in keys {
                let ours = KaplanMeierIdCommandTests.number(row[key])
                #expect(Self.curve.accepts(ours, e.double(key)),
                        "\(name) \(e.string("group")) t=\(e.string("time")) \(key): \(ours.map { "\($0)" } ?? "nil") vs \(e.string(key))")
            }
        }
        try KaplanMeierIdCommandTests.expectQuantiles(of: groups, match: "countingkm/km_id_right_quantiles.csv", case: name)
    }

    /// `--times` reads the id-clustered jackknife error; `--tau`'s se(rmean) is survmean's
    /// count-based one (`summary(fit, times =)`, `summary(fit, rmean = 300)$table`).
    @Test func timesAndRestrictedMeanMatchSurvfitWithId() throws {
        let path = Fixtures.url("countingkm/data/cgd_gap.csv").path
        let groups = try KaplanMeierIdCommandTests.groups([path, "--time", "gap", "--event", "status", "--group", "treat",
                                                           "--id", "id", "--times", "0,50,150,300", "--tau", "300"])
        let expected = try Fixture("countingkm/km_id_right_times.csv").rows
        var rows: [[String: Any]] = []
        for g in groups {
            for row in try #require(g["survival_at"] as? [[String: Any]]) {
                var row = row
                row["group"] = g["group"]; row["rmean"] = g["rmst"]; row["rmean_std_err"] = g["rmst_std_err"]
                rows.append(row)
            }
        }
        #expect(rows.count == expected.count)
        for (row, e) in zip(rows, expected) {
            #expect("\(row["group"] ?? "")" == e.string("group"))
            for key in ["time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper", "rmean", "rmean_std_err"] {
                let ours = KaplanMeierIdCommandTests.number(row[key])
                #expect(Self.curve.accepts(ours, e.double(key)),
                        "\(e.string("group")) t=\(e.string("time")) \(key): \(ours.map { "\($0)" } ?? "nil") vs \(e.string(key))")
            }
        }
    }

    /// The fixture holds both of survfitKM's branches, and `--id` changes the standard error
    /// where R's does: without `--id` the same data give Greenwood (whole weights) or the
    /// jackknife with each row its own cluster, which differ from R's id-clustered values.
    @Test(arguments: ["cgd_gap_id_treat", "cgd_first_id_treat_fw", "adversarial_right_id_g"])
    func idChangesTheStandardError(_ name: String) throws {
        let rows = try Fixture("countingkm/km_id_right.csv").rows
        #expect(rows.contains { $0.string("jackknife") == "TRUE" } && rows.contains { $0.string("jackknife") == "FALSE" })
        let first = try #require(rows.first { $0.string("case") == name })
        #expect(first.string("jackknife") == "TRUE")
        var withoutId = Self.arguments(first)
        let at = try #require(withoutId.firstIndex(of: "--id"))
        withoutId.removeSubrange(at...(at + 1))
        func errors(_ arguments: [String]) throws -> [Double] {
            try KaplanMeierIdCommandTests.groups(arguments).flatMap { g in
                try #require(g["table"] as? [[String: Any]]).map { KaplanMeierIdCommandTests.number($0["std_err"]) ?? .nan }
            }
        }
        let with = try errors(Self.arguments(first)), without = try errors(withoutId)
        #expect(with.count == without.count)
        #expect(zip(with, without).contains { !Self.curve.accepts($0, $1) }, "\(name): --id left std_err unchanged")
    }

    /// One event per subject and whole weights: R keeps Greenwood, so `--id` changes nothing.
    @Test func oneEventPerSubjectIsGreenwoodAsWithoutId() throws {
        let path = Fixtures.url("countingkm/data/cgd_gap.csv").path
        let base = ["km", path, "--time", "gap", "--event", "status1", "--group", "treat", "--format", "json"]
        let with = try Survkit.run(base + ["--id", "id"]), without = try Survkit.run(base)
        #expect(with.status == 0 && without.status == 0, "\(with.stderr)\(without.stderr)")
        #expect(with.stdout == without.stdout)
    }

    /// A missing id leaves the row out (as R's model frame with `id =`), and says so.
    @Test func missingIdLeavesTheRowOut() throws {
        let csv = "id,time,status\n1,2,1\n1,5,1\nNA,3,1\n2,4,0\n3,6,1\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("km-id-na-\(UUID().uuidString).csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try Survkit.run(["km", file.path, "--time", "time", "--event", "status", "--id", "id", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(KaplanMeierIdCommandTests.number(object["rows_used"]) == 4)
        #expect(KaplanMeierIdCommandTests.number(object["rows_omitted"]) == 1)
    }

    /// `--band` (Greenwood-based Hall–Wellner / equal-precision) is refused with `--id`.
    @Test func bandIsRefusedWithId() throws {
        let path = Fixtures.url("countingkm/data/cgd_gap.csv").path
        let r = try Survkit.run(["km", path, "--time", "gap", "--event", "status", "--id", "id", "--band", "hall-wellner"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--id"), "\(r.stderr)")
    }

    /// logrank, cox and rmst use `--id` only with `--start`: without it their output is the same
    /// with and without `--id`.
    @Test(arguments: [["logrank", "--group", "treat"], ["cox", "--covariates", "wi", "--factors", "treat"],
                      ["rmst", "--group", "treat", "--tau", "300"]])
    func otherCommandsIgnoreIdWithoutStart(_ command: [String]) throws {
        let path = Fixtures.url("countingkm/data/cgd_gap.csv").path
        let base = [command[0], path, "--time", "gap", "--event", "status"] + command.dropFirst() + ["--format", "json"]
        let with = try Survkit.run(base + ["--id", "id"]), without = try Survkit.run(base)
        #expect(with.status == 0 && without.status == 0, "\(with.stderr)\(without.stderr)")
        #expect(with.stdout == without.stdout)
    }
}
