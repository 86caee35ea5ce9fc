/// What reading the data did, said in every analysis command's output: how many rows the
/// `--where` filters kept, the unit the times are in, the censoring column and the variable
/// labels of an `.xpt`. Text gets lines before the report; JSON gets the keys `time_unit`,
/// `rows_read`, `rows_filtered_out` and `filters` first; CSV (one table) is unchanged.
public struct DataNotes: Sendable {
    /// The row filters applied, as written.
    public var filters: [String]
    /// Rows read before the filters.
    public var rowsRead: Int
    /// Rows the filters removed.
    public var rowsFilteredOut: Int
    /// The unit of every time in the output, or nil when not stated (`--time-unit`).
    public var timeUnit: String?
    /// The unit of the time column when the output converted from it (`--report-unit`).
    public var convertedFrom: String?
    /// Variable labels of the used columns (from an `.xpt`).
    public var labels: [(column: String, label: String)]
    /// The censoring-indicator column, when the event was read from one (ADaM CNSR).
    public var censorColumn: String?

    /// Notes on how the data were read, printed before the results.
    public init(filters: [String], rowsRead: Int, rowsFilteredOut: Int, timeUnit: String?, convertedFrom: String?,
                labels: [(column: String, label: String)], censorColumn: String?) {
        self.filters = filters
        self.rowsRead = rowsRead
        self.rowsFilteredOut = rowsFilteredOut
        self.timeUnit = timeUnit
        self.convertedFrom = convertedFrom
        self.labels = labels
        self.censorColumn = censorColumn
    }

    /// Lines for the text output, each ending in a newline; empty when there is nothing to say.
    public func text() -> String {
        var out = ""
        if !filters.isEmpty {
            let kept = rowsRead - rowsFilteredOut
            out += "filter: \(filters.joined(separator: " and ")) kept \(kept) of \(rowsRead) rows\n"
        }
        if let censorColumn { out += "censoring: \(censorColumn) (0 = event, > 0 = censored)\n" }
        if let timeUnit {
            var line = "time unit: \(timeUnit)"
            let definition = ["months": "1 month = 365.25/12 days", "years": "1 year = 365.25 days", "weeks": "1 week = 7 days"]
            if let from = convertedFrom {
                line += " (converted from \(from)" + (definition[timeUnit].map { "; \($0)" } ?? "") + ")"
            }
            out += line + "\n"
        }
        if !labels.isEmpty {
            out += "labels: " + labels.map { "\($0.column) = \($0.label)" }.joined(separator: "; ") + "\n"
        }
        return out
    }

    /// The report's JSON with the notes' keys first.
    public func json(inserting report: String) -> String {
        guard report.hasPrefix("{\n") else { return report }
        var keys = "  \"time_unit\": " + (timeUnit.map { JSONValue.string($0).rendered().dropLast() } ?? "null") + ",\n"
        keys += "  \"rows_read\": \(rowsRead),\n"
        keys += "  \"rows_filtered_out\": \(rowsFilteredOut),\n"
        keys += "  \"filters\": " + JSONValue.array(filters.map { .string($0) }).rendered().dropLast() + ",\n"
        return "{\n" + keys + report.dropFirst(2)
    }

    /// The report rendered in `format` with the notes.
    public func render(_ report: some Report, as format: OutputFormat) -> String {
        let body = report.rendered(as: format)
        switch format {
        case .json: return json(inserting: body)
        case .text: return text() + body
        default: return body
        }
    }
}
