/// A row filter such as `PARAMCD=RFS`, `TRT01P!=Placebo`, `PARAMCD in(OS,RFS)` or `AGE>=65`,
/// applied before anything else (as R's `subset()` before `survfit`): a row whose value is
/// missing fails every filter, as `subset()` drops NA.
public struct RowFilter: Sendable, Equatable, CustomStringConvertible {
    /// The comparison a filter makes: numeric when both sides are numbers, text otherwise.
    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case isIn = "in"
    }
    /// The column the filter reads.
    public let column: String
    /// How the value is compared.
    public let comparison: Comparison
    /// One value, or the list of `in(…)`.
    public let values: [String]
    /// The filter as written.
    public let description: String

    /// Why a filter's text cannot be read.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// The filter text that could not be read.
        public let text: String
        /// Why it could not be read.
        public let reason: String
    }

    /// Parses `COL=V`, `COL!=V`, `COL in(a,b)` (also `COL=in(a,b)`), `COL<V`, `COL<=V`, `COL>V`, `COL>=V`.
    public init(parsing text: String) throws(SyntaxError) {
        description = text
        let s = text.trimmingCharacters(" ")
        // in(...) first: its values may hold operator characters.
        if let range = s.firstRange(of: "in("), s.hasSuffix(")") {
            var name = String(s[..<range.lowerBound]).trimmingCharacters(" ")
            if name.hasSuffix("=") { name.removeLast(); name = name.trimmingCharacters(" ") }
            let inside = s[range.upperBound..<s.index(before: s.endIndex)]
            let items = inside.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(" ") }
            guard !name.isEmpty, !name.contains(where: { "=<>!".contains($0) }) else {
                throw SyntaxError(text: text, reason: "no column name before in(...)")
            }
            guard !items.contains(where: { $0.isEmpty }) else { throw SyntaxError(text: text, reason: "an empty value in in(...)") }
            column = name; comparison = .isIn; values = items.map(RowFilter.unquoted)
            return
        }
        for op in ["!=", "<=", ">=", "=", "<", ">"] {
            guard let range = s.firstRange(of: op) else { continue }
            let name = String(s[..<range.lowerBound]).trimmingCharacters(" ")
            let value = String(s[range.upperBound...]).trimmingCharacters(" ")
            guard !name.isEmpty else { throw SyntaxError(text: text, reason: "no column name before '\(op)'") }
            guard !value.isEmpty else { throw SyntaxError(text: text, reason: "no value after '\(op)'") }
            column = name
            comparison = Comparison(rawValue: op)!
            values = [RowFilter.unquoted(value)]
            if comparison != .equal, comparison != .notEqual, RowFilter.orderValue(values[0]) == nil {
                throw SyntaxError(text: text, reason: "'\(values[0])' is not a number or a date (YYYY-MM-DD) to compare with")
            }
            return
        }
        throw SyntaxError(text: text, reason: "expected COL=VALUE, COL!=VALUE, COL in(a,b) or a comparison < <= > >=")
    }

    static func unquoted(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == s.last, f == "'" || f == "\"" { return String(s.dropFirst().dropLast()) }
        return s
    }

    /// A value on a scale that can be ordered: a number, or an ISO date as days from 1960-01-01.
    static func orderValue(_ s: String) -> Double? {
        if let v = Double(s), v.isFinite { return v }
        return DateText.dayNumber(s)
    }

    /// Whether a level (as the table spells it) passes; numbers compare as numbers, so `1` and
    /// `1.0` are equal.
    func accepts(_ level: String) -> Bool {
        switch comparison {
        case .equal: return RowFilter.same(level, values[0])
        case .notEqual: return !RowFilter.same(level, values[0])
        case .isIn: return values.contains { RowFilter.same(level, $0) }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let x = RowFilter.orderValue(level), let y = RowFilter.orderValue(values[0]) else { return false }
            switch comparison {
            case .less: return x < y
            case .lessOrEqual: return x <= y
            case .greater: return x > y
            default: return x >= y
            }
        }
    }

    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if let x = Double(a), let y = Double(b) { return x == y }
        return false
    }
}

extension String {
    func trimmingCharacters(_ c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return String(s)
    }
}

extension ParsedColumns {
    /// The rows `rows` of every column, in order.
    /// - Complexity: O(rows × columns).
    public func selecting(_ rows: [Int]) -> ParsedColumns {
        var columns: [String: ParsedColumn] = [:]
        for (name, column) in self.columns {
            switch column {
            case .number(let v): columns[name] = .number(rows.map { v[$0] })
            case .event(let v): columns[name] = .event(rows.map { v[$0] })
            case .label(let codes, let levels): columns[name] = .label(codes: rows.map { codes[$0] }, levels: levels)
            }
        }
        var out = ParsedColumns(source: source, lines: rows.map { lines[$0] }, columns: columns,
                                columnNumbers: columnNumbers)
        out.dateColumns = dateColumns
        out.linesAreObservations = linesAreObservations
        return out
    }
}
