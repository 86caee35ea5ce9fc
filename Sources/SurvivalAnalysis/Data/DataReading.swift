/// How to read a survival data set from a ``DataTable`` beyond the columns of a
/// ``SurvivalDataSpec``: filters applied first, the event column read as a censoring indicator,
/// and time derived from two dates.
public struct DataReading: Sendable {
    /// All must hold for a row to be analysed.
    public var filters: [RowFilter] = []
    /// The `spec.event` column is a censoring indicator (ADaM CNSR: 0 = event, > 0 = censored).
    public var eventIsCensoring = false
    /// Derive the time as end − start + 1 days (ADaM's AVAL rule) from these date columns;
    /// `spec.time` is then only the name the derived time goes by.
    public var startDate: String?
    /// The end date column (ADaM's ADT) when time is derived from two dates.
    public var endDate: String?
    /// A column naming each row (e.g. USUBJID) for the list of omitted rows.
    public var id: String?

    /// A plain reading: no filters, an event column, time as a column.
    public init() {}
}

/// A row left out for a missing value.
public struct OmittedRow: Sendable, Equatable {
    /// The line (CSV) or observation (`.xpt`) number.
    public let line: Int
    /// The column whose value was missing.
    public let column: String
    /// The row's identifier (from ``DataReading/id``), if one was asked for.
    public let id: String?
}

/// A data set read with ``DataReading``: the data and what the reading did.
public struct LoadedData: Sendable {
    /// The survival data set, ready for the estimators.
    public var data: SurvivalData
    /// Rows in the file (member) before the filters.
    public let rowsRead: Int
    /// Rows the filters removed.
    public let rowsFilteredOut: Int
    /// A parameter column (PARAMCD or PARAM) with more than one value among the analysed rows:
    /// a stacked file analysed without a filter on it.
    public let stackedParameter: (column: String, values: [String])?
    /// The entry column held calendar dates (days from 1960-01-01).
    public let entryIsDate: Bool
    /// The rows left out for missing values, with line and id (for `--list-omitted`).
    public let omittedRows: [OmittedRow]
    /// Variable labels of the used columns (from an `.xpt`).
    public let columnLabels: [String: String]
    /// True when line numbers are observation numbers of an `.xpt` member.
    public let linesAreObservations: Bool
}

/// Ways a ``DataReading`` cannot be applied.
public enum DataReadingError: Error, Sendable, Equatable {
    /// No row passes the filters; `values` are the filtered columns' values present.
    case filterKeepsNoRow(filters: [String], values: [String: [String]])
}

extension SurvivalData {
    /// Reads `spec`'s columns from `table` as `reading` says, then validates as
    /// ``init(parsed:spec:)``.
    /// - Complexity: O(rows × used columns).
    public static func load(from table: any DataTable, spec: SurvivalDataSpec,
                            reading: DataReading = DataReading()) throws(InputError) -> LoadedData {
        var requests: [DataRequest] = []
        // One role per column (the first asked for): a filter on a covariate reads its numbers.
        func add(_ r: DataRequest) { if !requests.contains(where: { $0.name == r.name }) { requests.append(r) } }
        let derived = reading.startDate != nil && reading.endDate != nil
        for r in spec.requests {
            if derived && r.name == spec.time && r.kind == .number { continue }
            // A column the command uses both as a number (time, event, covariate, weight, entry)
            // and as a label (group, strata, factor, cluster, id) would be decoded once, in its
            // first role, and the second role would find the wrong kind (`--group time` trapped):
            // refused, as `CSVTable.read` refuses two kinds of one column.
            if let first = spec.requests.first(where: { $0.name == r.name }), (first.kind == .label) != (r.kind == .label),
               table.header.contains(r.name) {
                let index = table.header.firstIndex(of: r.name)
                throw InputError(file: table.source, column: index.map { $0 + 1 }, columnName: r.name,
                                 message: "the column is used both as a number (time, event, covariate, weight or entry) "
                                     + "and as a label (group, strata, factor, cluster or id): give each role its own column")
            }
            switch r.kind {
            case .number: add(DataRequest(r.name, r.name == spec.entry ? .date : .number))
            case .label: add(DataRequest(r.name, .label))
            case .event: add(DataRequest(r.name, reading.eventIsCensoring ? .censor : .event))
            }
        }
        if derived {
            add(DataRequest(reading.startDate!, .date))
            add(DataRequest(reading.endDate!, .date))
        }
        for f in reading.filters { add(DataRequest(f.column, .label)) }
        if let id = reading.id { add(DataRequest(id, .label)) }
        let parameterColumn = ["PARAMCD", "PARAM"].first { table.header.contains($0) }
        if let p = parameterColumn { add(DataRequest(p, .label)) }

        var parsed = try table.read(requests)
        let rowsRead = parsed.rowCount
        // Filters first.
        if !reading.filters.isEmpty {
            var keep = [Bool](repeating: true, count: rowsRead)
            for f in reading.filters {
                switch parsed.columns[f.column]! {
                case .label(let codes, let levels):
                    let pass = levels.map(f.accepts)
                    for i in 0..<rowsRead where keep[i] { keep[i] = codes[i] >= 0 && pass[Int(codes[i])] }
                case .number(let v), .event(let v):
                    // A column read as numbers (a covariate, a date): compare its values as text
                    // in the form a label would have, dates as ISO dates.
                    let isDate = parsed.dateColumns.contains(f.column)
                    var memo: [Double: Bool] = [:]
                    for i in 0..<rowsRead where keep[i] {
                        let x = v[i]
                        if x.isNaN { keep[i] = false; continue }
                        if let known = memo[x] { keep[i] = known; continue }
                        let pass = f.accepts(isDate ? DateText.iso(dayNumber: x) : NumberLabel.text(x))
                        memo[x] = pass
                        keep[i] = pass
                    }
                }
            }
            let rows = (0..<rowsRead).filter { keep[$0] }
            if rows.isEmpty {
                var values: [String: [String]] = [:]
                for f in reading.filters {
                    if case let .label(_, levels) = parsed.columns[f.column]! {
                        values[f.column] = Factor.sortedOrder(levels).map { levels[$0] }
                    }
                }
                let shown = reading.filters.map(\.description).joined(separator: "' and '")
                let present = reading.filters.map(\.column).uniqued().map { "\($0): \(values[$0]?.prefix(12).joined(separator: ", ") ?? "")" }
                    .joined(separator: "; ")
                throw InputError(file: table.source, message: "the filter '\(shown)' keeps no row (values present: \(present))")
            }
            parsed = parsed.selecting(rows)
        }
        // Time from two dates, ADaM's AVAL = ADT − STARTDT + 1.
        if derived, let s = reading.startDate, let e = reading.endDate {
            for name in [s, e] where !parsed.dateColumns.contains(name) {
                var error = InputError(file: table.source, columnName: name,
                                       message: "'\(name)' does not hold dates (YYYY-MM-DD, or an .xpt date format)")
                error.column = parsed.columnNumbers[name]
                throw error
            }
            guard case let .number(start) = parsed.columns[s]!, case let .number(end) = parsed.columns[e]! else {
                preconditionFailure("date columns decode as numbers")
            }
            var columns = parsed.columns
            columns[spec.time] = .number(zip(start, end).map { $1 - $0 + 1 })
            var numbers = parsed.columnNumbers
            numbers[spec.time] = parsed.columnNumbers[e]
            var out = ParsedColumns(source: parsed.source, lines: parsed.lines, columns: columns, columnNumbers: numbers)
            out.dateColumns = parsed.dateColumns
            out.linesAreObservations = parsed.linesAreObservations
            parsed = out
        }
        // Rows with a missing value in a used column, listed (the counts come from SurvivalData).
        var omitted: [OmittedRow] = []
        var idLevels: (codes: [Int32], levels: [String])?
        if let id = reading.id {
            switch parsed.columns[id]! {
            case .label(let codes, let levels): idLevels = (codes, levels)
            case .number(let v), .event(let v):
                var levels: [String] = []
                var codes = [Int32](repeating: -1, count: v.count)
                for (i, x) in v.enumerated() where !x.isNaN { codes[i] = Int32(levels.count); levels.append(NumberLabel.text(x)) }
                idLevels = (codes, levels)
            }
        }
        var used: [String] = []
        for r in spec.requests where !used.contains(r.name) { used.append(r.name) }
        // The column's kind is switched on once, not per row: this scan runs over every used
        // value of every file, and with the switch inside it cost ~2% of `logrank`'s load.
        var seen: [Bool] = []
        for name in used {
            guard let column = parsed.columns[name] else { continue }
            func note(_ i: Int) {
                if seen.isEmpty { seen = [Bool](repeating: false, count: parsed.rowCount) }
                guard !seen[i] else { return }
                seen[i] = true
                let id = idLevels.flatMap { $0.codes[i] >= 0 ? $0.levels[Int($0.codes[i])] : nil }
                omitted.append(OmittedRow(line: Int(parsed.lines[i]), column: name, id: id))
            }
            // A branch-free count first (it vectorises); the rows are walked only when some are missing.
            switch column {
            case .number(let v), .event(let v):
                v.withUnsafeBufferPointer { b in
                    var missing = 0
                    for x in b { missing &+= x.isNaN ? 1 : 0 }
                    if missing > 0 { for i in b.indices where b[i].isNaN { note(i) } }
                }
            case .label(let codes, _):
                codes.withUnsafeBufferPointer { b in
                    var missing = 0
                    for c in b { missing &+= c < 0 ? 1 : 0 }
                    if missing > 0 { for i in b.indices where b[i] < 0 { note(i) } }
                }
            }
        }
        omitted.sort { $0.line < $1.line }

        var data: SurvivalData
        do { data = try SurvivalData(parsed: parsed, spec: spec) } catch {
            var e = error
            e.lineIsObservation = parsed.linesAreObservations
            throw e
        }
        data.linesAreObservations = parsed.linesAreObservations
        var stacked: (String, [String])?
        if let p = parameterColumn, !reading.filters.contains(where: { $0.column == p }),
           case let .label(codes, levels)? = parsed.columns[p] {
            var present = Set<Int32>()
            for c in codes where c >= 0 { present.insert(c) }
            if present.count > 1 { stacked = (p, present.map { levels[Int($0)] }.sorted()) }
        }
        let labels = table.columnLabels.filter { used.contains($0.key) }
        return LoadedData(data: data, rowsRead: rowsRead, rowsFilteredOut: rowsRead - parsed.rowCount,
                          stackedParameter: stacked, entryIsDate: spec.entry.map { parsed.dateColumns.contains($0) } ?? false,
                          omittedRows: omitted, columnLabels: labels, linesAreObservations: parsed.linesAreObservations)
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
