/// A rectangular data source the analysis commands read: a CSV file (``CSVTable``) or a member
/// of a SAS transport library (``XportTable``). Both decode only the columns asked for.
public protocol DataTable: Sendable {
    /// The name used in messages: the path (and member), or `<stdin>`.
    var source: String { get }
    /// Column names, in file order.
    var header: [String] { get }
    /// Variable labels by column name (SAS labels from an `.xpt`; none for a CSV).
    var columnLabels: [String: String] { get }
    /// Decodes the requested columns (see ``DataRequest``) in one pass.
    func read(_ requests: [DataRequest]) throws(InputError) -> ParsedColumns
}

/// One column to decode and the role that says how to read it.
public struct DataRequest: Sendable, Equatable {
    /// How a column's values are decoded.
    public enum Role: String, Sendable, Equatable {
        /// A real number; for a CSV, `NA` or empty is missing.
        case number
        /// A label kept as written (group, strata, factor, cluster, filter).
        case label
        /// An event indicator: 0/1, 1/2 (R's) or TRUE/FALSE, decoded to 1 = event.
        case event
        /// A censoring indicator (ADaM's CNSR): any value > 0, or TRUE, is censored; 0 or FALSE
        /// is an event. Decoded to 1 = event, 0 = censored.
        case censor
        /// A calendar date: an ISO 8601 date (`2025-01-20`) or a SAS date (days from
        /// 1960-01-01, a numeric `.xpt` variable with a date format; datetimes become fractional
        /// days). Decoded to days from 1960-01-01; a plain number is kept as it is.
        case date
    }
    /// The column's name in the table.
    public var name: String
    /// How its values are decoded.
    public var role: Role
    /// Requests the column `name` in `role`.
    public init(_ name: String, _ role: Role) { self.name = name; self.role = role }
}

extension DataTable {
    /// The columns' names closest to `name` (edit distance, case-insensitive), best first.
    public func nearestColumns(to name: String, limit: Int = 3) -> [String] {
        NameSuggestion.nearest(to: name, among: header, limit: limit)
    }

    /// An error for a column not in the header, suggesting the nearest names.
    public func unknownColumn(_ name: String) -> InputError {
        let near = nearestColumns(to: name)
        let hint = near.isEmpty ? "" : " (did you mean \(near.joined(separator: ", "))?)"
        let known = header.count <= 30 ? "; columns: " + header.joined(separator: ", ") : ""
        return InputError(file: source, columnName: name, message: "no column named '\(name)'\(hint)\(known)")
    }
}

/// Which file reader a path needs, decided by the content (not the extension).
public enum DataTables {
    /// Opens `path` (`-` = standard input) as a transport library when its first record says
    /// so, else as CSV. `member` picks a member of a library with several.
    public static func open(path: String, member: String? = nil) throws(InputError) -> any DataTable {
        let name = path == "-" ? "<stdin>" : path
        let bytes: FileContents
        do { bytes = try FileBytes.contents(path: path) } catch { throw InputError(file: name, line: error.line, message: error.message) }
        if XportLibrary.looksLikeXport(bytes.buffer) {
            let library = try XportLibrary(bytes: bytes.array, source: name)
            return XportTable(library: library, member: try library.member(named: member))
        }
        if let member {
            throw InputError(file: name, message: "--member \(member) is for a SAS transport (.xpt) library, and this file is not one")
        }
        return try CSVTable(contents: bytes, source: name)
    }
}

/// "Did you mean …?": the names nearest to a misspelt one.
package enum NameSuggestion {
    /// Names within an edit distance of max(2, a third of the length), case-insensitive, best first.
    package static func nearest(to name: String, among names: [String], limit: Int = 3) -> [String] {
        let target = Array(name.uppercased())
        let scored = names.map { ($0, distance(target, Array($0.uppercased()))) }
        let bound = max(2, target.count / 3)
        return scored.filter { $0.1 <= bound }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(limit).map(\.0)
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
