/// Bad input: a value, column or file survkit cannot use.
///
/// Every instance renders as one line naming the file, the line and the column, as the
/// command-line contract requires (exit status 2). `line` is the physical line in the file
/// (the header is line 1); `column` is the 1-based field number with its header name.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var columnName: String?
    public var message: String
    /// True when `line` counts observations of an `.xpt` member rather than lines of text.
    public var lineIsObservation = false

    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
                message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += lineIsObservation ? ": observation \(line)" : ":\(line)" }
        if let column { location += lineIsObservation ? ", variable \(column)" : ":\(column)" }
        if let columnName { location += " (column '\(columnName)')" }
        return "\(location): \(message)"
    }
}
