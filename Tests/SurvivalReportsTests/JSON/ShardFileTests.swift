import Foundation
import SurvivalAnalysis
import Testing
import TestSupport
import TrialDesign
@testable import SurvivalReports

/// Shard files written by the one JSON writer and read back by ``SimulationPartial/decode(_:file:)``
/// (moved from TrialDesignTests when writing moved to SurvivalReports).
@Suite struct ShardFileTests {
    static func parts(_ plan: SimulationPlan, replicates: Int, shards: Int, seed: UInt64 = 4) throws -> [(file: String, partial: SimulationPartial)] {
        let settings = try MonteCarloSettings(replicates: replicates, seed: seed)
        return try (1...shards).map { i in
            let shard = try Shard(index: i, count: shards)
            let outcomes = MonteCarlo.run(plan: plan, seed: seed, range: shard.range(replicates: replicates), threads: 2)
            return ("part-\(i).json", SimulationPartial(plan: plan, settings: settings, shard: shard, outcomes: outcomes))
        }
    }

    /// The seed trial of TrialDesignTests' SimulationFixtures.
    static func seedTrial() throws -> SimulationPlan {
        try SimulationPlan(
            patients: 56, accrual: .uniform(duration: 18), arrivals: .even,
            randomisation: Randomisation(scheme: .permutedBlocks, allocation: .equal),
            survival: .exponential(hazardTreatment: TrialAssumptions.hazard(median: 33),
                                   hazardControl: TrialAssumptions.hazard(median: 11)),
            cut: .events(27), alpha: 0.025, sides: 1, cox: false)
    }

    /// Written and read back, a shard holds the same plan and bit-identical outcomes (NaN,
    /// piecewise hazards, dropout, Cox and notes included).
    @Test func roundTrip() throws {
        let plan = try SimulationPlan(
            patients: 30, accrual: Accrual(times: [0, 6, 18], rates: [1, 3]), arrivals: .poisson,
            allocation: Allocation(parsing: "3:2"), randomisation: Randomisation(scheme: .alternating, allocation: Allocation(parsing: "3:2")),
            survival: ArmSurvival(treatment: PiecewiseExponential(times: [0, 6], hazards: [0.1, 0.0123456789]),
                                  control: PiecewiseExponential(times: [0, 6], hazards: [0.1, 0.1])),
            dropout: ExponentialDropout(probabilityTreatment: 0.3, probabilityControl: 0.1, time: 12), cut: .events(25),
            alpha: 0.1, sides: 1, cox: true, notes: ["a \"quoted\" note"])
        let part = try Self.parts(plan, replicates: 300, shards: 3)[1]
        let text = part.partial.encoded()
        let back = try SimulationPartial.decode(text, file: "x.json")
        #expect(back.plan == plan && back.shard == part.partial.shard && back.settings == part.partial.settings)
        #expect(back.outcomes.count == 100 && zip(back.outcomes, part.partial.outcomes).allSatisfy { $0.isIdentical(to: $1) })
    }

    /// Merged shards give exactly the outcomes of one run, whatever order the files come in.
    @Test func mergeRebuildsTheRun() throws {
        let plan = try Self.seedTrial()
        let parts = try Self.parts(plan, replicates: 1001, shards: 4)
        let decoded = try parts.reversed().map { ($0.file, try SimulationPartial.decode($0.partial.encoded(), file: $0.file)) }
        let merged = try SimulationPartial.merge(decoded)
        let whole = MonteCarlo.run(plan: plan, seed: 4, range: 0..<1001, threads: 1)
        #expect(merged.outcomes.count == 1001 && zip(merged.outcomes, whole).allSatisfy { $0.isIdentical(to: $1) })
        // Compared as text: NaN fields (the geometric mean of zero dropouts) are never == themselves.
        #expect("\(SimulationSummary(plan: merged.plan, outcomes: merged.outcomes))" == "\(SimulationSummary(plan: plan, outcomes: whole))")
    }

    /// A shard file whose outcomes were cut short is refused.
    @Test func refusesTruncatedOutcomes() throws {
        let part = try Self.parts(try Self.seedTrial(), replicates: 100, shards: 2)[0]
        let text = part.partial.encoded()
        let z = text.range(of: "\"z\": \"")!
        let damaged = text.replacingCharacters(in: z.upperBound..<text.index(z.upperBound, offsetBy: 8), with: "")
        #expect(throws: InputError.self) { try SimulationPartial.decode(damaged, file: "part-1.json") }
    }

    /// The file is JSON by the strict parser too.
    @Test func isJSON() throws {
        let part = try Self.parts(try Self.seedTrial(), replicates: 50, shards: 2)[0]
        #expect(try JSONSerialization.jsonObject(with: Data(part.partial.encoded().utf8)) is [String: Any])
    }
}
