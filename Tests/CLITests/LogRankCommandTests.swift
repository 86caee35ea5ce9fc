import Foundation
import Testing
import TestSupport

/// `survkit logrank` as a user runs it: outputs, formats, exit codes and bad input.
@Suite struct LogRankCommandTests {
    static let agreement = Tolerance(relative: 1e-9)
    static let lung = Fixtures.data("lung.csv").path

    func logrank(_ arguments: [String], stdin: String? = nil) throws -> CommandResult {
        try Survkit.run(["logrank"] + arguments, stdin: stdin)
    }

    func json(_ r: CommandResult) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// The R reference row of a fixture case.
    func reference(_ name: String) throws -> [String: String] {
        try #require(try Fixture("logrank/cases.csv").rows(where: "case", is: name).first)
    }

    @Test func jsonHasTheContractKeysInOrderAndRsNumbers() throws {
        let r = try logrank([Self.lung, "--time", "time", "--event", "status", "--group", "sex", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let keys = ["\"chisq\"", "\"df\"", "\"p_value\"", "\"rows_used\"", "\"rows_omitted\"", "\"groups\""]
        let positions = keys.map { r.stdout.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let object = try json(r)
        let ref = try reference("lung_sex")
        #expect(Self.agreement.accepts(object["chisq"] as? Double, ref.double("chisq")))
        #expect(object["df"] as? Int == 1)
        #expect(Self.agreement.accepts(object["p_value"] as? Double, ref.double("p_value")))
        #expect(Self.agreement.accepts(object["z"] as? Double, ref.double("z")))
        #expect(object["rows_used"] as? Int == 228)
        #expect(object["rows_omitted"] as? Int == 0)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["1", "2"])
        #expect(groups.map { $0["n"] as? Int } == [138, 90])
        for g in groups { #expect(Set(g.keys).isSuperset(of: ["group", "n", "observed", "expected"])) }
        #expect(object["variance"] is [[Double]])
        #expect(object["test"] as? String == "log-rank")
    }

    @Test func textReadsLikePrintSurvdiff() throws {
        let r = try logrank([Self.lung, "--time", "time", "--event", "status", "--group", "sex"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Observed  Expected  (O-E)^2/E  (O-E)^2/V"))
        #expect(r.stdout.contains("sex=1  138       112      91.6       4.55       10.3"))
        #expect(r.stdout.contains(" Chisq= 10.3  on 1 degrees of freedom, p= 0.001\n"))
        #expect(r.stdout.contains("n= 228, no rows left out."))
    }

    @Test func textSaysWhichRowsWereLeftOut() throws {
        let r = try logrank([Self.lung, "--time", "time", "--event", "status", "--group", "ph.ecog", "--strata", "inst"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("n= 226, 2 rows left out for missing values (ph.ecog 1, inst 1)."))
        #expect(r.stdout.contains("strata: inst (18 strata)"))
        #expect(r.stdout.contains(" Chisq= 26.6  on 3 degrees of freedom, p= 7e-06"))
    }

    @Test func csvHasOneRowPerGroup() throws {
        let r = try logrank([Self.lung, "--time", "time", "--event", "status", "--group", "ph.ecog", "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "group,n,events,observed,expected,variance,o_minus_e_squared_over_e,o_minus_e_squared_over_v")
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("0,63,37,37,"))
    }

    @Test func weightedStratifiedTrendInJSON() throws {
        let r = try logrank([Self.lung, "--time", "time", "--event", "status", "--group", "sex", "--strata", "ph.ecog",
                             "--rho", "0.5", "--gamma", "0.5", "--trend", "--format", "json"])
        #expect(r.status == 0)
        let object = try json(r)
        let ref = try reference("lung_sex_strata_ecog_rho05_gamma05")
        #expect(Self.agreement.accepts(object["chisq"] as? Double, ref.double("chisq")))
        #expect(object["test"] as? String == "fleming-harrington")
        #expect(object["rho"] as? Double == 0.5)
        #expect((object["strata"] as? [[String: Any]])?.count == 4)
        #expect(object["strata_columns"] as? [String] == ["ph.ecog"])
        let trend = try #require(object["trend"] as? [String: Any])
        #expect(Self.agreement.accepts(trend["chisq"] as? Double, ref.double("trend_chisq")))
        #expect(trend["df"] as? Int == 1)
    }

    @Test func trendWithScoresMatchesTheReferenceUpToAffineChange() throws {
        // Scores 0..3 are 1..4 shifted: the same trend chi-square.
        let r = try logrank([Self.lung, "--time", "time", "--event", "status", "--group", "ph.ecog",
                             "--scores", "0,1,2,3", "--format", "json"])
        #expect(r.status == 0)
        let trend = try #require(try json(r)["trend"] as? [String: Any])
        #expect(Self.agreement.accepts(trend["chisq"] as? Double, try reference("lung_ecog").double("trend_chisq")))
    }

    @Test func standardInputGivesTheSameAnswer() throws {
        let text = try String(contentsOfFile: Self.lung, encoding: .utf8)
        let args = ["--time", "time", "--event", "status", "--group", "sex", "--format", "json"]
        let fromFile = try logrank([Self.lung] + args)
        let fromStdin = try logrank(["-"] + args, stdin: text)
        #expect(fromStdin.status == 0)
        #expect(fromStdin.stdout == fromFile.stdout)
    }

    @Test func sameInputGivesByteIdenticalOutput() throws {
        for format in ["text", "csv", "json"] {
            let args = [Self.lung, "--time", "time", "--event", "status", "--group", "ph.ecog", "--strata", "inst",
                        "--rho", "1", "--trend", "--format", format]
            #expect(try logrank(args).stdout == (try logrank(args).stdout))
        }
    }

    @Test func outputFileHoldsWhatStandardOutputWouldShow() throws {
        let dir = try Survkit.temporaryDirectory()
        let path = dir.appendingPathComponent("lr.json").path
        let args = [Self.lung, "--time", "time", "--event", "status", "--group", "sex", "--format", "json"]
        let r = try logrank(args + ["--output", path])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == (try logrank(args).stdout))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["lr.json"])
    }

    // MARK: Bad input: exit 2, one line on stderr, no output file.

    /// Bad data gives exactly one line; a usage error (found by the argument parser's
    /// `validate()`) gives its message on the first line and the usage hint after it.
    func expectBadInput(_ arguments: [String], stdin: String? = nil, mentions: [String], usage: Bool = false) throws {
        let dir = try Survkit.temporaryDirectory()
        let path = dir.appendingPathComponent("out.txt").path
        let r = try logrank(arguments + ["--output", path], stdin: stdin)
        #expect(r.status == 2, "status \(r.status) for \(arguments)")
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        if !usage { #expect(lines.count == 1, "one line: \(r.stderr)") }
        let first = String(lines.first ?? "")
        for m in mentions { #expect(first.contains(m), "stderr \(r.stderr) should mention \(m) on its first line") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "no output file left")
    }

    @Test func oneLevelGroupNamesTheColumn() throws {
        try expectBadInput(["-", "--time", "t", "--event", "e", "--group", "arm"],
                           stdin: "t,e,arm\n1,1,a\n2,0,a\n3,1,NA\n", mentions: ["<stdin>", "'arm'", "one level"])
    }

    @Test func unknownColumnIsNamed() throws {
        try expectBadInput([Self.lung, "--time", "time", "--event", "status", "--group", "arm"],
                           mentions: ["lung.csv", "'arm'"])
        try expectBadInput([Self.lung, "--time", "time", "--event", "status", "--group", "sex", "--strata", "site"],
                           mentions: ["'site'"])
    }

    @Test func noEventsIsAnError() throws {
        try expectBadInput(["-", "--time", "t", "--event", "e", "--group", "arm"],
                           stdin: "t,e,arm\n1,0,a\n2,0,b\n3,0,b\n", mentions: ["<stdin>", "'e'", "no events"])
    }

    @Test func missingGroupIsAUsageError() throws {
        try expectBadInput([Self.lung, "--time", "time", "--event", "status"], mentions: ["--group"], usage: true)
    }

    @Test func badWeightsAndScoresAreUsageErrors() throws {
        try expectBadInput([Self.lung, "--time", "time", "--event", "status", "--group", "sex", "--rho=-1"],
                           mentions: ["--rho"], usage: true)
        try expectBadInput([Self.lung, "--time", "time", "--event", "status", "--group", "ph.ecog", "--scores", "1,2"],
                           mentions: ["2 trend scores given for 4 groups"])
        try expectBadInput([Self.lung, "--time", "time", "--event", "status", "--group", "ph.ecog", "--scores", "1,1,1,1"],
                           mentions: ["zero variance"])
    }

    @Test func badValuesNameLineAndColumn() throws {
        try expectBadInput(["-", "--time", "t", "--event", "e", "--group", "arm"],
                           stdin: "t,e,arm\n1,1,a\n-2,0,b\n", mentions: ["<stdin>:3:1", "negative"])
        try expectBadInput(["-", "--time", "t", "--event", "e", "--group", "arm"],
                           stdin: "t,e,arm\n1,1,a\n2,7,b\n", mentions: ["<stdin>:3:2"])
    }

    @Test func helpListsTheOptions() throws {
        let r = try Survkit.run(["logrank", "--help"])
        #expect(r.status == 0)
        for option in ["--time", "--event", "--group", "--strata", "--rho", "--gamma", "--trend", "--scores",
                       "--format", "--output", "text, csv, json"] {
            #expect(r.stdout.contains(option), "help mentions \(option)")
        }
    }
}
