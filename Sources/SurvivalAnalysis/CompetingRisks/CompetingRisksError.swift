/// Why competing-risks data or a competing-risks fit cannot be used; the CLI words each case
/// with the file, line and column (or the flag) to change.
public enum CompetingRisksError: Error, Sendable, Equatable {
    /// A status value that is not a whole number (integer coding); `row` is its 0-based row.
    case statusNotInteger(value: String, row: Int)
    /// A negative status value (integer coding); `row` is its 0-based row.
    case statusNegative(value: String, row: Int)
    /// No row has an event of any cause.
    case noEvents
    /// The asked-for cause has no events among the analysed rows; `present` lists those that do.
    case causeNotPresent(cause: String, present: [String])
}
