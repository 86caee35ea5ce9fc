internal import Foundation
import SurvivalAnalysis

/// Everything a two-arm exponential time-to-event design assumes, in one validated value that
/// `design`, `simulate` and group-sequential planning share.
///
/// Survival in each arm is exponential with hazard `λ = log 2 / median`. The treatment hazard is
/// nil only while it is the unknown (`--solve hazard-ratio`). Accrual and follow-up are optional:
/// events need neither, patients need both, and a missing one is reported rather than defaulted.
public struct TrialAssumptions: Sendable, Equatable {
    /// Control-arm event hazard λ_C.
    public let hazardControl: Double
    /// Treatment-arm event hazard λ_T; nil when the effect is the unknown.
    public let hazardTreatment: Double?
    /// Treatment:control allocation ratio (rpact's `allocationRatioPlanned`).
    public let allocation: Allocation
    /// Accrual pattern; nil when only events (not patients or calendar times) are asked for.
    public let accrual: Accrual?
    /// Additional follow-up after accrual ends (the analysis is at accrual end + follow-up).
    public let followUp: Double?
    /// Plain dropout inflation d: `patients_total = ceil(patients / (1 − d))`.
    public let dropoutInflation: Double
    /// Exponential dropout competing with the event.
    public let dropout: ExponentialDropout
    /// Total type I error, split over `sides` tails.
    public let alpha: Double
    /// 1 or 2.
    public let sides: Int
    /// Target power 1 − β.
    public let power: Double

    /// - Complexity: O(1).
    public init(hazardControl: Double, hazardTreatment: Double?, allocation: Allocation = .equal,
                accrual: Accrual? = nil, followUp: Double? = nil, dropoutInflation: Double = 0,
                dropout: ExponentialDropout = .none, alpha: Double = 0.05, sides: Int = 2,
                power: Double = 0.8) throws(DesignError) {
        guard hazardControl.isFinite, hazardControl > 0 else {
            throw .invalid("control hazard must be positive and finite (median control > 0)")
        }
        if let hazardTreatment {
            guard hazardTreatment.isFinite, hazardTreatment > 0 else {
                throw .invalid("treatment hazard must be positive and finite (median treatment > 0, hazard ratio > 0)")
            }
            guard abs(hazardTreatment / hazardControl - 1) > 1e-12 else {
                throw .invalid("hazard ratio is 1 (equal medians): there is no effect to detect")
            }
        }
        guard alpha > 0, alpha < 1 else { throw .invalid("alpha \(alpha.roundTripText) must be in (0, 1)") }
        guard sides == 1 || sides == 2 else { throw .invalid("sides must be 1 or 2 (got \(sides))") }
        guard power < 1, power > alpha else {
            throw .invalid("power \(power.roundTripText) must be above alpha (\(alpha.roundTripText)) and below 1")
        }
        if let followUp {
            guard followUp.isFinite, followUp >= 0 else {
                throw .invalid("follow-up must be finite and not negative (got \(followUp.roundTripText))")
            }
        }
        guard dropoutInflation >= 0, dropoutInflation < 1 else {
            throw .invalid("dropout \(dropoutInflation.roundTripText) must be a fraction in [0, 1)")
        }
        self.hazardControl = hazardControl
        self.hazardTreatment = hazardTreatment
        self.allocation = allocation
        self.accrual = accrual
        self.followUp = followUp
        self.dropoutInflation = dropoutInflation
        self.dropout = dropout
        self.alpha = alpha
        self.sides = sides
        self.power = power
    }

    /// The exponential hazard with this median: `log 2 / median`.
    public static func hazard(median: Double) -> Double { M_LN2 / median }

    /// The exponential median with this hazard: `log 2 / λ`.
    public static func median(hazard: Double) -> Double { M_LN2 / hazard }

    /// λ_T / λ_C, nil when the effect is the unknown.
    public var hazardRatio: Double? { hazardTreatment.map { $0 / hazardControl } }

    /// The same assumptions with another treatment hazard (hazard ratio × control hazard).
    public func with(hazardRatio: Double) throws(DesignError) -> TrialAssumptions {
        try copy(hazardTreatment: hazardRatio * hazardControl)
    }

    /// The same assumptions with another accrual and follow-up.
    public func with(accrual: Accrual?, followUp: Double?) throws(DesignError) -> TrialAssumptions {
        try copy(accrual: .some(accrual), followUp: .some(followUp))
    }

    private func copy(hazardTreatment: Double?? = nil, accrual: Accrual?? = nil,
                      followUp: Double?? = nil) throws(DesignError) -> TrialAssumptions {
        try TrialAssumptions(
            hazardControl: hazardControl, hazardTreatment: hazardTreatment ?? self.hazardTreatment,
            allocation: allocation, accrual: accrual ?? self.accrual, followUp: followUp ?? self.followUp,
            dropoutInflation: dropoutInflation, dropout: dropout, alpha: alpha, sides: sides, power: power)
    }
}
