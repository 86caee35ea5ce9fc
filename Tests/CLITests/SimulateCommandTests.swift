import Foundation
import Testing
import TestSupport

/// `survkit simulate` run as a user runs it: reproducibility across threads and shards, the
/// design file, per-replicate CSV, and one-line errors for bad input.
@Suite struct SimulateCommandTests {
    static let seedTrial = ["simulate", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18",
                            "--patients", "56", "--events", "27", "--alpha", "0.025", "--sides", "1"]
    static let designFile = Fixtures.root.appendingPathComponent("notebooks-data/nct07363356.yaml").path

    func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try Survkit.run(arguments)
        #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.isEmpty, "no progress bar when stderr is not a terminal", sourceLocation: sourceLocation)
        return r.stdout
    }

    func expectBadInput(_ arguments: [String], mentions fragment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try Survkit.run(arguments)
        #expect(r.status == 2, "status \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(fragment), "\(r.stderr)", sourceLocation: sourceLocation)
    }

    /// The same seed gives byte-identical JSON with 1, 2 and 8 threads.
    @Test func threadsDoNotChangeTheOutput() throws {
        let arguments = Self.seedTrial + ["--replicates", "5000", "--seed", "17", "--arrivals", "poisson", "--format", "json"]
        let one = try run(arguments + ["--threads", "1"])
        #expect(try run(arguments + ["--threads", "2"]) == one)
        #expect(try run(arguments + ["--threads", "8"]) == one)
        let json = try JSONSerialization.jsonObject(with: Data(one.utf8)) as! [String: Any]
        #expect(json["replicates"] as? Int == 5000 && json["seed"] as? Int == 17)
        for key in ["power", "power_se", "mean_events", "mean_analysis_time", "mean_patients", "mean_dropouts"] {
            #expect(json[key] is Double || json[key] is Int, "\(key)")
        }
        #expect(json["threads"] == nil)
        // Another seed, another answer.
        #expect(try run(arguments + ["--seed", "18"]) != one)
    }

    /// 4 shards merged give byte for byte the output of one run: JSON, text, and the
    /// per-replicate CSV.
    @Test func shardsMergeIntoTheRun() throws {
        let folder = try Survkit.temporaryDirectory()
        let arguments = Self.seedTrial + ["--replicates", "10001", "--seed", "5", "--cox", "--dropout-rate", "0.1",
                                          "--dropout-time", "12"]
        let whole = try run(arguments + ["--format", "json", "--replicates-csv", folder.appendingPathComponent("whole.csv").path])
        var parts: [String] = []
        for i in 1...4 {
            let part = folder.appendingPathComponent("part-\(i).json").path
            _ = try run(arguments + ["--shard", "\(i)/4", "--output", part, "--threads", String(i)])
            parts.append(part)
        }
        let merged = try run(["merge"] + parts.reversed() + ["--format", "json", "--replicates-csv",
                                                             folder.appendingPathComponent("merged.csv").path])
        #expect(merged == whole)
        #expect(try run(["merge"] + parts) == (try run(arguments)))
        let wholeCSV = try String(contentsOf: folder.appendingPathComponent("whole.csv"), encoding: .utf8)
        #expect(try String(contentsOf: folder.appendingPathComponent("merged.csv"), encoding: .utf8) == wholeCSV)
        #expect(wholeCSV.split(separator: "\n").count == 10_002)
    }

    /// The design file of `survkit design` works as is; its dropout inflation is reported as
    /// not simulated, and `--events` on the command line replaces a follow-up in the file.
    @Test func readsTheDesignFile() throws {
        let out = try run(["simulate", "--file", Self.designFile, "--accrual-time", "18", "--patients", "56", "--events", "27",
                           "--replicates", "2000", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        let plan = json["plan"] as! [String: Any]
        #expect(plan["events"] as? Int == 27 && plan["sides"] as? Int == 2 && plan["alpha"] as? Double == 0.05)
        #expect((json["notes"] as! [String]).first?.contains("inflation") == true)
        let folder = try Survkit.temporaryDirectory()
        let file = folder.appendingPathComponent("d.yaml")
        try "median-control: 11\nhazard-ratio: 0.5\naccrual-time: 12\nfollow-up: 12\npatients: 80\n".write(to: file, atomically: true, encoding: .utf8)
        let calendar = try run(["simulate", "--file", file.path, "--replicates", "500", "--format", "json"])
        #expect(calendar.contains("\"cut\": \"follow-up\""))
        let events = try run(["simulate", "--file", file.path, "--events", "40", "--replicates", "500", "--format", "json"])
        #expect(events.contains("\"cut\": \"events\""))
    }

    @Test func textAndCSV() throws {
        let text = try run(Self.seedTrial + ["--replicates", "1000"])
        #expect(text.contains("power") && text.contains("analysis time") && text.contains("1000 replicates"))
        let csv = try run(Self.seedTrial + ["--replicates", "1000", "--format", "csv"]).split(separator: "\n")
        #expect(csv.count == 2 && csv[0].hasPrefix("replicates,seed,power,power_se"))
    }

    @Test func writesAtomically() throws {
        let r = try Survkit.run(Self.seedTrial + ["--replicates", "100", "--output", "/nonexistent-folder/out.json"])
        #expect(r.status == 2 && r.stderr.contains("cannot write"))
        let folder = try Survkit.temporaryDirectory()
        let bad = try Survkit.run(Self.seedTrial + ["--replicates", "100", "--replicates-csv",
                                                   "/nonexistent-folder/r.csv", "--output", folder.appendingPathComponent("o.txt").path])
        #expect(bad.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    // MARK: Bad input

    @Test func missingPatients() throws {
        try expectBadInput(["simulate", "--median-control", "11", "--hazard-ratio", "0.5", "--accrual-time", "18", "--events", "27"],
                           mentions: "give --patients")
    }

    @Test func tooManyEvents() throws {
        try expectBadInput(Self.seedTrial.map { $0 == "27" ? "57" : $0 }, mentions: "events must be a whole number from 1 to the patients")
    }

    @Test func bothCuts() throws {
        try expectBadInput(Self.seedTrial + ["--follow-up", "12"], mentions: "not both")
    }

    @Test func badShard() throws {
        try expectBadInput(Self.seedTrial + ["--shard", "5/4"], mentions: "shard 5/4")
    }

    @Test func noThreads() throws {
        try expectBadInput(Self.seedTrial + ["--threads", "0"], mentions: "--threads must be at least 1")
    }

    @Test func hazardTimesWithoutHazards() throws {
        try expectBadInput(Self.seedTrial + ["--hazard-times", "0,6"], mentions: "--hazard-times needs")
    }

    @Test func negativeHazard() throws {
        try expectBadInput(["simulate", "--hazards-control", "0.06,-0.03", "--hazard-times", "0,6", "--hazard-ratio", "0.5",
                            "--accrual-time", "18", "--patients", "56", "--events", "27"], mentions: "hazards must be finite and not negative")
    }

    @Test func seedTooLarge() throws {
        try expectBadInput(Self.seedTrial + ["--seed", "9007199254740992"], mentions: "seed must be")
    }

    @Test func blockSizeMustFit() throws {
        try expectBadInput(Self.seedTrial + ["--block-size", "5"], mentions: "block size 5")
    }
}
