import Foundation
import Testing
import TestSupport

/// `survkit simulate --looks`: the group-sequential trial from the command line — its JSON, the
/// same output for any threads and for merged shards, the design file's looks, and bad input.
@Suite struct SequentialSimulateCommandTests {
    static let trial = ["simulate", "--median-control", "11", "--hazard-ratio", "0.6", "--accrual-time", "18",
                        "--patients", "200", "--events", "90", "--alpha", "0.025", "--sides", "1",
                        "--looks", "3", "--futility-spending", "obrien-fleming"]

    func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try Survkit.run(arguments)
        #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
        return r.stdout
    }

    func expectBadInput(_ arguments: [String], mentions fragment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try Survkit.run(arguments)
        #expect(r.status == 2, "status \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(fragment), "\(r.stderr)", sourceLocation: sourceLocation)
    }

    /// Per look: events, bounds, stopping proportions that add up, cumulative rejection ending
    /// at the power; expected events and duration are the means of the stopping analysis.
    @Test func reportsEveryLook() throws {
        let out = try run(Self.trial + ["--replicates", "3000", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        let looks = try #require(json["looks"] as? [[String: Any]])
        #expect(looks.map { $0["events"] as? Int } == [30, 60, 90])
        #expect(looks.map { $0["look"] as? Int } == [1, 2, 3])
        let stopping = looks.map { $0["stopping"] as! Double }
        #expect(abs(stopping.reduce(0, +) - 1) < 1e-12)
        #expect(looks[2]["futility_bound"] is NSNull)
        #expect(looks[0]["futility_bound"] is Double)
        #expect(looks[2]["cumulative_rejection"] as? Double == json["power"] as? Double)
        #expect(json["expected_events"] as? Double == json["mean_events"] as? Double)
        #expect(json["expected_study_duration"] as? Double == json["mean_analysis_time"] as? Double)
        let plan = try #require(json["plan"] as? [String: Any])
        #expect(plan["look_events"] as? [Int] == [30, 60, 90])
        // The critical values are those of `survkit boundaries`.
        let boundaries = try run(["boundaries", "--looks", "3", "--alpha", "0.025", "--sides", "1",
                                  "--futility-spending", "obrien-fleming", "--format", "json"])
        let b = try JSONSerialization.jsonObject(with: Data(boundaries.utf8)) as! [String: Any]
        let bLooks = b["looks"] as! [[String: Any]]
        #expect(looks.map { $0["critical_value"] as! Double } == bLooks.map { $0["critical_value"] as! Double })
        let text = try run(Self.trial + ["--replicates", "500"])
        #expect(text.contains("at 30, 60, 90 events") && text.contains("cumulative rejection"))
        let csv = try run(Self.trial + ["--replicates", "500", "--format", "csv"])
        #expect(csv.split(separator: "\n").first!.contains("look3_cumulative_rejection"))
    }

    /// The same seed gives byte-identical output with 1 and 2 threads.
    @Test func threadsDoNotChangeTheOutput() throws {
        let arguments = Self.trial + ["--replicates", "4000", "--seed", "11", "--format", "json"]
        let one = try run(arguments + ["--threads", "1"])
        #expect(try run(arguments + ["--threads", "2"]) == one)
    }

    /// 3 shards merged give byte for byte the output of one run, with the per-replicate CSV
    /// (which gains the look and the decision).
    @Test func shardsMergeIntoTheRun() throws {
        let folder = try Survkit.temporaryDirectory()
        let arguments = Self.trial + ["--replicates", "3001", "--seed", "9"]
        let wholeCSV = folder.appendingPathComponent("whole.csv").path
        let whole = try run(arguments + ["--format", "json", "--replicates-csv", wholeCSV])
        var parts: [String] = []
        for i in 1...3 {
            let part = folder.appendingPathComponent("part-\(i).json").path
            _ = try run(arguments + ["--shard", "\(i)/3", "--output", part, "--threads", String(i)])
            parts.append(part)
        }
        let mergedCSV = folder.appendingPathComponent("merged.csv").path
        #expect(try run(["merge"] + parts.reversed() + ["--format", "json", "--replicates-csv", mergedCSV]) == whole)
        #expect(try run(["merge"] + parts) == (try run(arguments)))
        let csv = try String(contentsOfFile: wholeCSV, encoding: .utf8)
        #expect(try String(contentsOfFile: mergedCSV, encoding: .utf8) == csv)
        #expect(csv.hasPrefix("replicate,") && csv.split(separator: "\n")[0].hasSuffix(",look,decision"))
    }

    /// The group-sequential design file brings its looks; without looks the output has none.
    @Test func readsLooksFromTheDesignFile() throws {
        let file = Fixtures.root.appendingPathComponent("notebooks-data/nct07363356-gs.yaml").path
        let out = try run(["simulate", "--file", file, "--patients", "56", "--events", "27", "--replicates", "500",
                           "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        #expect((json["looks"] as? [[String: Any]])?.map { $0["events"] as? Int } == [14, 27])
        let fixed = try run(SimulateCommandTests.seedTrial + ["--replicates", "500", "--format", "json"])
        let fixedJSON = try JSONSerialization.jsonObject(with: Data(fixed.utf8)) as! [String: Any]
        #expect(fixedJSON["looks"] == nil && fixedJSON["expected_events"] == nil)
    }

    @Test func badInput() throws {
        let base = Array(Self.trial.prefix(15)) + ["--replicates", "10"]  // without --looks and futility
        try expectBadInput(base.filter { $0 != "--events" && $0 != "90" } + ["--follow-up", "12", "--looks", "2"],
                           mentions: "looks are event-driven")
        try expectBadInput(base + ["--information-rates", "0.5,0.4,1"], mentions: "increas")
        try expectBadInput(base + ["--looks", "0"], mentions: "looks must be at least 1")
        try expectBadInput(base + ["--spending", "pocock"], mentions: "spending settings need looks")
        try expectBadInput(base + ["--looks", "2", "--futility-spending", "pocock", "--sides", "2"], mentions: "one-sided")
        try expectBadInput(base + ["--information-rates", "0.41,0.45,1", "--events", "20"], mentions: "each look needs")
    }
}
