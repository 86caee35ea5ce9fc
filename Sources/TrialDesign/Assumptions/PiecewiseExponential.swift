internal import Foundation
import SurvivalAnalysis

/// A piecewise-exponential time-to-event distribution: hazard `h_k` on `[t_k, t_{k+1})`, the
/// last hazard running on for ever, as rpact's `piecewiseSurvivalTime` / `lambda`. One piece is
/// the exponential distribution.
///
/// The cumulative hazard is `H(t) = Σ_{j<k} h_j (t_{j+1} − t_j) + h_k (t − t_k)` on piece `k`,
/// and `S(t) = exp(−H(t))`. A time is drawn by inversion: `E = −log U` is Exp(1), and the
/// time is `H⁻¹(E)` (a hazard of 0 on the last piece leaves a share of patients without event:
/// their time is +∞).
public struct PiecewiseExponential: Sendable, Equatable {
    /// Piece starts: `times[0] = 0`, increasing.
    public let times: [Double]
    /// Hazard on each piece (≥ 0, finite).
    public let hazards: [Double]
    /// `H(times[k])`.
    private let cumulative: [Double]
    /// `1 / hazards[k]` (+∞ for a zero hazard), so a draw multiplies rather than divides.
    private let means: [Double]

    /// - Complexity: O(pieces).
    public init(times: [Double], hazards: [Double]) throws(DesignError) {
        guard times.first == 0 else {
            throw .invalid("hazard times must start at 0 (got \(times.map(\.roundTripText)))")
        }
        guard times.count == hazards.count else {
            throw .invalid("\(times.count) hazard times need \(times.count) hazards per arm (one for each piece); got \(hazards.count)")
        }
        for k in times.indices where !times[k].isFinite || (k > 0 && times[k] <= times[k - 1]) {
            throw .invalid("hazard times must be finite and increase (got \(times.map(\.roundTripText)))")
        }
        guard hazards.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalid("hazards must be finite and not negative (got \(hazards.map(\.roundTripText)))")
        }
        guard hazards.contains(where: { $0 > 0 }) else { throw .invalid("every hazard is 0: no patient would have an event") }
        self.times = times
        self.hazards = hazards
        var cumulative = [0.0]
        for k in 1..<times.count { cumulative.append(cumulative[k - 1] + hazards[k - 1] * (times[k] - times[k - 1])) }
        self.cumulative = cumulative
        means = hazards.map { 1 / $0 }
    }

    /// The exponential distribution with this hazard.
    public static func exponential(hazard: Double) throws(DesignError) -> PiecewiseExponential {
        guard hazard.isFinite, hazard > 0 else {
            throw .invalid("hazard must be positive and finite (got \(hazard.roundTripText))")
        }
        return try PiecewiseExponential(times: [0], hazards: [hazard])
    }

    /// True for one piece.
    public var isExponential: Bool { hazards.count == 1 }

    /// `H(t)`.
    /// - Complexity: O(pieces).
    public func cumulativeHazard(at t: Double) -> Double {
        var k = 0
        while k + 1 < times.count && times[k + 1] <= t { k += 1 }
        return cumulative[k] + hazards[k] * (t - times[k])
    }

    /// `S(t) = exp(−H(t))`.
    /// - Complexity: O(pieces).
    public func survival(at t: Double) -> Double { exp(-cumulativeHazard(at: t)) }

    /// The time at which the cumulative hazard reaches `e` (≥ 0): `H⁻¹(e)`, +∞ if it never does.
    /// - Complexity: O(pieces).
    @inline(__always)
    public func time(atCumulativeHazard e: Double) -> Double {
        var k = 0
        let last = times.count - 1
        while k < last && cumulative[k + 1] <= e { k += 1 }
        // A zero hazard can only stop the search on the last piece (earlier pieces are skipped
        // once the cumulative hazard passes their end); there the event never comes.
        return hazards[k] > 0 ? times[k] + (e - cumulative[k]) * means[k] : .infinity
    }

    /// The median, `H⁻¹(log 2)`.
    public var median: Double { time(atCumulativeHazard: M_LN2) }
}
