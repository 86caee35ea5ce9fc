/// Why a design cannot be computed: an assumption outside its domain, or a request with no
/// solution. Both are the user's to fix (the CLI exits with status 2 and prints the message).
public struct DesignError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A value outside its domain (alpha outside (0, 1), a negative time, hazard ratio 1, ...).
        case invalidInput
        /// The assumptions are valid but no value of the unknown satisfies them.
        case unsolvable
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    static func invalid(_ message: String) -> DesignError { DesignError(.invalidInput, message) }
    static func unsolvable(_ message: String) -> DesignError { DesignError(.unsolvable, message) }

    public var description: String { message }
}
