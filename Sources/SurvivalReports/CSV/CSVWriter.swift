/// One table as RFC 4180 CSV: snake_case header, full-precision numbers, `NA` for missing.
public struct CSVWriter: Sendable {
    /// The column names of the first row.
    public var header: [String]
    private var body = ""

    /// An empty table with the given header.
    public init(header: [String]) { self.header = header }

    /// One value: text (quoted when needed), an integer or a number (shortest round-trip text, `NA` for missing).
    public enum Cell: Sendable {
        case text(String)
        case number(Double?)
        case int(Int)
    }

    /// Appends a row; it must have one cell per header column.
    public mutating func append(_ cells: [Cell]) {
        precondition(cells.count == header.count, "row width differs from the header's")
        body += cells.map { cell -> String in
            switch cell {
            case .text(let s): return CSVWriter.quoted(s)
            case .number(let x): return x.map(NumberText.roundTrip) ?? "NA"
            case .int(let i): return String(i)
            }
        }.joined(separator: ",") + "\n"
    }

    /// The table as RFC 4180 CSV text: the header, then one line per row, each ended by a newline.
    public func rendered() -> String {
        header.map(CSVWriter.quoted).joined(separator: ",") + "\n" + body
    }

    /// Quotes a field only when it holds a comma, quote or line break.
    public static func quoted(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
