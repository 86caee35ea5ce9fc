internal import Foundation
import SurvivalAnalysis

/// The event-time distributions of the two arms, on the same hazard pieces, so delayed effects
/// and non-proportional hazards can be stated (`--hazard-times 0,6 --hazards-control 0.06,0.06
/// --hazards-treatment 0.06,0.03`).
public struct ArmSurvival: Sendable, Equatable {
    /// The treatment arm's survival law.
    public let treatment: PiecewiseExponential
    /// The control arm's survival law.
    public let control: PiecewiseExponential
    /// Cured fraction of the treatment arm (0: none): S(t) = π + (1 − π) S_treatment(t), the
    /// mixture of ``ArmLaw`` that `design --cure-fraction-treatment` plans with.
    public let cureTreatment: Double
    /// Cured fraction of the control arm (0: none).
    public let cureControl: Double

    /// The two arms' laws; `treatment` and `control` are those of the uncured patients when a cure
    /// fraction is given.
    /// - Parameters:
    ///   - treatment: the treatment arm's (uncured) piecewise-exponential law.
    ///   - control: the control arm's (uncured) law, on the same pieces.
    ///   - cureTreatment: cured fraction of the treatment arm, in [0, 1).
    ///   - cureControl: cured fraction of the control arm, in [0, 1).
    /// - Complexity: O(pieces).
    public init(treatment: PiecewiseExponential, control: PiecewiseExponential,
                cureTreatment: Double = 0, cureControl: Double = 0) throws(DesignError) {
        guard treatment.times == control.times else {
            throw .invalid("the arms' hazards must share their hazard times")
        }
        for (name, pi) in [("treatment", cureTreatment), ("control", cureControl)] where !(pi >= 0 && pi < 1) {
            throw .invalid("the \(name) arm's cure fraction must lie in [0, 1) (got \(pi.roundTripText))")
        }
        self.treatment = treatment
        self.control = control
        self.cureTreatment = cureTreatment
        self.cureControl = cureControl
    }

    /// The laws of ``NonProportionalOptions/laws(settings:)`` (delay, cure fractions), so
    /// `simulate` draws from exactly the model `design` plans with.
    /// - Parameters:
    ///   - control: the control arm's law.
    ///   - treatment: the treatment arm's law (on the same pieces).
    public init(control: ArmLaw, treatment: ArmLaw) throws(DesignError) {
        try self.init(treatment: treatment.uncured, control: control.uncured,
                      cureTreatment: treatment.cureFraction, cureControl: control.cureFraction)
    }

    /// True when neither arm has a cured fraction.
    public var hasNoCure: Bool { cureTreatment == 0 && cureControl == 0 }

    /// The event time of `arm` whose cumulative hazard is `e` (draws by inversion, E ~ Exp(1)):
    /// with a cure fraction π, S(t) = e^{−E} solves S_u(t) = (e^{−E} − π)/(1 − π), and is +∞
    /// (cured) when e^{−E} ≤ π.
    /// - Parameters:
    ///   - arm: which arm.
    ///   - e: the cumulative hazard, ≥ 0.
    /// - Complexity: O(pieces).
    @inline(__always)
    public func time(_ arm: Arm, atCumulativeHazard e: Double) -> Double {
        let law = arm == .treatment ? treatment : control
        let pi = arm == .treatment ? cureTreatment : cureControl
        guard pi > 0 else { return law.time(atCumulativeHazard: e) }
        let uncured = (exp(-e) - pi) / (1 - pi)
        return uncured > 0 ? law.time(atCumulativeHazard: -log(uncured)) : .infinity
    }

    /// Both arms with the control arm's law (and cure fraction): the null scenario of a plan.
    public var null: ArmSurvival {
        // Same pieces and valid values: cannot throw.
        try! ArmSurvival(treatment: control, control: control, cureTreatment: cureControl, cureControl: cureControl)
    }

    /// Exponential arms with these hazards.
    public static func exponential(hazardTreatment: Double, hazardControl: Double) throws(DesignError) -> ArmSurvival {
        try ArmSurvival(treatment: .exponential(hazard: hazardTreatment), control: .exponential(hazard: hazardControl))
    }

    /// The distribution of `arm`.
    public subscript(arm: Arm) -> PiecewiseExponential { arm == .treatment ? treatment : control }

    /// Piece starts shared by both arms.
    public var times: [Double] { control.times }

    /// λ_T / λ_C when both arms are exponential or their hazards keep one ratio on every piece
    /// (proportional hazards); nil otherwise.
    public var proportionalHazardRatio: Double? {
        guard hasNoCure else { return nil }
        let ratios = zip(treatment.hazards, control.hazards).map { $0 / $1 }
        guard let first = ratios.first, first.isFinite, ratios.allSatisfy({ abs($0 / first - 1) <= 1e-12 }) else { return nil }
        return first
    }
}
