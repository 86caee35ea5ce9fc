/// The two arms of a trial. An allocation `T:C` is treatment:control.
public enum Arm: String, CaseIterable, Sendable {
    case treatment, control
}
