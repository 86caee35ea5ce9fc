import SurvivalAnalysis
import SurvivalReports

/// An id as a join key: numbers compare by value ("7" and "7.0" are one subject), anything
/// else by its text.
enum SubjectKey {
    static func of(_ text: String) -> String {
        if let value = Double(text), value.isFinite { return "\(value + 0.0)" }
        return text
    }
}

/// The baseline rows of `survkit tmerge`, checked as tmerge's first call checks them: an id on
/// every row, stop after start, one row per id (several, not overlapping, with --start).
struct TmergeBaseline {
    /// Kept rows (indices into the parsed table), in file order.
    private(set) var rows: [Int] = []
    private(set) var subject: [Int] = []
    private(set) var start: [Double] = []
    private(set) var stop: [Double] = []
    private(set) var event: [Bool] = []
    /// Subject index by ``SubjectKey``.
    private(set) var subjectIndex: [String: Int] = [:]
    /// Rows left out for a missing time, start or event.
    private(set) var left = 0
    private let parsed: ParsedColumns

    init(table: any DataTable, parsed: ParsedColumns, id: String, time: String, event eventColumn: String, start startColumn: String?) throws {
        self.parsed = parsed
        func numbers(_ name: String) -> [Double] {
            switch parsed.columns[name]! {
            case .number(let v), .event(let v): return v
            case .label: preconditionFailure("\(name) decoded as labels")
            }
        }
        func error(_ i: Int, _ column: String, _ message: String) -> InputError {
            var e = InputError(file: table.source, line: Int(parsed.lines[i]), column: parsed.columnNumbers[column],
                               columnName: column, message: message)
            e.lineIsObservation = parsed.linesAreObservations
            return e
        }
        let stops = numbers(time), status = numbers(eventColumn)
        let entries = startColumn.map(numbers) ?? [Double](repeating: 0, count: stops.count)
        guard case let .label(idCodes, idLevels) = parsed.columns[id]! else { preconditionFailure("id decoded as numbers") }
        var firstRow: [Int: Int] = [:]
        for i in 0..<parsed.rowCount {
            guard idCodes[i] >= 0 else { throw error(i, id, "missing id: every row needs one (as tmerge)") }
            if stops[i].isNaN || status[i].isNaN || entries[i].isNaN { left += 1; continue }
            guard entries[i] < stops[i] else {
                throw error(i, time, startColumn == nil
                    ? "time \(NumberText.roundTrip(stops[i])) is not > 0: a (0, stop] interval needs stop > 0"
                    : "stop time \(NumberText.roundTrip(stops[i])) is not after the start time \(NumberText.roundTrip(entries[i]))")
            }
            let key = SubjectKey.of(idLevels[Int(idCodes[i])])
            let s: Int
            if let known = subjectIndex[key] {
                s = known
                if startColumn == nil {
                    throw error(i, id, "id \(idLevels[Int(idCodes[i])]) is already on line \(parsed.lines[firstRow[s]!]): "
                        + "without --start the baseline has one row per id (as tmerge's first call)")
                }
            } else {
                s = subjectIndex.count
                subjectIndex[key] = s
                firstRow[s] = i
            }
            rows.append(i); subject.append(s); start.append(entries[i]); stop.append(stops[i]); event.append(status[i] == 1)
        }
        if let startColumn { try checkNoOverlap(startColumn, error) }
    }

    /// Rows of one id must not overlap (tmerge: "overlapping or duplicated time intervals").
    private func checkNoOverlap(_ startColumn: String, _ error: (Int, String, String) -> InputError) throws {
        let order = rows.indices.sorted { (subject[$0], start[$0], $0) < (subject[$1], start[$1], $1) }
        for (a, b) in zip(order, order.dropFirst()) where subject[a] == subject[b] && stop[a] > start[b] {
            let (first, second) = rows[a] < rows[b] ? (a, b) : (b, a)
            throw error(rows[second], startColumn,
                        "interval overlaps the one on line \(parsed.lines[rows[first]]) of the same id")
        }
    }

    /// The text of label column `name` on parsed row `i`, nil when missing.
    func label(_ name: String, row i: Int) -> String? {
        guard case let .label(codes, levels) = parsed.columns[name]! else { return nil }
        return codes[i] < 0 ? nil : levels[Int(codes[i])]
    }
}

/// One `--tdc` (`--cumtdc`, `--event-from`, `--cumevent`) file read as tmerge reads `data2`: an
/// id on every row; measurements with a missing time or value, or of ids not in the baseline,
/// left out and counted. Without a value column every measurement's value is `1` (tmerge's
/// `event(time)`); with `numeric`, the values must be numbers (cumtdc sums them).
struct TmergeMeasurements {
    private(set) var measurements: [TimeDependentMerge.Measurement] = []
    /// The value texts the measurements' handles index.
    private(set) var values: [String] = []
    /// The values as numbers (only with `numeric`).
    private(set) var amounts: [Double] = []
    private(set) var left = 0
    private(set) var unknownSubjects = 0

    init(spec: TimeDependentSpec, id: String, subjects: [String: Int], numeric: Bool = false) throws {
        let table = try DataTables.open(path: spec.file)
        for name in [id, spec.timeColumn] + (spec.valueColumn.map { [$0] } ?? []) where !table.header.contains(name) {
            throw table.unknownColumn(name)
        }
        var requests = [DataRequest(id, .label), DataRequest(spec.timeColumn, .number)]
        if let value = spec.valueColumn, value != id && value != spec.timeColumn {
            requests.append(DataRequest(value, numeric ? .number : .label))
        }
        let parsed = try table.read(requests)
        guard case let .label(idCodes, idLevels) = parsed.columns[id]!,
              case let .number(times) = parsed.columns[spec.timeColumn]! else { preconditionFailure("columns decoded in other roles") }
        let valueTexts: (Int) -> String?
        var valueNumbers: ((Int) -> Double)?
        switch spec.valueColumn.map({ parsed.columns[$0]! }) {
        case nil: valueTexts = { _ in "1" }
        case .label(let codes, let levels)?: valueTexts = { codes[$0] < 0 ? nil : levels[Int(codes[$0])] }
        case .number(let v)?, .event(let v)?:
            valueTexts = { v[$0].isNaN ? nil : NumberText.roundTrip(v[$0]) }
            valueNumbers = { v[$0] }
        }
        let subjectOfLevel = idLevels.map { subjects[SubjectKey.of($0)] }
        for i in 0..<parsed.rowCount {
            guard idCodes[i] >= 0 else {
                var e = InputError(file: table.source, line: Int(parsed.lines[i]), column: parsed.columnNumbers[id],
                                   columnName: id, message: "missing id: every measurement needs one (as tmerge)")
                e.lineIsObservation = parsed.linesAreObservations
                throw e
            }
            guard let s = subjectOfLevel[Int(idCodes[i])] else { unknownSubjects += 1; continue }
            guard !times[i].isNaN, let value = valueTexts(i) else { left += 1; continue }
            if numeric {
                let amount = valueNumbers?(i) ?? 1
                guard amount.isFinite else {
                    var e = InputError(file: table.source, line: Int(parsed.lines[i]), column: spec.valueColumn.flatMap { parsed.columnNumbers[$0] },
                                       columnName: spec.valueColumn ?? spec.timeColumn, message: "value \(value) is not finite: cumtdc sums the values")
                    e.lineIsObservation = parsed.linesAreObservations
                    throw e
                }
                amounts.append(amount)
            }
            measurements.append(.init(subject: s, time: times[i], value: values.count))
            values.append(value)
        }
    }
}
