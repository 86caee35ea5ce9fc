/// The event-time distributions of the two arms, on the same hazard pieces, so delayed effects
/// and non-proportional hazards can be stated (`--hazard-times 0,6 --hazards-control 0.06,0.06
/// --hazards-treatment 0.06,0.03`).
public struct ArmSurvival: Sendable, Equatable {
    /// The treatment arm's survival law.
    public let treatment: PiecewiseExponential
    /// The control arm's survival law.
    public let control: PiecewiseExponential

    /// - Complexity: O(pieces).
    public init(treatment: PiecewiseExponential, control: PiecewiseExponential) throws(DesignError) {
        guard treatment.times == control.times else {
            throw .invalid("the arms' hazards must share their hazard times")
        }
        self.treatment = treatment
        self.control = control
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
        let ratios = zip(treatment.hazards, control.hazards).map { $0 / $1 }
        guard let first = ratios.first, first.isFinite, ratios.allSatisfy({ abs($0 / first - 1) <= 1e-12 }) else { return nil }
        return first
    }
}
