internal import Foundation
import SurvivalAnalysis

/// Exponential loss to follow-up competing with the event, given as rpact gives it: the
/// probability of dropping out by a time (`dropoutRate1`, `dropoutRate2`, `dropoutTime`).
///
/// The dropout hazard is `η = −log(1 − P) / T`; a patient's dropout time is exponential with
/// that hazard, independent of the event time.
public struct ExponentialDropout: Sendable, Equatable {
    /// Probability that a treatment patient drops out by `time`.
    public let probabilityTreatment: Double
    /// Probability that a control patient drops out by `time`.
    public let probabilityControl: Double
    /// The time those probabilities refer to.
    public let time: Double

    /// No dropout.
    public static let none = ExponentialDropout(unchecked: 0, 0, 12)

    /// Dropout given as rpact's `dropoutRate1/2` by `dropoutTime`: the probability of dropping out by `time` per arm, converted to exponential hazards −ln(1 − p)/time.
    public init(probabilityTreatment: Double, probabilityControl: Double, time: Double) throws(DesignError) {
        for p in [probabilityTreatment, probabilityControl] where !(p >= 0 && p < 1) {
            throw .invalid("dropout rate \(p.roundTripText) must be in [0, 1): the probability of dropping out by the dropout time")
        }
        guard time.isFinite, time > 0 else {
            throw .invalid("dropout time must be positive and finite (got \(time.roundTripText))")
        }
        self.init(unchecked: probabilityTreatment, probabilityControl, time)
    }

    private init(unchecked t: Double, _ c: Double, _ time: Double) {
        probabilityTreatment = t
        probabilityControl = c
        self.time = time
    }

    /// True when neither arm loses patients.
    public var isNone: Bool { probabilityTreatment == 0 && probabilityControl == 0 }

    /// The dropout hazard of `arm`: `−log(1 − P) / T` (rpact's `phi`).
    public func hazard(_ arm: Arm) -> Double {
        let p = arm == .treatment ? probabilityTreatment : probabilityControl
        return -log1p(-p) / time
    }
}
