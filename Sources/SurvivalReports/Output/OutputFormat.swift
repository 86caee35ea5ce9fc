/// The three renderings every analysis command offers.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, csv, json
}

/// A rendered report: the text to write, in the chosen format.
public protocol Report {
    func text() -> String
    func csv() -> String
    func json() -> JSONValue
    /// The report in `format`. The default goes through ``json()``; a report with tables of
    /// millions of rows may stream its JSON instead (the text must be the same).
    func rendered(as format: OutputFormat) -> String
}

extension Report {
    /// The report in `format`: text, CSV or JSON.
    public func rendered(as format: OutputFormat) -> String {
        switch format {
        case .text: return text()
        case .csv: return csv()
        case .json: return json().rendered()
        }
    }
}
