/// A CSV file as a ``DataTable``. Numbers, labels and event indicators are decoded by the CSV
/// reader itself; censoring indicators and dates are read as labels and converted once per
/// distinct value (a column of dates has few of them).
extension CSVTable: DataTable {
    /// A CSV file carries no variable labels.
    public var columnLabels: [String: String] { [:] }

    /// Decodes the requested columns in one pass over the records.
    /// - Complexity: O(rows × requested columns).
    public func read(_ requests: [DataRequest]) throws(InputError) -> ParsedColumns {
        try CSVTable.read(requests, of: self, headerLine: bodyLine - 1) { (columns) throws(InputError) in try read(columns) }
    }

    /// ``read(_:)`` for any CSV source (a file in memory, or standard input as it streams):
    /// `decode` reads the plain columns, and the censoring and date roles are derived here.
    static func read(_ requests: [DataRequest], of table: some DataTable, headerLine: Int,
                     decode: ([ColumnRequest]) throws(InputError) -> ParsedColumns) throws(InputError) -> ParsedColumns {
        let source = table.source
        for r in requests where !table.header.contains(r.name) {
            var error = table.unknownColumn(r.name)
            error.line = headerLine
            throw error
        }
        let kinds: [ColumnRequest] = requests.map { r in
            switch r.role {
            case .number: return .number(r.name)
            case .event: return .event(r.name)
            case .label, .censor, .date: return .label(r.name)
            }
        }
        // A column asked for twice in different roles that read it alike is decoded once.
        var unique: [ColumnRequest] = []
        for k in kinds where !unique.contains(where: { $0.name == k.name && $0.kind == k.kind }) { unique.append(k) }
        var parsed = try decode(unique)
        var columns = parsed.columns
        var dates = parsed.dateColumns
        for r in requests where r.role == .censor || r.role == .date {
            guard case let .label(codes, levels) = parsed.columns[r.name]! else { continue }
            let column = parsed.columnNumbers[r.name]
            func rowOf(level: Int) -> Int { codes.firstIndex(of: Int32(level))! }
            func refusal(_ level: Int, _ why: String) -> InputError {
                InputError(file: source, line: Int(parsed.lines[rowOf(level: level)]), column: column,
                           columnName: r.name, message: "value '\(levels[level])' \(why)")
            }
            if r.role == .censor {
                var values = [Double](repeating: .nan, count: levels.count)
                for (k, level) in levels.enumerated() {
                    let result = Array(level.utf8).withUnsafeBufferPointer { IndicatorText.value($0) }
                    switch result {
                    case .value(let v): values[k] = v
                    case .missing: break
                    case .refused(let why): throw refusal(k, why)
                    }
                }
                let raw = codes.map { $0 < 0 ? Double.nan : values[Int($0)] }
                columns[r.name] = try Indicator.decode(raw, role: .censor, name: r.name, column: column,
                                                       source: source, lines: parsed.lines)
            } else {
                // All plain numbers: a number column; otherwise every value must be an ISO date.
                let numbers = levels.map { level in Array(level.utf8).withUnsafeBufferPointer { DateText.number($0) } }
                var values = [Double](repeating: .nan, count: levels.count)
                if numbers.allSatisfy({ if case .refused = $0 { return false } else { return true } }) {
                    for (k, n) in numbers.enumerated() { if case .value(let v) = n { values[k] = v } }
                } else {
                    for (k, level) in levels.enumerated() {
                        if level == "NA" { continue }
                        guard let d = DateText.dayNumber(level) else {
                            throw refusal(k, "is not a date (YYYY-MM-DD) like the column's other values")
                        }
                        values[k] = d
                    }
                    dates.insert(r.name)
                }
                columns[r.name] = .number(codes.map { $0 < 0 ? Double.nan : values[Int($0)] })
            }
        }
        // Label requests of a column also requested as a censor/date keep its label form only if
        // nothing else replaced it; the roles above take precedence.
        var result = ParsedColumns(source: parsed.source, lines: parsed.lines, columns: columns,
                                   columnNumbers: parsed.columnNumbers)
        result.dateColumns = dates
        parsed = result
        return parsed
    }
}
