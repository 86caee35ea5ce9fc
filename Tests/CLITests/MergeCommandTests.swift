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
