import SurvivalAnalysis

/// The randomisation ratio `T:C` (treatment:control), as rpact's `allocationRatioPlanned = T / C`.
public struct Allocation: Sendable, Equatable, CustomStringConvertible {
    /// Relative weight of the treatment arm (> 0).
    public let treatment: Double
    /// Relative weight of the control arm (> 0).
    public let control: Double

    /// 1:1.
    public static let equal = Allocation(unchecked: 1, 1)

    /// Both weights finite and positive; `0:1` has no treatment arm and is refused.
    public init(treatment: Double, control: Double) throws(DesignError) {
        guard treatment.isFinite, control.isFinite, treatment > 0, control > 0 else {
            throw .invalid("allocation \(treatment.roundTripText):\(control.roundTripText): "
                + "both arms need a positive share (treatment:control)")
        }
        self.init(unchecked: treatment, control)
    }

    private init(unchecked treatment: Double, _ control: Double) {
        self.treatment = treatment
        self.control = control
    }

    /// Parses `T:C`, e.g. `2:1` or `1.5:1`.
    public init(parsing text: String) throws(DesignError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let t = Double(parts[0].trimmingCharacters()), let c = Double(parts[1].trimmingCharacters())
        else { throw .invalid("allocation '\(text)' is not of the form T:C (treatment:control), e.g. 2:1") }
        try self.init(treatment: t, control: c)
    }

    /// T / C (rpact's `allocationRatioPlanned`).
    public var ratio: Double { treatment / control }

    /// The share of patients randomised to `arm` (Q_T or Q_C in Lachin & Foulkes).
    public func fraction(_ arm: Arm) -> Double {
        switch arm {
        case .treatment: return treatment / (treatment + control)
        case .control: return control / (treatment + control)
        }
    }

    /// `treatment:control`, as a design file writes it.
    public var description: String { "\(treatment.roundTripText):\(control.roundTripText)" }

}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
