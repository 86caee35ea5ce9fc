internal import Foundation

/// Whole patients per arm.
public struct PatientsPerArm: Sendable, Equatable {
    /// Patients in the treatment arm.
    public let treatment: Int
    /// Patients in the control arm.
    public let control: Int
    /// Patients in both arms.
    public var total: Int { treatment + control }

    /// Patients per arm.
    public init(treatment: Int, control: Int) {
        self.treatment = treatment
        self.control = control
    }

    /// Patients in `arm`.
    public subscript(arm: Arm) -> Int { arm == .treatment ? treatment : control }
}

/// Turning the exact (real) numbers of the formulas into whole patients and events.
///
/// Rounding up forgives a value that is an integer up to floating-point error (e.g.
/// 50.000000000000007 is 50, not 51). The slack is relative (1e-9) for small values but never
/// more than 1e-3 in absolute terms, so it cannot reach across to the integer
/// below: a relative slack alone is 3.1 at 3.1e9 and turned 3139237941.16 into 3139237939.
public enum PatientRounding {
    static let slack = 1e-9
    /// The largest absolute slack: far below 1 (it must not cross an integer) and far above the
    /// rounding error of the formulas at the sizes accepted (patients ≤ 1e12, ulp ≈ 1.2e-4 there).
    static let absoluteSlackCap = 1e-3

    /// The slack forgiven at `x`.
    static func tolerance(_ x: Double) -> Double { min(slack * max(1, abs(x)), absoluteSlackCap) }

    /// The smallest integer ≥ `x` up to the slack.
    /// - Precondition: `x` is finite and below 2⁶² in magnitude (callers check sizes first).
    /// - Complexity: O(1).
    public static func ceiling(_ x: Double) -> Int {
        Int((x - tolerance(x)).rounded(.up))
    }

    /// The largest integer ≤ `x` up to the slack.
    /// - Precondition: `x` is finite and below 2⁶² in magnitude (callers check sizes first).
    /// - Complexity: O(1).
    public static func floor(_ x: Double) -> Int {
        Int((x + tolerance(x)).rounded(.down))
    }

    /// Patients a design needs: each arm gets at least its share, `ceil(N · Q_arm)`.
    /// - Complexity: O(1).
    public static func needed(evaluable: Double, allocation: Allocation) -> PatientsPerArm {
        PatientsPerArm(treatment: ceiling(evaluable * allocation.fraction(.treatment)),
                       control: ceiling(evaluable * allocation.fraction(.control)))
    }

    /// Whole evaluable patients a given enrolment provides: `floor(N)` split by largest remainders,
    /// so the arms add up to it and follow the allocation as closely as whole patients can.
    /// - Complexity: O(1).
    public static func available(evaluable: Double, allocation: Allocation) -> PatientsPerArm {
        let whole = floor(evaluable)
        let exactTreatment = Double(whole) * allocation.fraction(.treatment)
        var treatment = Int(exactTreatment.rounded(.down))
        let control = Double(whole) * allocation.fraction(.control)
        if exactTreatment - Double(treatment) > control - control.rounded(.down) { treatment += 1 }
        return PatientsPerArm(treatment: treatment, control: whole - treatment)
    }

    /// Patients to enrol so that `patients` remain after a dropout fraction `d`: `ceil(n / (1 − d))`.
    /// - Complexity: O(1).
    public static func inflated(_ patients: Int, dropout d: Double) -> Int {
        d == 0 ? patients : ceiling(Double(patients) / (1 - d))
    }
}
