import TrialDesign

/// How the CLI words the libraries' typed errors: a setting the library names by its key
/// (``SettingName``) is the flag `--key` here.
extension SettingText {
    /// The text with every setting written as its flag.
    var asFlags: String { spelled { "--" + $0.rawValue } }
}

extension UsageError {
    /// A design the user's settings cannot give (exit 2), its settings named as flags.
    init(_ error: DesignError) { self.init(error.text.asFlags) }

    /// Bad group-sequential input (exit 2). A numerical failure is not the user's: callers let
    /// those propagate (exit 1), see ``GroupSequentialError/isInputError``.
    init(_ error: GroupSequentialError) { self.init(error.description) }
}
