import Foundation
import SurvivalAnalysis
import Testing
import TestSupport
import TrialDesign
@testable import SurvivalReports

/// Range checks of shard values against the plan: they hold even when the digest is forged
/// (recomputed after the edit), as a determined editor could do (issue 17).
@Suite struct ShardRangeCheckTests {
    static func partial() throws -> SimulationPartial {
        let plan = try SimulationPlan(settings: {
            var s = DesignSettings()
            s.medianControl = 11; s.medianTreatment = 33; s.accrualTime = 18; s.patients = 56; s.events = 27
            return s
        }(), options: SimulationOptions())
        let settings = try MonteCarloSettings(replicates: 40, seed: 3)
        let shard = try Shard(index: 1, count: 1)
        let outcomes = MonteCarlo.run(plan: plan, seed: 3, range: shard.range(replicates: 40), threads: 1)
        return SimulationPartial(plan: plan, settings: settings, shard: shard, outcomes: outcomes)
    }

    /// Replaces the events column with `values` and recomputes the digest.
    static func forged(_ text: String, events: [Int32]) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let k = lines.firstIndex { $0.hasPrefix("    \"events\": \"") }!
        let data = events.withUnsafeBytes { Data($0) }
        lines[k] = "    \"events\": \"\(data.base64EncodedString())\","
        let body = lines[..<(lines.count - 3)].joined(separator: "\n") + "\n"
        return body + "  \"sha256\": \"\(SHA256.hex(Array(body.utf8)))\"\n}\n"
    }

    @Test func roundTrip() throws {
        let p = try Self.partial()
        let back = try SimulationPartial.decode(p.encoded(), file: "p.json")
        #expect(back.outcomes.count == 40)
        #expect(zip(back.outcomes, p.outcomes).allSatisfy { $0.isIdentical(to: $1) })
    }

    @Test func forgedEventsBeyondThePatientsAreRefused() throws {
        let p = try Self.partial()
        var events = p.outcomes.map(\.events)
        // The forged file itself is well formed: its digest matches.
        #expect(throws: Never.self) { try SimulationPartial.decode(Self.forged(p.encoded(), events: events), file: "ok.json") }
        events[5] = 1_000_000
        #expect {
            try SimulationPartial.decode(Self.forged(p.encoded(), events: events), file: "f.json")
        } throws: { error in
            "\(error)".contains("f.json") && "\(error)".contains("replicate 6") && "\(error)".contains("1000000 events")
        }
        events[5] = -5
        #expect(throws: InputError.self) { try SimulationPartial.decode(Self.forged(p.encoded(), events: events), file: "f.json") }
    }
}
