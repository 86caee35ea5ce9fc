import Foundation
import GSLSupport
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct PiecewiseExponentialTests {
    static let closedForm = Tolerance(relative: 1e-12)

    @Test func exponentialIsOnePiece() throws {
        let d = try PiecewiseExponential.exponential(hazard: 0.1)
        #expect(d.isExponential)
        #expect(Self.closedForm.accepts(d.median, M_LN2 / 0.1))
        #expect(Self.closedForm.accepts(d.survival(at: 7), exp(-0.7)))
        #expect(Self.closedForm.accepts(d.time(atCumulativeHazard: 2), 20))
    }

    /// H(t) = 0.1 t on [0, 6), 0.6 + 0.05 (t − 6) after: hand-computed points and the inverse.
    @Test func cumulativeHazardAndItsInverse() throws {
        let d = try PiecewiseExponential(times: [0, 6], hazards: [0.1, 0.05])
        #expect(Self.closedForm.accepts(d.cumulativeHazard(at: 3), 0.3))
        #expect(Self.closedForm.accepts(d.cumulativeHazard(at: 6), 0.6))
        #expect(Self.closedForm.accepts(d.cumulativeHazard(at: 10), 0.8))
        for t in [0.5, 5.9, 6.0, 6.1, 30, 400] {
            #expect(Self.closedForm.accepts(d.time(atCumulativeHazard: d.cumulativeHazard(at: t)), t))
        }
        // log 2 = 0.693 > 0.6: the median is in the second piece, 6 + (log 2 − 0.6)/0.05.
        #expect(Self.closedForm.accepts(d.median, 6 + (M_LN2 - 0.6) / 0.05))
    }

    /// A zero hazard on the last piece leaves patients who never have the event.
    @Test func zeroLastHazardNeverEnds() throws {
        let d = try PiecewiseExponential(times: [0, 12], hazards: [0.05, 0])
        #expect(d.time(atCumulativeHazard: 0.59) < 12)
        #expect(d.time(atCumulativeHazard: 0.61) == .infinity)
        #expect(Self.closedForm.accepts(d.survival(at: 100), exp(-0.6)))
    }

    /// Inversion of Exp(1) draws: the sample survival at a few times matches S(t) within 4
    /// binomial standard errors (a statistical check with a fixed seed).
    @Test func drawsFollowTheDistribution() throws {
        let d = try PiecewiseExponential(times: [0, 4, 10], hazards: [0.2, 0.05, 0.3])
        var stream = RandomStream(seed: 42, stream: 0).taus2
        let n = 100_000
        let draws = (0..<n).map { _ in d.time(atCumulativeHazard: stream.standardExponential()) }
        for t in [2.0, 4.0, 7.0, 10.0, 12.0] {
            let p = d.survival(at: t)
            let observed = Double(draws.filter { $0 > t }.count) / Double(n)
            #expect(abs(observed - p) <= 4 * (p * (1 - p) / Double(n)).squareRoot(), "S(\(t))")
        }
    }

    @Test(arguments: [
        ([1.0], [0.1]),              // does not start at 0
        ([0.0, 5], [0.1]),           // one hazard for two pieces
        ([0.0, 5, 5], [0.1, 0.2, 0.3]),
        ([0.0], [-0.1]),
        ([0.0], [Double.nan]),
        ([0.0, 3], [0.0, 0.0]),      // no events at all
    ])
    func refusesBadPieces(times: [Double], hazards: [Double]) {
        #expect(throws: DesignError.self) { try PiecewiseExponential(times: times, hazards: hazards) }
    }
}
