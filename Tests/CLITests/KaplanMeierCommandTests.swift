import Foundation
import Testing
import TestSupport

/// `survkit km` as a user runs it: the built binary, its output and exit status.
@Suite struct KaplanMeierCommandTests {
    static let lung = Fixtures.data("lung.csv").path

    /// Writes `text` to a fresh temporary CSV file and returns its path.
    static func file(_ text: String, name: String = "data.csv") throws -> String {
        let url = try Survkit.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    @Test func lungBySexPrintsMediansAsR() throws {
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--group", "sex"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        // R: print(survfit(Surv(time, status) ~ sex, lung)): medians 270 (212, 310) and 426 (348, 550).
        #expect(r.stdout.contains("sex=1  138     112     270      212      310"))
        #expect(r.stdout.contains("sex=2   90      53     426      348      550"))
    }

    @Test func jsonHasTheContractKeys() throws {
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--group", "sex", "--format", "json"])
        #expect(r.status == 0)
        let object = try Self.json(r.stdout)
        #expect(Set(object.keys) == ["time_unit", "rows_read", "rows_filtered_out", "filters", "conf_type", "conf_level", "rows_used", "rows_omitted", "groups"])
        #expect(object["conf_type"] as? String == "log")
        #expect(object["rows_used"] as? Int == 228)
        let groups = object["groups"] as! [[String: Any]]
        #expect(groups.map { $0["group"] as? String } == ["1", "2"])
        #expect(Set(groups[0].keys) == ["group", "n", "events", "median", "median_lower", "median_upper", "table"])
        let row = (groups[0]["table"] as! [[String: Any]])[0]
        #expect(Set(row.keys) == ["time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"])
        // The key order of the contract, too.
        #expect(r.stdout.range(of: "\"conf_type\"")!.lowerBound < r.stdout.range(of: "\"conf_level\"")!.lowerBound)
    }

    @Test func everyOptionReachesTheOutput() throws {
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--conf-type", "log-log",
                                 "--conf-level", "0.9", "--times", "100,365", "--quantiles", "0.25,0.5",
                                 "--tau", "365", "--estimator", "nelson-aalen", "--format", "json"])
        #expect(r.status == 0)
        let object = try Self.json(r.stdout)
        #expect(object["conf_type"] as? String == "log-log")
        #expect(object["conf_level"] as? Double == 0.9)
        #expect(object["estimator"] as? String == "nelson-aalen")
        let group = (object["groups"] as! [[String: Any]])[0]
        #expect(group["group"] is NSNull)
        #expect((group["survival_at"] as! [Any]).count == 2)
        #expect((group["quantiles"] as! [Any]).count == 2)
        #expect(group["rmst"] is Double)
        #expect((group["table"] as! [[String: Any]])[0]["cumhaz"] is Double)
    }

    @Test func csvIsTheTableWithAGroupColumnAtFullPrecision() throws {
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--group", "sex", "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0] == "group,time,n_risk,n_event,n_censor,survival,std_err,lower,upper")
        // R: summary(survfit(Surv(time, status) ~ sex, lung), censored = TRUE), first row.
        let first = lines[1].split(separator: ",").map(String.init)
        #expect(first[0] == "1" && first[1] == "11" && first[2] == "138" && first[3] == "3")
        #expect(Double(first[5]) == 0.97826086956521741)
        #expect(Tolerance(relative: 1e-12).accepts(Double(first[6]), 0.012413918276525233))
    }

    @Test func sameInputSameBytes() throws {
        let args = ["km", Self.lung, "--time", "time", "--event", "status", "--group", "sex", "--quantiles", "0.5",
                    "--times", "100", "--tau", "500"]
        for format in ["text", "csv", "json"] {
            let a = try Survkit.run(args + ["--format", format]), b = try Survkit.run(args + ["--format", format])
            #expect(a.status == 0 && a.stdout == b.stdout)
        }
    }

    @Test func readsStandardInput() throws {
        let text = try String(contentsOfFile: Self.lung, encoding: .utf8)
        let fromFile = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--format", "csv"])
        let fromStdin = try Survkit.run(["km", "-", "--time", "time", "--event", "status", "--format", "csv"], stdin: text)
        #expect(fromStdin.status == 0)
        #expect(fromStdin.stdout == fromFile.stdout)
    }

    @Test func missingValuesAreLeftOutAndCounted() throws {
        let path = try Self.file("time,status,g\n1,1,a\n2,NA,b\n3,1,\n4,0,b\n5,1,a\n")
        let json = try Survkit.run(["km", path, "--time", "time", "--event", "status", "--group", "g", "--format", "json"])
        #expect(json.status == 0)
        let object = try Self.json(json.stdout)
        #expect(object["rows_used"] as? Int == 3)
        #expect(object["rows_omitted"] as? Int == 2)
        let text = try Survkit.run(["km", path, "--time", "time", "--event", "status", "--group", "g"])
        #expect(text.stdout.contains("2 rows left out for missing values (status 1, g 1)"))
    }

    @Test func strataGiveOneCurvePerCombinationAsSurvfit() throws {
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--group", "sex",
                                 "--strata", "ph.ecog", "--format", "json"])
        #expect(r.status == 0)
        let groups = try Self.json(r.stdout)["groups"] as! [[String: Any]]
        // R: names(survfit(Surv(time, status) ~ sex + ph.ecog, lung)$strata).
        #expect(groups.map { $0["group"] as? String } == [
            "sex=1, ph.ecog=0", "sex=1, ph.ecog=1", "sex=1, ph.ecog=2", "sex=1, ph.ecog=3",
            "sex=2, ph.ecog=0", "sex=2, ph.ecog=1", "sex=2, ph.ecog=2"])
        #expect(try Self.json(r.stdout)["rows_omitted"] as? Int == 1)
    }

    @Test func outputFileIsWrittenWhole() throws {
        let out = try Survkit.temporaryDirectory().appendingPathComponent("km.json").path
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status", "--format", "json", "--output", out])
        #expect(r.status == 0 && r.stdout.isEmpty)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(try Self.json(written)["rows_used"] as? Int == 228)
    }

    // MARK: Bad input: exit 2, one line naming file, line and column, no output file.

    struct BadInput: Sendable, CustomStringConvertible {
        let description: String
        let csv: String
        let arguments: [String]
        /// What the message must contain (file:line[:column]).
        let location: String
        let column: String?
    }

    static let badInputs: [BadInput] = [
        BadInput(description: "non-numeric time", csv: "time,status\n1,1\nabc,0\n", arguments: [],
                 location: ":3:1", column: "time"),
        BadInput(description: "negative time", csv: "time,status\n1,1\n-2,0\n", arguments: [],
                 location: ":3:1", column: "time"),
        BadInput(description: "infinite time", csv: "time,status\n1,1\nInf,0\n", arguments: [],
                 location: ":3:1", column: "time"),
        BadInput(description: "unknown event code", csv: "time,status\n1,1\n2,5\n", arguments: [],
                 location: ":3:2", column: "status"),
        BadInput(description: "mixed event codings", csv: "time,status\n1,0\n2,2\n", arguments: [],
                 location: ":3:2", column: "status"),
        BadInput(description: "unknown column", csv: "time,status\n1,1\n", arguments: ["--group", "arm"],
                 location: ":1", column: "arm"),
        BadInput(description: "empty file", csv: "", arguments: [], location: ":1", column: nil),
        BadInput(description: "header only", csv: "time,status\n", arguments: [], location: ":2", column: nil),
        BadInput(description: "ragged row", csv: "time,status\n1,1\n2\n", arguments: [], location: ":3", column: nil),
        BadInput(description: "every row missing", csv: "time,status\nNA,1\n", arguments: [], location: ":",
                 column: nil),
    ]

    @Test(arguments: badInputs)
    func badInputExitsTwoNamingTheLineAndLeavesNoFile(_ bad: BadInput) throws {
        let path = try Self.file(bad.csv)
        let directory = try Survkit.temporaryDirectory()
        let out = directory.appendingPathComponent("km.json").path
        let r = try Survkit.run(["km", path, "--time", "time", "--event", "status", "--format", "json",
                                 "--output", out] + bad.arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(r.stderr)")
        #expect(r.stderr.contains("data.csv\(bad.location)"), "location in: \(r.stderr)")
        if let column = bad.column { #expect(r.stderr.contains("'\(column)'"), "column in: \(r.stderr)") }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "no temporary file left")
    }

    @Test func failedRunKeepsAnEarlierOutputFile() throws {
        let out = try Survkit.temporaryDirectory().appendingPathComponent("km.csv").path
        try "previous\n".write(toFile: out, atomically: true, encoding: .utf8)
        let path = try Self.file("time,status\n1,1\nx,0\n")
        let r = try Survkit.run(["km", path, "--time", "time", "--event", "status", "--output", out])
        #expect(r.status == 2)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous\n")
    }

    @Test(arguments: [
        ["--conf-level", "1.5"], ["--conf-level", "0"], ["--conf-level", "nan"], ["--conf-type", "logistic"],
        ["--estimator", "breslow"], ["--quantiles", "0.5,1.2"], ["--quantiles", "0.5,,0.7"], ["--times", "-1"],
        ["--times", "1,abc"], ["--tau", "-3"], ["--tau", "inf"], ["--format", "xml"],
    ])
    func badOptionsExitTwo(_ options: [String]) throws {
        let r = try Survkit.run(["km", Self.lung, "--time", "time", "--event", "status"] + options)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(options[0]))
    }

    @Test func missingDataFileExitsTwo() throws {
        let r = try Survkit.run(["km", "/nonexistent/lung.csv", "--time", "time", "--event", "status"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/nonexistent/lung.csv"))
    }
}
