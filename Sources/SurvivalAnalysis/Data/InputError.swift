/// Bad input: a value, column or file survkit cannot use.
///
/// Every instance renders as one line naming the file, the line and the column, as the
/// command-line contract requires (exit status 2). `line` is the physical line in the file
/// (the header is line 1); `column` is the 1-based field number with its header name.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input file (or `-` for standard input) the problem is in.
    public var file: String
    /// The 1-based line (or `.xpt` observation), when the problem has one.
    public var line: Int?
    /// The 1-based column (field number or character), when known.
    public var column: Int?
    /// The column's header name, when the problem is in one column.
    public var columnName: String?
    /// What is wrong, in words, without the location.
    public var message: String
    /// True when `line` counts observations of an `.xpt` member rather than lines of text.
    public var lineIsObservation = false

    /// An input problem located in `file` at `line` and `column`.
    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
                message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    /// The one-line message `file:line:column: message` the CLI prints before exiting with status 2.
    public var description: String {
        var location = InputError.oneLine(file)
        if let line {
            location += lineIsObservation ? ": observation \(line)" : ":\(line)"
            if let column { location += lineIsObservation ? ", variable \(column)" : ":\(column)" }
        }
        if let columnName {
            location += " (column \(column.map { "\($0) " } ?? "")'\(InputError.oneLine(columnName))')"
        } else if let column, line == nil {
            location += " (column \(column))"
        }
        return "\(location): \(InputError.oneLine(message))"
    }

    /// The text with line breaks and other control characters escaped (`\n`, `\r`, `\t`,
    /// `\u{1B}`), so a header or value holding a raw newline cannot split the one-line message.
    public static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
