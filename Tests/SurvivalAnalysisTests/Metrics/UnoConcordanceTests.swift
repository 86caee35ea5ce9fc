import Foundation
import Testing
@testable import SurvivalAnalysis
import TestSupport

/// UnoConcordance against scikit-survival's `concordance_index_ipcw` (Tests/Fixtures/metrics,
/// written by scripts/fixtures/metrics.py), and the Fenwick walk against the O(n²) definition.
@Suite struct UnoConcordanceTests {
    /// The issue's 1e-8; the same weighted sums in a different order agree to rounding.
    static let tolerance = Tolerance(relative: 1e-8)
    /// The Fenwick walk and the pairwise sum add the same terms in different orders.
    static let pairwiseTolerance = Tolerance(relative: 1e-12)

    struct Sample { let time: [Double]; let event: [Bool]; let risk: [Double] }

    static func sample(_ rows: [[String: String]]) -> Sample {
        Sample(time: rows.map { $0.double("time")! }, event: rows.map { $0.int("status") == 1 },
               risk: rows.map { $0.double("risk")! })
    }

    @Test func matchesScikitSurvival() throws {
        let data = try Fixture("metrics/data.csv").rows
        let train = Self.sample(data.filter { $0.string("set") == "train" })
        let test = Self.sample(data.filter { $0.string("set") == "test" })
        let whole = Self.sample(data)
        for row in try Fixture("metrics/uno.csv").rows {
            let (fit, evaluate) = row.string("train") == "train" ? (train, test) : (whole, whole)
            let tau = row.double("tau").flatMap { $0 < 0 ? nil : $0 }
            let g = CensoringSurvival(time: fit.time, event: fit.event)
            let c = try UnoConcordance.ipcw(censoring: g, time: evaluate.time, event: evaluate.event,
                                            marker: evaluate.risk, tau: tau)
            #expect(Self.tolerance.accepts(c.concordance, row.double("cindex")), "\(row.string("train")) tau=\(tau as Any) \(c.concordance)")
            #expect(c.concordant == row.int("concordant"))
            #expect(c.discordant == row.int("discordant"))
            #expect(c.tiedRisk == row.int("tied_risk"))
            #expect(c.tiedTime == row.int("tied_time"))
        }
    }

    /// The definition summed over all pairs, for comparison with the walk.
    static func pairwise(_ s: Sample, g: CensoringSurvival, tau: Double?) -> Double {
        var numerator = 0.0, denominator = 0.0
        for i in s.time.indices where s.event[i] && s.time[i] < (tau ?? .infinity) {
            let w = 1 / (g(s.time[i]) * g(s.time[i]))
            for j in s.time.indices where s.time[j] > s.time[i] || (s.time[j] == s.time[i] && !s.event[j]) {
                denominator += w
                if s.risk[i] > s.risk[j] { numerator += w } else if s.risk[i] == s.risk[j] { numerator += w / 2 }
            }
        }
        return numerator / denominator
    }

    @Test func walkAgreesWithPairwiseDefinition() throws {
        let whole = Self.sample(try Fixture("metrics/data.csv").rows)
        let g = CensoringSurvival(time: whole.time, event: whole.event)
        for tau in [nil, 3.0, 12.0] {
            let c = try UnoConcordance.ipcw(censoring: g, time: whole.time, event: whole.event, marker: whole.risk, tau: tau)
            #expect(Self.pairwiseTolerance.accepts(c.concordance, Self.pairwise(whole, g: g, tau: tau)))
        }
    }

    @Test func refusals() {
        let g = CensoringSurvival(time: [1, 2, 3], event: [true, false, true])
        // An event after the training data's last time while Ĝ > 0 there.
        #expect(throws: MetricFailure.beyondFollowUp(4)) {
            try UnoConcordance.ipcw(censoring: g, time: [1, 4, 5], event: [false, true, false], marker: [0, 1, 2])
        }
        // τ before every event leaves no weight.
        #expect(throws: MetricFailure.noComparablePairs) {
            try UnoConcordance.ipcw(censoring: g, time: [1, 2, 3], event: [true, false, true], marker: [0, 1, 2], tau: 0.5)
        }
        #expect(throws: MetricFailure.badMarker(row: 1)) {
            try UnoConcordance.ipcw(censoring: g, time: [1, 2, 3], event: [true, false, true], marker: [0, .nan, 2])
        }
    }
}
