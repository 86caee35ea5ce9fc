import Dispatch
/// Which columns of a CSV file a command uses, and in what role.
public struct SurvivalDataSpec: Sendable {
    /// The follow-up time column.
    public var time: String
    /// The event indicator column (0/1, 1/2 or TRUE/FALSE).
    public var event: String
    /// The column whose levels are the groups compared (KM curves, log-rank).
    public var group: String?
    /// Strata columns (R's `strata()`); their interaction defines the strata.
    public var strata: [String]
    /// Numeric covariates (Cox).
    public var covariates: [String]
    /// Categorical covariates (Cox, treatment contrasts).
    public var factors: [String]
    /// Case weights column (Cox; R's `weights =`).
    public var weights: String?
    /// Cluster column for a robust (sandwich) variance (R's `cluster()`).
    public var cluster: String?
    /// Calendar time of entry (interim data cuts).
    public var entry: String?
    /// Start of each row's interval, for (start, stop] counting-process data (R's
    /// `Surv(start, stop, event)`): left truncation, time-dependent covariates, several rows
    /// per subject. `time` is then the stop.
    public var start: String?
    /// The subject each row belongs to (R's `id =`). With `start`, one subject's intervals must
    /// not overlap; without, its rows are right-censored times checked for nothing (as survfit).
    public var subject: String?

    /// Names the columns of each role; only `time` and `event` are required.
    public init(time: String, event: String, group: String? = nil, strata: [String] = [],
                covariates: [String] = [], factors: [String] = [], weights: String? = nil,
                cluster: String? = nil, entry: String? = nil) {
        self.time = time
        self.event = event
        self.group = group
        self.strata = strata
        self.covariates = covariates
        self.factors = factors
        self.weights = weights
        self.cluster = cluster
        self.entry = entry
    }

    var requests: [ColumnRequest] {
        var r: [ColumnRequest] = [.number(time), .event(event)]
        if let group { r.append(.label(group)) }
        r += strata.map { .label($0) }
        r += covariates.map { .number($0) }
        r += factors.map { .label($0) }
        if let weights { r.append(.number(weights)) }
        if let cluster { r.append(.label(cluster)) }
        if let entry { r.append(.number(entry)) }
        if let start { r.append(.number(start)) }
        if let subject { r.append(.label(subject)) }
        return r
    }
}

/// How many rows were left out for missing values, and in which columns (as R's `na.omit`,
/// but said out loud). A row missing in several columns is counted once in `rows`, and under
/// the first such column in the order the command uses them.
public struct Omissions: Sendable, Equatable {
    /// Number of rows left out.
    public var rows: Int = 0
    /// Rows left out per column with a missing value, in column order.
    public var byColumn: [(column: String, count: Int)] = []

    /// No rows left out.
    public init() {}

    /// Equal when the same rows were left out for the same columns.
    public static func == (a: Omissions, b: Omissions) -> Bool {
        a.rows == b.rows && a.byColumn.elementsEqual(b.byColumn) { $0.column == $1.column && $0.count == $1.count }
    }

    /// "3 rows left out for missing values: ph.ecog 1, wt.loss 2", or nil when none were.
    public var sentence: String? {
        guard rows > 0 else { return nil }
        let parts = byColumn.map { "\($0.column) \($0.count)" }.joined(separator: ", ")
        return "\(rows) row\(rows == 1 ? "" : "s") left out for missing values (\(parts))"
    }
}

/// A survival data set in columns, after missing rows are dropped and values validated.
public struct SurvivalData: Sendable {
    /// The file the data came from, for messages.
    public var source: String
    /// The columns the data set was built from.
    public var spec: SurvivalDataSpec
    /// Follow-up time, finite and ≥ 0, after R's tie rule (``TimeFix``): near-tied times hold
    /// one representative value, the one R prints. Every estimator reads these.
    public var time: [Double]
    /// Follow-up time as read, before the tie rule (a calendar data cut starts from these).
    public var recordedTime: [Double]
    /// True for an event, false for censored.
    public var event: [Bool]
    /// The groups compared, when the spec names a group column.
    public var group: Factor?
    /// The interaction of the strata columns, labelled `s=level` as R's `strata()`.
    public var strata: Factor?
    /// Numeric covariates in spec order (Cox).
    public var covariates: [(name: String, values: [Double])]
    /// Categorical covariates in spec order (Cox).
    public var factors: [(name: String, factor: Factor)]
    /// Case weights (Cox), when the spec names a weights column.
    public var weights: [Double]?
    /// Clusters for a robust variance.
    public var cluster: Factor?
    /// Calendar time of entry, when the spec names an entry column (interim data cuts).
    public var entry: [Double]?
    /// Interval starts of (start, stop] data, after R's tie rule applied to starts and stops
    /// together (``TimeFix``); nil for right-censored data (start 0).
    /// Row i is at risk at t when start < t ≤ time.
    public var start: [Double]?
    /// The subject of each row (``SurvivalDataSpec/subject``), when named.
    public var subject: Factor?
    /// Physical line of each kept row, for messages about values found bad later.
    public var lines: [Int32]
    /// Rows left out for missing values, by column.
    public var omissions: Omissions
    /// True when `lines` are observation numbers of an `.xpt` member.
    public var linesAreObservations = false
    /// The 1-based field number of each column read from the file, for messages that name a
    /// column (empty for an in-memory data set).
    public var columnNumbers: [String: Int] = [:]

    /// Number of rows.
    public var count: Int { time.count }
    /// Rows used by the analyses (all rows kept).
    public var rowsUsed: Int { time.count }
    /// Number of rows left out for missing values.
    public var rowsOmitted: Int { omissions.rows }
    /// Number of events.
    public var eventCount: Int { event.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Reads and validates the columns `spec` names.
    ///
    /// Errors (each naming file, line and column): an unknown column, a non-numeric or
    /// non-finite value, a negative time, a negative or non-finite weight, an event code that
    /// is not 0/1, 1/2 or TRUE/FALSE, and no rows left after dropping missing values.
    /// - Complexity: O(rows × used columns).
    public init(table: CSVTable, spec: SurvivalDataSpec) throws(InputError) {
        let parsed = try table.read(spec.requests)
        try self.init(parsed: parsed, spec: spec)
    }

    /// Builds the data set from decoded columns: drops rows with a missing value, validates times, events and weights, and applies R's tie rule (``TimeFix``).
    /// - Complexity: O(n log n) (the tie rule sorts the times).
    public init(parsed: ParsedColumns, spec: SurvivalDataSpec) throws(InputError) {
        source = parsed.source
        self.spec = spec
        let n = parsed.rowCount
        func column(_ name: String) -> ParsedColumn { parsed.columns[name]! }
        func numbers(_ name: String) -> [Double] {
            switch column(name) {
            case .number(let v), .event(let v): return v
            case .label: preconditionFailure("column \(name) decoded as a label")
            }
        }
        func factor(_ name: String) -> Factor {
            guard case let .label(codes, levels) = column(name) else { preconditionFailure() }
            return Factor(codes: codes, levels: levels)
        }

        // Which rows are complete in every used column; count the first missing column of each.
        var keep = [Bool](repeating: true, count: n)
        var omissions = Omissions()
        var usedNames: [String] = []
        for r in spec.requests where !usedNames.contains(r.name) { usedNames.append(r.name) }
        // Usually nothing is missing: asked of every column at once, that costs one read of
        // each on all cores, and the row-by-row bookkeeping below is skipped.
        let anyMissing = SurvivalData.anyMissing(usedNames.map(column))
        for name in usedNames where anyMissing {
            var missingHere = 0
            switch column(name) {
            case .number(let v), .event(let v):
                for i in 0..<n where keep[i] && v[i].isNaN { keep[i] = false; missingHere += 1 }
            case .label(let codes, _):
                for i in 0..<n where keep[i] && codes[i] < 0 { keep[i] = false; missingHere += 1 }
            }
            if missingHere > 0 { omissions.byColumn.append((name, missingHere)); omissions.rows += missingHere }
        }
        self.omissions = omissions
        // The kept rows' indices only when some are left out: at 1e7 rows the index is 80 MB of
        // fresh pages for nothing when every row is complete (docs/performance.md, page faults).
        let kept = omissions.rows == 0 ? [] : (0..<n).filter { keep[$0] }
        guard omissions.rows < n else {
            throw InputError(file: source, message: "no rows left after leaving out \(omissions.rows) rows with missing values")
        }
        func select<T>(_ v: [T]) -> [T] { omissions.rows == 0 ? v : kept.map { v[$0] } }
        func selectFactor(_ name: String) -> Factor {
            let f = factor(name)
            // Levels only of the kept rows, in R's order (R's na.omit keeps unused levels, but a
            // level with no rows has no curve or test term, so survkit drops it).
            let codes = select(f.codes)
            var used = [Bool](repeating: false, count: f.levels.count)
            for c in codes { used[Int(c)] = true }
            // Every level used: the codes stand as they are (no recoded copy).
            if !used.contains(false) { return Factor(unordered: codes, levels: f.levels) }
            var remap = [Int32](repeating: -1, count: f.levels.count)
            var levels: [String] = []
            for (i, u) in used.enumerated() where u { remap[i] = Int32(levels.count); levels.append(f.levels[i]) }
            return Factor(unordered: codes.map { remap[Int($0)] }, levels: levels)
        }

        columnNumbers = parsed.columnNumbers
        lines = select(parsed.lines)
        time = select(numbers(spec.time))
        let timeColumn = parsed.columnNumbers[spec.time]
        for (i, t) in time.enumerated() where t < 0 {
            throw InputError(file: source, line: Int(lines[i]), column: timeColumn, columnName: spec.time,
                             message: "time \(t) is negative")
        }
        recordedTime = time
        if let startName = spec.start {
            let recordedStart = select(numbers(startName))
            let fixed = try CountingProcess.intervals(start: recordedStart, stop: time, lines: lines, source: source,
                                                      startColumn: (startName, parsed.columnNumbers[startName]),
                                                      stopColumn: (spec.time, timeColumn))
            start = fixed.start
            time = fixed.stop
        } else {
            time = TimeFix.apply(time)
        }
        event = select(numbers(spec.event)).map { $0 == 1 }
        group = spec.group.map(selectFactor)
        strata = spec.strata.isEmpty ? nil
            : Factor.interaction(spec.strata.map { ($0, selectFactor($0)) })
        covariates = spec.covariates.map { ($0, select(numbers($0))) }
        factors = spec.factors.map { ($0, selectFactor($0)) }
        weights = spec.weights.map { select(numbers($0)) }
        if let w = weights, let name = spec.weights {
            for (i, v) in w.enumerated() where !(v >= 0) {
                throw InputError(file: source, line: Int(lines[i]), column: parsed.columnNumbers[name],
                                 columnName: name, message: "weight \(v) is negative")
            }
        }
        cluster = spec.cluster.map(selectFactor)
        entry = spec.entry.map { select(numbers($0)) }
        subject = spec.subject.map(selectFactor)
        if let subject, let start {
            try CountingProcess.checkOverlaps(start: start, stop: time, subject: subject, lines: lines,
                                              source: source, subjectColumn: spec.subject!)
        }
    }

    /// An in-memory data set (tests, simulation, library users), validated as a file is and
    /// with R's tie rule (``TimeFix``) applied to `time`.
    ///
    /// Errors (``InputError``, naming the source, the column and the 1-based row): no rows,
    /// columns of different lengths, a time that is not finite or is negative, a group or
    /// stratum code outside its levels, a covariate value that is not finite.
    /// - Complexity: O(n × columns) plus the O(n) sort of the time fix.
    public init(time: [Double], event: [Bool], group: Factor? = nil, strata: Factor? = nil,
                covariates: [(name: String, values: [Double])] = [], source: String = "<memory>") throws(InputError) {
        try SurvivalData.validate(time: time, event: event, group: group, strata: strata,
                                  covariates: covariates, source: source)
        self.source = source
        self.spec = SurvivalDataSpec(time: "time", event: "event")
        self.recordedTime = time
        self.time = TimeFix.apply(time)
        self.event = event
        self.group = group
        self.strata = strata
        self.covariates = covariates
        self.factors = []
        self.weights = nil
        self.cluster = nil
        self.entry = nil
        self.start = nil
        self.subject = nil
        self.lines = (0..<time.count).map { Int32($0 + 2) }
        self.omissions = Omissions()
    }
}

extension SurvivalData {
    /// True when some value of some column is missing (NaN, or label code −1); the columns
    /// are read concurrently when they are large (``ParallelLoop``).
    static func anyMissing(_ columns: [ParsedColumn]) -> Bool {
        let found = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(1, columns.count))
        found.initialize(repeating: false)
        defer { found.deallocate() }
        nonisolated(unsafe) let flags = found
        let values = columns.reduce(0) { total, column in
            switch column {
            case .number(let v), .event(let v): total + v.count
            case .label(let codes, _): total + codes.count
            }
        }
        ParallelLoop.run(columns.count, values: values) { k in
            switch columns[k] {
            case .number(let v), .event(let v): flags[k] = v.contains { $0.isNaN }
            case .label(let codes, _): flags[k] = codes.contains { $0 < 0 }
            }
        }
        return found.contains(true)
    }
}
