/// An aligned plain-text table, as R's print methods lay out a data frame: a header row,
/// numeric columns right-aligned, text columns left-aligned, two spaces between columns.
public struct TextTable: Sendable {
    /// Alignment of a column's cells.
    public enum Alignment: Sendable { case left, right }
    /// Column titles and alignments.
    public var columns: [(title: String, alignment: Alignment)]
    /// The rows' cells, one per column.
    public var rows: [[String]] = []

    /// An empty table with the given columns.
    public init(_ columns: [(String, Alignment)]) {
        self.columns = columns.map { (title: $0.0, alignment: $0.1) }
    }

    /// Right-aligned columns with these titles.
    public init(numeric titles: [String]) {
        self.columns = titles.map { (title: $0, alignment: .right) }
    }

    /// Appends a row; it must have one cell per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == columns.count, "row width differs from the table's")
        rows.append(row)
    }

    /// The table as lines joined by newlines, with a trailing newline.
    public func rendered(indent: Int = 0) -> String {
        var widths = columns.map { $0.title.count }
        for row in rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (k, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[k] - cell.count)
                parts.append(columns[k].alignment == .right ? pad + cell : cell + pad)
            }
            var s = String(repeating: " ", count: indent) + parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        var out = line(columns.map(\.title)) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
