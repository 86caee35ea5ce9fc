import Foundation

/// Whole patients per arm.
public struct PatientsPerArm: Sendable, Equatable {
    public let treatment: Int
    public let control: Int
    public var total: Int { treatment + control }

    public init(treatment: Int, control: Int) {
        self.treatment = treatment
        self.control = control
    }

    public subscript(arm: Arm) -> Int { arm == .treatment ? treatment : control }
}

/// Turning the exact (real) numbers of the formulas into whole patients and events.
///
/// Rounding up forgives a relative excess of 1e-9 above an integer, so a value that is an integer
/// up to floating-point error (e.g. 50.000000000000007) is not bumped to the next one.
public enum PatientRounding {
    static let slack = 1e-9

    /// The smallest integer ≥ `x` up to the slack.
    /// - Complexity: O(1).
    public static func ceiling(_ x: Double) -> Int {
        Int((x - slack * max(1, abs(x))).rounded(.up))
    }

    /// The largest integer ≤ `x` up to the slack.
    /// - Complexity: O(1).
    public static func floor(_ x: Double) -> Int {
        Int((x + slack * max(1, abs(x))).rounded(.down))
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
