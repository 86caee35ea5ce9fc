import Foundation
import Testing
import TestSupport

/// `simulate` under non-proportional hazards (issue 13): the design file's keys read through the
/// settings table as `design` reads them (flags override), and shards that carry cure fractions
/// and further tests (`--test`), merged byte for byte into the output of one run.
@Suite struct SimulateNonProportionalTests {
    static let base = ["--median-control", "11", "--hazard-ratio", "0.3333", "--accrual-time", "18",
                       "--patients", "56", "--events", "27"]
    static let run = ["--replicates", "300", "--seed", "5", "--format", "json"]

    func output(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try Survkit.run(["simulate"] + arguments)
        #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
        return r.stdout
    }

    func file(_ text: String) throws -> String {
        let url = try Survkit.temporaryDirectory().appendingPathComponent("trial.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let yamlBase = "median-control: 11\nhazard-ratio: 0.3333\naccrual-time: 18\npatients: 56\nevents: 27\n"

    /// `delay: 3` in the file gives the JSON of `--delay 3`, and differs from no delay.
    @Test func fileDelayIsTheFlag() throws {
        let path = try file(Self.yamlBase + "delay: 3\n")
        let fromFile = try output(["--file", path] + Self.run)
        #expect(fromFile == (try output(Self.base + ["--delay", "3"] + Self.run)))
        #expect(fromFile != (try output(Self.base + Self.run)))
        // The flag overrides the file's delay.
        #expect(try output(["--file", path, "--delay", "6"] + Self.run) == (try output(Self.base + ["--delay", "6"] + Self.run)))
    }

    /// Piecewise hazards with a hazard ratio per piece, and cure fractions, from the file.
    @Test func filePiecewiseAndCureKeys() throws {
        let piecewise = "median-control: 11\naccrual-time: 18\npatients: 56\nevents: 27\nhazard-times: [0, 6]\nhazard-ratios: [1, 0.4]\n"
        let flags = ["--median-control", "11", "--accrual-time", "18", "--patients", "56", "--events", "27",
                     "--hazard-times", "0,6", "--hazard-ratios", "1,0.4"]
        #expect(try output(["--file", try file(piecewise)] + Self.run) == (try output(flags + Self.run)))
        let cured = try file(Self.yamlBase + "cure-fraction: 0.3\ncure-fraction-treatment: 0.4\n")
        #expect(try output(["--file", cured] + Self.run)
            == (try output(Self.base + ["--cure-fraction", "0.3", "--cure-fraction-treatment", "0.4"] + Self.run)))
        // A file's hazards-control gives way to --median-control on the command line.
        let hazards = try file("hazards-control: 0.2\nhazard-ratio: 0.3333\naccrual-time: 18\npatients: 56\nevents: 27\n")
        #expect(try output(["--file", hazards, "--median-control", "11"] + Self.run) == (try output(Self.base + Self.run)))
    }

    /// Three shards of a run with a cure fraction and further tests merge into the run's own
    /// JSON byte for byte; the shard file carries the tests' counts (format 3).
    @Test func shardsCarryTestsAndCure() throws {
        let scenario = Self.base + ["--cure-fraction", "0.3", "--cure-fraction-treatment", "0.3",
                                    "--test", "logrank,fh:0,1,maxcombo,rmst:12", "--replicates", "300", "--seed", "5"]
        let folder = try Survkit.temporaryDirectory()
        var parts: [String] = []
        for i in 1...3 {
            let path = folder.appendingPathComponent("part-\(i).json").path
            _ = try output(scenario + ["--shard", "\(i)/3", "--output", path])
            parts.append(path)
        }
        let shard = try String(contentsOfFile: parts[0], encoding: .utf8)
        #expect(shard.contains("\"format\": 3") && shard.contains("\"test_rejections\"") && shard.contains("\"cure_control\": 0.3"))
        let merged = try Survkit.run(["merge", parts[2], parts[0], parts[1], "--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let whole = try output(scenario + ["--format", "json"])
        #expect(merged.stdout == whole)
        #expect(whole.contains("\"test\": \"maxcombo\"") && whole.contains("\"test\": \"fh:0,1\""))
    }

    /// A shard whose counts were edited is refused by the digest.
    @Test func editedCountsAreRefused() throws {
        let folder = try Survkit.temporaryDirectory()
        let path = folder.appendingPathComponent("part-1.json").path
        _ = try output(Self.base + ["--test", "logrank", "--replicates", "50", "--shard", "1/1", "--output", path])
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: "\"test_rejections\": [\n    ["))
        text.insert("1", at: range.upperBound)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try Survkit.run(["merge", path])
        #expect(r.status == 2 && r.stderr.contains("SHA-256"), "\(r.stderr)")
    }

    /// Further tests over looks: each its own group-sequential trial at the log-rank boundaries'
    /// nominal levels. The log-rank test rejects in exactly the trials the plan stops for
    /// efficacy; three shards merge into the single run's JSON byte for byte; the text report
    /// states the rule and the levels.
    @Test func testsWithLooksRunAsGroupSequentialTrials() throws {
        let scenario = Self.base + ["--delay", "3", "--test", "logrank,fh:0,1", "--looks", "3",
                                    "--replicates", "200", "--seed", "9"]
        let whole = try output(scenario + ["--format", "json"])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(whole.utf8)) as? [String: Any])
        let tests = try #require(o["tests"] as? [[String: Any]])
        let replicates = try #require(o["replicates"] as? Int)
        let power = try #require(o["power"] as? Double)
        #expect(tests.count == 2)
        #expect(tests[0]["test"] as? String == "logrank")
        #expect(tests[0]["rejections"] as? Int == Int((power * Double(replicates)).rounded()))
        let folder = try Survkit.temporaryDirectory()
        var parts: [String] = []
        for i in 1...3 {
            let path = folder.appendingPathComponent("looks-\(i).json").path
            _ = try output(scenario + ["--shard", "\(i)/3", "--output", path])
            parts.append(path)
        }
        let merged = try Survkit.run(["merge", parts[1], parts[2], parts[0], "--format", "json"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout == whole)
        let text = try output(scenario)
        #expect(text.contains("Each test is its own group-sequential trial") && text.contains("nominal level (two-sided)"), "\(text)")
    }

    /// The RMST difference over looks is refused with the reason, as `design --nph-method rmst` is.
    @Test func restrictedMeanOverLooksIsRefused() throws {
        let r = try Survkit.run(["simulate"] + Self.base + ["--test", "logrank,rmst:12", "--looks", "2", "--replicates", "10"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("rmst:12") && r.stderr.contains("independent increments") && r.stderr.contains("--looks"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
