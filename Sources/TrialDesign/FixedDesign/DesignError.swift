/// Why a design cannot be computed: an assumption outside its domain, or a request with no
/// solution. Both are the user's to fix (the CLI exits with status 2 and prints the message).
///
/// The message names settings by their typed key (``SettingText``); the CLI words them as flags.
public struct DesignError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of problem: a value outside its domain, or a request without a solution.
    public enum Kind: Sendable, Equatable {
        /// A value outside its domain (alpha outside (0, 1), a negative time, hazard ratio 1, ...).
        case invalidInput
        /// The assumptions are valid but no value of the unknown satisfies them.
        case unsolvable
    }

    /// What kind of problem.
    public let kind: Kind
    /// The message, with the settings it names kept as keys.
    public let text: SettingText

    /// An error of `kind` described by `text`, whose setting names the CLI words as flags.
    public init(_ kind: Kind, _ text: SettingText) {
        self.kind = kind
        self.text = text
    }

    /// A lower-level domain error (information rates, spending functions, boundaries) is invalid
    /// input of the design: the one translation every caller uses.
    public init(_ error: GroupSequentialError) {
        self.init(.invalidInput, SettingText(error.description))
    }

    static func invalid(_ text: SettingText) -> DesignError { DesignError(.invalidInput, text) }
    static func unsolvable(_ text: SettingText) -> DesignError { DesignError(.unsolvable, text) }

    /// The message with bare setting names (`median-control`).
    public var message: String { text.description }

    /// The message with settings named by their design file keys.
    public var description: String { message }
}
