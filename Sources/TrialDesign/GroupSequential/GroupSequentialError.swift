/// Why a group-sequential design or an interim computation cannot be made.
///
/// Every case renders as one line for the command line (exit status 2: bad input or usage),
/// except ``numericalFailure(_:)``, which means the numerical search itself broke down.
public enum GroupSequentialError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is outside its valid range; the message says which and why.
    case invalidParameter(String)
    /// A root search found no solution (e.g. a spending increment the continuation region cannot hold).
    case numericalFailure(String)

    /// The error in words.
    public var description: String {
        switch self {
        case .invalidParameter(let message): return message
        case .numericalFailure(let message): return message
        }
    }

    /// Whether the error is the user's input (exit 2) rather than a failure of the computation.
    public var isInputError: Bool {
        if case .invalidParameter = self { return true }
        return false
    }
}
