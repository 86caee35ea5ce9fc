import TrialDesign

extension SettingText {
    /// The text as the command line words it: each setting as its flag (`--dropout-rate`). The
    /// libraries keep settings typed (``SettingText``); reports of CLI runs (design notes,
    /// simulation notes, shard files) spell them as flags, as the user typed them.
    package var flagSpelled: String { spelled { "--" + $0.rawValue } }
}
