import PlatformSupport

/// One arm's time-to-event law for a design under non-proportional hazards: a
/// piecewise-exponential law, optionally mixed with a cured fraction,
/// S(t) = π + (1 − π) S_u(t), whose hazard is (1 − π) f_u(t) / S(t) (Lambert 2007; the cure
/// fraction of the seed-trial example). A delayed effect is a piecewise law whose
/// treatment hazard equals the control's before the delay.
public struct ArmLaw: Sendable, Equatable {
    /// The law of the uncured patients.
    public let uncured: PiecewiseExponential
    /// The cured fraction π in [0, 1).
    public let cureFraction: Double

    /// - Precondition: 0 ≤ cureFraction < 1.
    public init(uncured: PiecewiseExponential, cureFraction: Double = 0) {
        precondition(cureFraction >= 0 && cureFraction < 1, "cure fraction must lie in [0, 1)")
        self.uncured = uncured
        self.cureFraction = cureFraction
    }

    /// S(t).
    public func survival(at t: Double) -> Double {
        cureFraction + (1 - cureFraction) * uncured.survival(at: t)
    }

    /// The density f(t) = (1 − π) λ_u(t) S_u(t) (right-continuous in t).
    public func density(at t: Double) -> Double {
        (1 - cureFraction) * uncured.hazard(at: t) * uncured.survival(at: t)
    }

    /// λ(t) = f(t) / S(t).
    public func hazard(at t: Double) -> Double {
        let s = survival(at: t)
        return s > 0 ? density(at: t) / s : uncured.hazard(at: t)
    }

    /// Where the hazard may jump: the uncured law's cut points.
    public var breakpoints: [Double] { Array(uncured.times.dropFirst()) }
}

extension PiecewiseExponential {
    /// The hazard in force at t (the piece containing t; right-continuous).
    /// - Complexity: O(pieces).
    public func hazard(at t: Double) -> Double {
        var k = 0
        while k + 1 < times.count && t >= times[k + 1] { k += 1 }
        return hazards[k]
    }
}
