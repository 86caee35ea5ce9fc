import Foundation
import Testing
import TestSupport

/// `survkit merge`: bad shard sets are refused with one line naming the file (exit 2).
@Suite struct MergeCommandTests {
    static let run = SimulateCommandTests.seedTrial + ["--replicates", "300"]

    func shards(_ count: Int, extra: [String] = [], in folder: URL) throws -> [String] {
        try (1...count).map { i in
            let path = folder.appendingPathComponent("part-\(i)\(extra.isEmpty ? "" : "b").json").path
            let r = try Survkit.run(Self.run + extra + ["--shard", "\(i)/\(count)", "--output", path])
            #expect(r.status == 0, "\(r.stderr)")
            return path
        }
    }

    func expectBadInput(_ arguments: [String], mentions fragment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try Survkit.run(arguments)
        #expect(r.status == 2, "status \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(fragment), "\(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test func missingShard() throws {
        let parts = try shards(3, in: Survkit.temporaryDirectory())
        try expectBadInput(["merge", parts[0], parts[2]], mentions: "shards missing: 2/3")
    }

    @Test func shardTwice() throws {
        let parts = try shards(2, in: Survkit.temporaryDirectory())
        try expectBadInput(["merge"] + parts + [parts[1]], mentions: "shard 2/2 is also in")
    }

    @Test func shardsOfDifferentRuns() throws {
        let folder = try Survkit.temporaryDirectory()
        let a = try shards(2, in: folder)
        let b = try shards(2, extra: ["--seed", "2"], in: folder)
        try expectBadInput(["merge", a[0], b[1]], mentions: "shard of another run")
    }

    @Test func notAShardFile() throws {
        try expectBadInput(["merge", Fixtures.data("lung.csv").path], mentions: "not a survkit shard file")
        try expectBadInput(["merge", "/nonexistent/part-1.json"], mentions: "cannot read the shard file")
    }

    /// A complete single shard (1/1) merges into the run's own output.
    @Test func oneShardIsTheRun() throws {
        let parts = try shards(1, in: Survkit.temporaryDirectory())
        let merged = try Survkit.run(["merge"] + parts)
        let whole = try Survkit.run(Self.run)
        #expect(merged.status == 0 && merged.stdout == whole.stdout)
    }
}

/// Shard integrity (issue 17): format version, survkit version and SHA-256 digest checked on merge.
@Suite struct MergeIntegrityTests {
    func shardPair() throws -> (URL, [String]) {
        let folder = try Survkit.temporaryDirectory()
        return (folder, try MergeCommandTests().shards(2, in: folder))
    }

    func replace(_ path: String, _ old: String, _ new: String, to name: String, in folder: URL) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old))
        let out = folder.appendingPathComponent(name).path
        try text.replacingOccurrences(of: old, with: new).write(toFile: out, atomically: true, encoding: .utf8)
        return out
    }

    @Test func editedStatisticIsRefused() throws {
        let (folder, parts) = try shardPair()
        let text = try String(contentsOfFile: parts[0], encoding: .utf8)
        // Change one base64 character of the z column: a naive edit of one replicate's z.
        let zLine = try #require(text.split(separator: "\n").first { $0.contains("\"z\": \"") })
        let value = zLine.split(separator: "\"")[3]
        let edited = String(value.first == "A" ? "B" : "A") + value.dropFirst()
        let path = try replace(parts[0], String(value), edited, to: "edited.json", in: folder)
        try MergeCommandTests().expectBadInput(["merge", path, parts[1]], mentions: "edited.json: the shard file's SHA-256 digest does not match")
    }

    @Test func truncatedFileIsRefused() throws {
        let (folder, parts) = try shardPair()
        let text = try String(contentsOfFile: parts[0], encoding: .utf8)
        let path = folder.appendingPathComponent("cut.json").path
        try String(text.prefix(text.count - 90) + "\"}}\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try Survkit.run(["merge", path, parts[1]])
        #expect(r.status == 2 && r.stderr.contains("cut.json") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test func olderFormatIsRefused() throws {
        let (folder, parts) = try shardPair()
        let path = try replace(parts[0], "\"format\": 3", "\"format\": 2", to: "old.json", in: folder)
        try MergeCommandTests().expectBadInput(["merge", path, parts[1]], mentions: "old.json: shard file format 2 was written by an older survkit")
    }

    @Test func otherVersionIsRefused() throws {
        let (folder, parts) = try shardPair()
        let path = try replace(parts[0], "\"survkit_version\": \"", "\"survkit_version\": \"9.", to: "v.json", in: folder)
        try MergeCommandTests().expectBadInput(["merge", path, parts[1]], mentions: "v.json: shard written by survkit 9.")
    }

    @Test func intactShardsStillMerge() throws {
        let (_, parts) = try shardPair()
        let merged = try Survkit.run(["merge"] + parts)
        let whole = try Survkit.run(MergeCommandTests.run)
        #expect(merged.status == 0 && merged.stdout == whole.stdout, "\(merged.stderr)")
    }
}
