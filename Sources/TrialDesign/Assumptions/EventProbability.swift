internal import Foundation

/// The probability that a patient's event is observed by a calendar time, under exponential
/// event and dropout hazards competing, and entry spread over the accrual — computed in closed
/// form where rpact (`.getEventProbabilities`) integrates numerically.
///
/// A patient entering at `u` and followed to calendar time `τ` has the event before dropping out
/// with probability `F(τ − u) = λ/(λ+η) · (1 − e^{−(λ+η)(τ−u)})`. With entry density `g` (the
/// accrual intensity normalised over the whole accrual, so patients who enter after `τ` count as
/// not yet having an event, as in rpact), the probability is `∫ g(u) F(τ − u) du`, which on a piece
/// `[a, c]` of constant density `w` is
/// `w · λ/μ · [(c − a) − e^{−μ(τ−c)} (1 − e^{−μ(c−a)}) / μ]`, `μ = λ + η`.
public enum EventProbability {
    /// P(event by `time`) in one arm.
    /// - Parameters:
    ///   - hazard: event hazard λ (> 0).
    ///   - dropoutHazard: dropout hazard η (≥ 0).
    ///   - pieces: the accrual's intensity pieces (``Accrual/pieces(endingAt:)``).
    ///   - time: calendar time τ since the first patient entered.
    /// - Complexity: O(number of pieces).
    public static func arm(hazard: Double, dropoutHazard: Double, pieces: [Accrual.Piece], at time: Double) -> Double {
        let mu = hazard + dropoutHazard
        let total = pieces.reduce(0.0) { $0 + $1.rate * ($1.end - $1.start) }
        guard total > 0 else { return 0 }
        var sum = 0.0
        for piece in pieces {
            let a = piece.start, c = min(piece.end, time)
            guard c > a else { continue }
            // ∫_{a}^{c} (1 − e^{−μ(τ−u)}) du, written with expm1 so short pieces keep their digits.
            let integral = (c - a) + exp(-mu * (time - c)) * expm1(-mu * (c - a)) / mu
            sum += piece.rate / total * integral
        }
        return hazard / mu * sum
    }

    /// Per-arm and overall probabilities of an event by the analysis.
    public struct ByArm: Sendable, Equatable {
        /// Probability that a treatment patient has the event by the analysis.
        public let treatment: Double
        /// Probability that a control patient has the event by the analysis.
        public let control: Double
        /// Allocation-weighted: `(r·P_T + P_C) / (1 + r)` (rpact's `omega`).
        public let overall: Double
    }

    /// Both arms at the analysis `accrualEnd + followUp` of `accrual` ending at `accrualEnd`.
    /// - Complexity: O(number of accrual pieces).
    public static func byArm(hazardTreatment: Double, hazardControl: Double, allocation: Allocation,
                             dropout: ExponentialDropout, accrual: Accrual, accrualEnd: Double,
                             followUp: Double) -> ByArm {
        let pieces = accrual.pieces(endingAt: accrualEnd)
        let time = accrualEnd + followUp
        let t = arm(hazard: hazardTreatment, dropoutHazard: dropout.hazard(.treatment), pieces: pieces, at: time)
        let c = arm(hazard: hazardControl, dropoutHazard: dropout.hazard(.control), pieces: pieces, at: time)
        return ByArm(treatment: t, control: c,
                     overall: allocation.fraction(.treatment) * t + allocation.fraction(.control) * c)
    }

    /// The limit of `arm` as follow-up grows without bound: `λ / (λ + η)`.
    /// - Complexity: O(1).
    public static func limit(hazard: Double, dropoutHazard: Double) -> Double {
        hazard / (hazard + dropoutHazard)
    }
}
