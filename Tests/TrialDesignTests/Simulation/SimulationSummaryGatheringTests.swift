import Foundation
import Testing
@testable import TrialDesign

/// The summary's one-pass gathering (`SummaryGathering`) against the computation it replaced,
/// `Distribution(outcomes.map(value))` (map, `filter(\.isFinite)`, two passes, selection; for
/// the hazard ratios `Distribution(logs:)`, whose geometric mean averages the log estimates):
/// the same bits for every statistic, on outcomes with NaN, ±∞, −0, ties, negative and
/// out-of-table counts, one outcome, and quantities that are undefined in every replicate.
@Suite struct SimulationSummaryGatheringTests {
    typealias Distribution = SimulationSummary.Distribution
    typealias Quantity = SummaryGathering.Quantity

    /// The reference: each quantity as the summary computed it before the gathering.
    static func reference(_ q: Quantity, plan: SimulationPlan, outcomes: [ReplicateOutcome]) -> Distribution {
        switch q {
        case .events: Distribution(outcomes.map { Double($0.events) })
        case .eventsTreatment: Distribution(outcomes.map { Double($0.eventsTreatment) })
        case .analysisTime: Distribution(outcomes.map { $0.analysisTime })
        case .patients: Distribution(outcomes.map { Double($0.patients) })
        case .dropouts: Distribution(outcomes.map { Double($0.dropouts) })
        case .hazardRatio: Distribution(logs: outcomes.map { plan.logHazardRatioEstimate(z: $0.z, events: Int($0.events)) })
        case .coxHazardRatio: Distribution(logs: outcomes.map(\.coxLogHazardRatio))
        }
    }

    /// Equal bit for bit (NaN equal to itself, −0 unequal to +0); the geometric mean left out
    /// when `geometric` is false.
    static func identical(_ a: Distribution, _ b: Distribution, geometric: Bool = true) -> Bool {
        let bits = { (d: Distribution) in
            [d.mean, d.standardDeviation, d.minimum, d.maximum, geometric ? d.geometricMean : 0].map(\.bitPattern)
                + d.quantiles.map(\.bitPattern)
        }
        return a.count == b.count && bits(a) == bits(b)
    }

    /// Every quantity gathered equals its reference (through `distribution(_:scratch:)` and
    /// through the parallel `distributions(_:)`).
    func expectIdentical(_ outcomes: [ReplicateOutcome], _ what: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let plan = try SimulationFixtures.seedTrial()
        let all = Quantity.allCases
        outcomes.withUnsafeBufferPointer { buffer in
            let gathering = SummaryGathering(plan: plan, outcomes: buffer)
            let together = gathering.distributions(all)
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, outcomes.count))
            defer { scratch.deallocate() }
            for (k, q) in all.enumerated() {
                let expected = Self.reference(q, plan: plan, outcomes: outcomes)
                // Only the ratios' geometric means are computed (no report shows the others): NaN.
                let geometric = q == .hazardRatio || q == .coxHazardRatio
                let alone = gathering.distribution(q, scratch: scratch)
                #expect(Self.identical(alone, expected, geometric: geometric),
                        "\(what): \(q) alone", sourceLocation: sourceLocation)
                #expect(Self.identical(together[k], expected, geometric: geometric), "\(what): \(q) side by side",
                        sourceLocation: sourceLocation)
                #expect(geometric || (alone.geometricMean.isNaN && together[k].geometricMean.isNaN),
                        "\(what): \(q)", sourceLocation: sourceLocation)
            }
        }
    }

    static func outcome(time: Double, events: Int32, treatment: Int32 = 0, patients: Int32 = 56, dropouts: Int32 = 0,
                        z: Double, cox: Double) -> ReplicateOutcome {
        ReplicateOutcome(reachedCut: true, analysisTime: time, patients: patients, events: events, eventsTreatment: treatment,
                         dropouts: dropouts, z: z, coxLogHazardRatio: cox)
    }

    /// Non-finite values at the start, in the middle and at the end; −0 and +0; negative
    /// values (no geometric mean); a log hazard ratio whose exp overflows; counts of 0, past
    /// the log table (plan.patients = 56) and negative.
    @Test func adversarialValues() throws {
        let o = Self.outcome
        try expectIdentical([
            o(.nan, 0, 0, 56, 0, .nan, .nan),
            o(12.5, 27, 9, 56, 2, -2.5, -1.1),
            o(.infinity, 27, 9, 56, 2, .infinity, 800),
            o(-0.0, 1, 0, 0, 0, -.infinity, -.infinity),
            o(0.0, 100, 60, 120, 70, 0, 0),
            o(12.5, 27, 9, 56, 2, -2.5, -1.1),
            o(-3, -1, -2, -5, -1, -0.0, -0.0),
            o(-.infinity, 27, 9, 56, 2, 1e300, .nan),
            o(7.25, 2_000_000_000, 9, 56, 2, -1e-300, 1e-300),
            o(.nan, 27, 9, 56, 2, .nan, .infinity),
        ], "adversarial")
    }

    /// One outcome; every quantity undefined (NaN time, no events, no Cox fit); all tied.
    @Test func degenerateRuns() throws {
        let o = Self.outcome
        try expectIdentical([o(20, 27, 9, 56, 1, -2, -0.5)], "one outcome")
        try expectIdentical(Array(repeating: o(.nan, 0, 0, 56, 0, .nan, .nan), count: 7), "all undefined")
        try expectIdentical(Array(repeating: o(24, 27, 9, 56, 3, -1.5, -0.4), count: 9), "all tied")
        try expectIdentical([], "no outcome")
    }

    /// Counts in the log table's range with distinct neighbours, so that the histogram's
    /// quantiles interpolate between two different order statistics (h = (n − 1)p not whole).
    @Test func interpolatedCountQuantiles() throws {
        let o = Self.outcome
        try expectIdentical([o(20, 27, 9, 56, 1, -2, -0.5), o(24, 20, 4, 50, 0, -1, 0.1)], "two outcomes")
        try expectIdentical([27, 20, 24, 21, 26, 27, 3].map { o(Double($0), $0, $0 / 3, 56 - $0, $0 % 5, -1, 0) },
                            "seven outcomes")
    }

    /// Many outcomes with heavy ties (counts) and a sprinkling of undefined values, as a run
    /// gives them: the quantiles' selection (bucketed, at this size) and the sums' order over
    /// tens of thousands of values.
    @Test func manyTiedOutcomes() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
        // Enough for the bucketed quantiles of the analysis times and hazard ratios.
        let count = 3 * SummaryGathering.bucketedQuantilesFrom
        let outcomes = (0..<count).map { r -> ReplicateOutcome in
            let events = Int32(20 + next() % 8)
            let time = r % 97 == 0 ? Double.nan : (10 + 30 * uniform() * 64).rounded() / 64
            let z = r % 113 == 0 ? Double.nan : -4 + 5 * uniform()
            return Self.outcome(time: time, events: r % 251 == 0 ? 0 : events, treatment: events / 3,
                                patients: Int32(40 + next() % 17), dropouts: Int32(next() % 4), z: z,
                                cox: r % 89 == 0 ? .nan : -2 + 2 * uniform())
        }
        try expectIdentical(outcomes, "\(count) outcomes")
    }
}
