internal import Foundation

/// A ``DataTable`` that reads a competing-risks status column through the data layer's one
/// reading path (filters, missing values, units, R's tie rule), by standing in for the table the
/// command opened.
///
/// The status column, requested as an event indicator, is read as labels and decoded by
/// ``CompetingStatus``; the event indicator handed on is "an event of any cause" or, with
/// `eventCause`, "an event of that cause" (other causes censored, as a cause-specific Cox model
/// wants). The cause of each row travels as the numeric column ``causeColumn`` so that it is
/// filtered and subset with the other columns; ``CompetingRisksData/load(from:spec:reading:coding:eventCause:)``
/// takes it back out.
final class CompetingStatusTable: DataTable, @unchecked Sendable {
    let base: any DataTable
    let statusColumn: String
    let coding: CompetingStatusCoding
    let eventCause: String?
    /// The name the per-row cause goes by among the decoded columns (not a header name: it holds
    /// a NUL, which no CSV header or SAS name can).
    let causeColumn: String
    // Written once by read(_:) and read after it; the lock makes that safe across threads.
    private let lock = NSLock()
    private var decoded: CompetingStatus?

    init(base: any DataTable, statusColumn: String, coding: CompetingStatusCoding, eventCause: String?) {
        self.base = base
        self.statusColumn = statusColumn
        self.coding = coding
        self.eventCause = eventCause
        self.causeColumn = statusColumn + "\u{0}cause"
    }

    var source: String { base.source }
    var header: [String] { base.header }
    var columnLabels: [String: String] { base.columnLabels }
    /// The causes found by the last ``read(_:)``.
    var status: CompetingStatus? { lock.withLock { decoded } }

    func read(_ requests: [DataRequest]) throws(InputError) -> ParsedColumns {
        var forwarded: [DataRequest] = []
        for r in requests where r.name != causeColumn {
            forwarded.append(r.name == statusColumn ? DataRequest(statusColumn, .label) : r)
        }
        let parsed = try base.read(forwarded)
        guard case let .label(codes, levels)? = parsed.columns[statusColumn] else { return parsed }
        let status: CompetingStatus
        let cause: [Int32]
        do {
            (status, cause) = try CompetingStatus.decode(codes: codes, levels: levels, coding: coding)
        } catch {
            var e = InputError(file: parsed.source, column: parsed.columnNumbers[statusColumn], columnName: statusColumn,
                               message: CompetingStatusTable.wording(error))
            if case let .statusNotInteger(_, row) = error { e.line = Int(parsed.lines[row]) }
            if case let .statusNegative(_, row) = error { e.line = Int(parsed.lines[row]) }
            e.lineIsObservation = parsed.linesAreObservations
            throw e
        }
        lock.withLock { decoded = status }
        let chosen = eventCause.flatMap { status.cause(named: $0) }.map(Int32.init)
        var columns = parsed.columns
        columns[statusColumn] = .event(cause.map { c in
            c < 0 ? .nan : (eventCause == nil ? (c > 0 ? 1 : 0) : (c == chosen ? 1 : 0))
        })
        columns[causeColumn] = .number(cause.map { $0 < 0 ? .nan : Double($0) })
        var numbers = parsed.columnNumbers
        numbers[causeColumn] = parsed.columnNumbers[statusColumn]
        var out = ParsedColumns(source: parsed.source, lines: parsed.lines, columns: columns, columnNumbers: numbers)
        out.dateColumns = parsed.dateColumns
        out.linesAreObservations = parsed.linesAreObservations
        return out
    }

    static func wording(_ error: CompetingRisksError) -> String {
        switch error {
        case .statusNotInteger(let v, _):
            return "status '\(v)' is not a whole number: code 0 = censored and 1, 2, ... = causes, or name the censoring label with --censor-value"
        case .statusNegative(let v, _):
            return "status \(v) is negative: code 0 = censored and 1, 2, ... = causes"
        default: return "\(error)"
        }
    }
}

/// How to read a competing-risks status column through ``SurvivalData/load(from:spec:reading:)``:
/// wrap the opened table with ``wrapping(_:)``, add ``causeColumn`` to the spec's covariates,
/// load (and filter, rescale, cut) as usual, then take the causes back out with
/// ``extract(from:)``. The cause column rides along with the other columns, so whatever the data
/// layer does to rows it does to the causes too.
public final class CompetingStatusReading: @unchecked Sendable {
    /// The status column (named as the spec's event column).
    public let statusColumn: String
    /// The name the per-row cause goes by among the covariates until ``extract(from:)``.
    public var causeColumn: String { statusColumn + "\u{0}cause" }
    let coding: CompetingStatusCoding
    let eventCause: String?
    private let lock = NSLock()
    private var table: CompetingStatusTable?

    /// Reads `statusColumn` coded as `coding`; the event handed to the data layer is "any cause",
    /// or "cause `eventCause`" (its label) for a cause-specific analysis.
    public init(statusColumn: String, coding: CompetingStatusCoding, eventCause: String? = nil) {
        self.statusColumn = statusColumn
        self.coding = coding
        self.eventCause = eventCause
    }

    /// The opened table, wrapped so that its status column is decoded.
    public func wrapping(_ base: any DataTable) -> any DataTable {
        let t = CompetingStatusTable(base: base, statusColumn: statusColumn, coding: coding, eventCause: eventCause)
        lock.withLock { table = t }
        return t
    }

    /// The data set without the cause column, and the causes. Call after loading through the
    /// table ``wrapping(_:)`` returned.
    public func extract(from data: SurvivalData) -> CompetingRisksData {
        var data = data
        let index = data.covariates.lastIndex { $0.name == causeColumn }!
        let causes = data.covariates.remove(at: index).values
        data.spec.covariates.removeAll { $0 == causeColumn }
        let event = data.event
        let status = lock.withLock { table?.status } ?? CompetingStatus(labels: [])
        var competing = CompetingRisksData(data: data, cause: causes.map { Int32($0) }, labels: status.labels)
        competing.status.censorValuePresent = status.censorValuePresent
        // Keep the event flags the reading produced (any cause, or the chosen cause).
        competing.data.event = event
        return competing
    }
}

extension CompetingRisksData {
    /// Reads `spec` from `table` as ``SurvivalData/load(from:spec:reading:)`` does, with
    /// `spec.event` naming a competing-risks status column coded as `coding`; the data's event
    /// is "any cause", or "cause `eventCause`" when one is named.
    /// - Complexity: O(rows × used columns).
    public static func load(from table: any DataTable, spec: SurvivalDataSpec, reading: DataReading = DataReading(),
                            coding: CompetingStatusCoding, eventCause: String? = nil) throws(InputError)
        -> (loaded: LoadedData, competing: CompetingRisksData) {
        let status = CompetingStatusReading(statusColumn: spec.event, coding: coding, eventCause: eventCause)
        var spec = spec
        spec.covariates.append(status.causeColumn)
        var loaded = try SurvivalData.load(from: status.wrapping(table), spec: spec, reading: reading)
        let competing = status.extract(from: loaded.data)
        loaded.data = competing.data
        return (loaded, competing)
    }

    /// A copy of the causes present among the analysed rows, relabelled 1…k' in order: a cause
    /// whose rows were all filtered out or missing has no curve and no test.
    public func droppingAbsentCauses() -> CompetingRisksData {
        var present = [Bool](repeating: false, count: causeCount + 1)
        for c in cause { present[Int(c)] = true }
        guard present.dropFirst().contains(false) else { return self }
        var remap = [Int32](repeating: 0, count: causeCount + 1)
        var labels: [String] = []
        for k in 1...max(1, causeCount) where k <= causeCount && present[k] { labels.append(status.labels[k - 1]); remap[k] = Int32(labels.count) }
        var copy = self
        copy.cause = cause.map { remap[Int($0)] }
        copy.status = CompetingStatus(labels: labels)
        return copy
    }
}
