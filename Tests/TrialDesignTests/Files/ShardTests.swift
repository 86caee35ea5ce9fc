import Foundation
import Testing
import SurvivalAnalysis
@testable import TrialDesign

@Suite struct ShardTests {
    /// The shards of a run cover every replicate once, in order, in near-equal parts.
    @Test(arguments: [(10, 3), (10_001, 4), (3, 5), (1_000_000_000, 999_983)])
    func shardsPartitionTheReplicates(replicates: Int, count: Int) throws {
        var next = 0
        for i in 1...min(count, 1000) {
            let r = try Shard(index: i, count: count).range(replicates: replicates)
            #expect(r.lowerBound == next)
            #expect(r.count >= replicates / count && r.count <= replicates / count + 1)
            next = r.upperBound
        }
        if count <= 1000 { #expect(next == replicates) }
        #expect(try Shard(index: count, count: count).range(replicates: replicates).upperBound == replicates)
    }

    @Test func parsing() throws {
        #expect(try Shard(parsing: "3/8") == Shard(index: 3, count: 8))
        for bad in ["0/4", "5/4", "a/4", "1/0", "2", "1/2/3", "-1/4"] {
            #expect(throws: DesignError.self) { try Shard(parsing: bad) }
        }
    }
}
