import Foundation
import Testing
import TestSupport

/// `survkit km --weights` with `--times`, `--tau`, `--estimator nelson-aalen` and `--plot`,
/// against survival 3.5-3 (scripts/fixtures/countingkm.R): `summary(fit, times =)`,
/// `summary(fit, rmean = tau)$table` and `survfit(..., weights = w, stype = 2, ctype = 1)`.
@Suite struct KaplanMeierWeightsExtrasCommandTests {
    static let curve = Tolerance(relative: 1e-9)
    static let lung = ["lung_weighted.csv", "--time", "time", "--event", "status"]
    static let heart = ["heart_weighted.csv", "--start", "start", "--time", "stop", "--event", "event"]

    static func json(_ arguments: [String]) throws -> [[String: Any]] {
        let path = Fixtures.url("countingkm/data/" + arguments[0]).path
        let r = try Survkit.run(["km", path] + arguments.dropFirst() + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try #require(object["groups"] as? [[String: Any]])
    }

    static func compare(_ rows: [[String: Any]], _ expected: [[String: String]], keys: [String], case name: String) {
        #expect(rows.count == expected.count, "\(name): \(rows.count) rows vs \(expected.count)")
        for (row, e) in zip(rows, expected) {
            for key in keys {
                let ours = (row[key] as? NSNumber)?.doubleValue
                #expect(curve.accepts(ours, e.double(key)), "\(name) t=\(e.string("time")) \(key): \(ours.map { "\($0)" } ?? "nil") vs \(e.string(key))")
            }
        }
    }

    static let timesCases: [(name: String, arguments: [String])] = [
        ("lung_sex", lung + ["--group", "sex", "--weights", "w"]),
        ("lung_integer_weights", lung + ["--group", "sex", "--weights", "wi"]),
        ("lung_sex_na", lung + ["--group", "sex", "--weights", "w", "--estimator", "nelson-aalen"]),
        ("heart_counting", heart + ["--weights", "w"]),
    ]

    @Test(arguments: 0..<4)
    func survivalAtTimesMatchesSummaryTimes(_ k: Int) throws {
        let (name, arguments) = Self.timesCases[k]
        let times = name.hasPrefix("heart") ? "0,10,100,1000" : "0,5,180,365,730,1000"
        let groups = try Self.json(arguments + ["--times", times])
        var rows: [[String: Any]] = []
        for g in groups { rows += try #require(g["survival_at"] as? [[String: Any]]) }
        var keys = ["time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"]
        if name.hasSuffix("_na") { keys += ["cumhaz", "cumhaz_std_err"] }
        Self.compare(rows, try Fixture("countingkm/km_weighted_times.csv").rows(where: "case", is: name), keys: keys, case: name)
    }

    static let meanCases: [(name: String, arguments: [String])] = [
        ("lung_sex", lung + ["--group", "sex", "--weights", "w", "--tau", "365.25"]),
        ("lung_integer_weights", lung + ["--group", "sex", "--weights", "wi", "--tau", "365.25"]),
        ("lung_sex_na", lung + ["--group", "sex", "--weights", "w", "--tau", "365.25", "--estimator", "nelson-aalen"]),
        ("lung_all_na_integer", lung + ["--weights", "wi", "--tau", "500", "--estimator", "nelson-aalen"]),
    ]

    @Test(arguments: 0..<4)
    func restrictedMeanAndMedianMatchPrint(_ k: Int) throws {
        let (name, arguments) = Self.meanCases[k]
        let groups = try Self.json(arguments)
        let rows = groups.map { g in
            ["rmean": g["rmst"] as Any, "rmean_std_err": g["rmst_std_err"] as Any, "median": g["median"] as Any,
             "median_lower": g["median_lower"] as Any, "median_upper": g["median_upper"] as Any, "time": 0]
        }
        Self.compare(rows, try Fixture("countingkm/km_weighted_rmean.csv").rows(where: "case", is: name),
                     keys: ["rmean", "rmean_std_err", "median", "median_lower", "median_upper"], case: name)
    }

    static let tableCases: [(name: String, arguments: [String])] = [
        ("lung_sex_na", lung + ["--group", "sex", "--weights", "w", "--estimator", "nelson-aalen"]),
        ("lung_integer_weights_na", lung + ["--group", "sex", "--weights", "wi", "--estimator", "nelson-aalen"]),
        ("heart_counting_na", heart + ["--weights", "w", "--estimator", "nelson-aalen"]),
    ]

    @Test(arguments: 0..<3)
    func weightedNelsonAalenMatchesSurvfit(_ k: Int) throws {
        let (name, arguments) = Self.tableCases[k]
        let groups = try Self.json(arguments)
        var rows: [[String: Any]] = []
        for g in groups { rows += try #require(g["table"] as? [[String: Any]]) }
        Self.compare(rows, try Fixture("countingkm/km_weighted_more.csv").rows(where: "case", is: name),
                     keys: ["time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper", "cumhaz", "cumhaz_std_err"],
                     case: name)
    }

    static let idCases: [(name: String, arguments: [String])] = [
        ("heart_counting_id", heart + ["--weights", "w", "--id", "id"]),
        ("heart_counting_surgery_id", heart + ["--weights", "w", "--id", "id", "--group", "surgery"]),
        ("cgd_integer_weights_id", ["cgd_weighted.csv", "--start", "tstart", "--time", "tstop", "--event", "status",
                                    "--weights", "wi", "--id", "id", "--group", "treat"]),
    ]

    /// `--id` with weights: the jackknife summed per subject (also for whole-number weights when
    /// a subject has two events) and n.censor only at the end of a subject's run, as
    /// `survfit(..., weights = w, id = id)`.
    @Test(arguments: 0..<3)
    func jackknifeClusteredById(_ k: Int) throws {
        let (name, arguments) = Self.idCases[k]
        let groups = try Self.json(arguments)
        var rows: [[String: Any]] = []
        for g in groups { rows += try #require(g["table"] as? [[String: Any]]) }
        // survfitKM 3.5-3 with id and a group passes survflag's flags of the whole data to each
        // group's call unsubset (row j of a group reads row j of the data), so its n.censor per
        // group is not the subjects' own; survkit counts by each subject's rows (docs/km.md).
        let censorAsR = !arguments.contains("--group")
        Self.compare(rows, try Fixture("countingkm/km_weighted_more.csv").rows(where: "case", is: name),
                     keys: ["time", "n_risk", "n_event"] + (censorAsR ? ["n_censor"] : []) + ["survival", "std_err", "lower", "upper"],
                     case: name)
    }

    /// The figure draws the weighted curves; the panel leaves out the (unweighted) log-rank p
    /// and hazard ratio.
    @Test func plotDrawsWeightedCurvesWithoutUnweightedTests() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("km-weights-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("km.svg").path
        let path = Fixtures.url("countingkm/data/lung_weighted.csv").path
        let r = try Survkit.run(["km", path, "--time", "time", "--event", "status", "--group", "sex", "--weights", "w", "--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("<svg") && !text.contains("Log-rank"))
        let plain = try Survkit.run(["km", path, "--time", "time", "--event", "status", "--group", "sex", "--plot", svg])
        #expect(plain.status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("Log-rank"))
    }
}
