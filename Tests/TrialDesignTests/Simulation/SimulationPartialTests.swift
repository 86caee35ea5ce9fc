import Foundation
import SurvivalAnalysis
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct SimulationPartialTests {
    static func parts(_ plan: SimulationPlan, replicates: Int, shards: Int, seed: UInt64 = 4) throws -> [(file: String, partial: SimulationPartial)] {
        let settings = try MonteCarloSettings(replicates: replicates, seed: seed)
        return try (1...shards).map { i in
            let shard = try Shard(index: i, count: shards)
            let outcomes = MonteCarlo.run(plan: plan, seed: seed, range: shard.range(replicates: replicates), threads: 2)
            return ("part-\(i).json", SimulationPartial(plan: plan, settings: settings, shard: shard, outcomes: outcomes))
        }
    }

    @Test func mergeRefusesIncompleteOrMixedShards() throws {
        let plan = try SimulationFixtures.seedTrial()
        let parts = try Self.parts(plan, replicates: 100, shards: 3)
        #expect(throws: InputError.self) { try SimulationPartial.merge(Array(parts.prefix(2))) }
        #expect(throws: InputError.self) { try SimulationPartial.merge(parts + [parts[0]]) }
        let other = try Self.parts(plan, replicates: 100, shards: 3, seed: 5)
        #expect(throws: InputError.self) { try SimulationPartial.merge([parts[0], parts[1], other[2]]) }
        #expect(throws: InputError.self) { try SimulationPartial.merge([]) }
    }

    @Test(arguments: ["", "{}", "[1, 2]", "{\"survkit\": \"survkit-simulate-shard\", \"format\": 1}", "not: [json"])
    func refusesOtherFiles(text: String) {
        #expect(throws: InputError.self) { try SimulationPartial.decode(text, file: "bad.json") }
    }


}
