import Foundation

/// A table of expected values written by `scripts/make-fixtures.R`.
///
/// Format: CSV with a header row; lines starting with `#` (the R and package versions, the
/// call that produced the numbers) are comments. Numbers are `%.17g`; `NA` is R's NA.
public struct Fixture {
    public let name: String
    public let comments: [String]
    public let header: [String]
    public let rows: [[String: String]]

    /// Loads `Tests/Fixtures/<relativePath>`.
    public init(_ relativePath: String) throws {
        let url = Fixtures.url(relativePath)
        let text = try String(contentsOf: url, encoding: .utf8)
        var comments: [String] = []
        var header: [String] = []
        var rows: [[String: String]] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(rawLine)
            if line.hasPrefix("#") { comments.append(line); continue }
            let fields = Fixture.splitCSV(line)
            if header.isEmpty { header = fields; continue }
            precondition(fields.count == header.count, "\(relativePath): ragged fixture row: \(line)")
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, fields)))
        }
        self.name = relativePath
        self.comments = comments
        self.header = header
        self.rows = rows
    }

    /// Rows where `column` equals `value`.
    public func rows(where column: String, is value: String) -> [[String: String]] {
        rows.filter { $0[column] == value }
    }

    /// Minimal CSV split honouring double quotes (fixtures are simple).
    static func splitCSV(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var chars = Array(line)
        if chars.last == "\r" { chars.removeLast() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { current.append("\""); i += 1 } else { inQuotes = false }
                } else { current.append(c) }
            } else if c == "\"" { inQuotes = true }
            else if c == "," { fields.append(current); current = "" }
            else { current.append(c) }
            i += 1
        }
        fields.append(current)
        return fields
    }
}

extension Dictionary where Key == String, Value == String {
    /// The number in `column`; nil for `NA` / `NaN` / `Inf` spelled by R. Traps on a missing column,
    /// so a typo in a test cannot pass silently.
    public func double(_ column: String) -> Double? {
        guard let text = self[column] else { preconditionFailure("fixture has no column \(column)") }
        switch text {
        case "NA", "NaN", "": return nil
        case "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            guard let v = Double(text) else { preconditionFailure("fixture value \(text) in \(column) is not a number") }
            return v
        }
    }

    public func int(_ column: String) -> Int? { double(column).map { Int($0) } }

    public func string(_ column: String) -> String {
        guard let text = self[column] else { preconditionFailure("fixture has no column \(column)") }
        return text
    }
}

/// Where fixtures and shipped data live, found from this source file's path so tests run from
/// any working directory.
public enum Fixtures {
    /// The repository root.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }

    /// A file under `notebooks-data/`.
    public static func data(_ name: String) -> URL {
        root.appendingPathComponent("notebooks-data").appendingPathComponent(name)
    }
}
