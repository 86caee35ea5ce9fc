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
