import ArgumentParser
import SurvivalAnalysis
import SurvivalReports

extension TimeUnit: ExpressibleByArgument {
    /// Reads the value of a command-line option.
    public init?(argument: String) { self.init(spelling: argument) }
    /// The spellings the option accepts, for `--help`.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// The data every analysis command reads:
/// `DATA --time COL (--event COL | --censor COL) [--group COL] [--strata COL,...]`, where DATA
/// is a CSV file or a SAS transport (`.xpt`) library, told apart by content.
struct DataOptions: ParsableArguments {
    @Argument(help: "CSV file with a header row, or SAS transport (.xpt, v5/v8) library; '-' reads standard input.")
    var data: String

    @Option(help: "Member (data set) of a SAS transport library that holds several.")
    var member: String?

    @Option(help: "Column holding the follow-up time (finite, >= 0). Not needed with --start-date/--end-date.")
    var time: String?

    @Option(help: "Column holding the event indicator: 0/1, 1/2 (R: 1 = censored, 2 = event) or TRUE/FALSE.")
    var event: String?

    @Option(help: "Column holding a censoring indicator instead of --event (ADaM CNSR): 0 = event, > 0 or TRUE = censored.")
    var censor: String?

    @Option(help: "Column whose values define the groups compared.")
    var group: String?

    @Option(help: "Comma-separated stratification columns.", transform: CommaList.strings)
    var strata: [String] = []

    @Option(name: .customLong("where"),
            help: "Keep only rows where this holds: COL=V, COL!=V, COL in(a,b), COL<V, <=, >, >= (repeatable; all must hold).")
    var filters: [String] = []

    @Option(name: .customLong("start-date"), help: "Column of start dates: the time is end - start + 1 days (ADaM's AVAL rule).")
    var startDate: String?

    @Option(name: .customLong("end-date"), help: "Column of end dates (event or censoring), with --start-date.")
    var endDate: String?

    @Option(name: .customLong("time-unit"), help: "Unit of the time and entry columns: days, weeks, months or years.")
    var timeUnit: TimeUnit?

    @Option(name: .customLong("report-unit"),
            help: "Unit of every time in the output and on the command line (--times, --tau, --cut): days, weeks, months (365.25/12 days) or years (365.25 days).")
    var reportUnit: TimeUnit?

    @Option(help: "Reference level of the group or a factor, as COL=LEVEL (repeatable), or a bare LEVEL of the --group column: the level others are compared with.")
    var reference: [String] = []

    @Option(help: "Column holding the start of each row's (start, stop] interval (left truncation, time-dependent covariates); --time is then the stop. A row is at risk at t when start < t <= stop.")
    var start: String?

    @Option(help: "Column naming each row's subject (e.g. USUBJID), shown by --list-omitted; with --start, one subject's intervals must not overlap; km: survfit's id = (with or without --start).")
    var id: String?

    @Flag(name: .customLong("list-omitted"), help: "List the rows left out for missing values (line or observation, column, --id) on standard error.")
    var listOmitted = false

    /// The name the time goes by: the column, or the derivation from two dates.
    var timeName: String { time ?? "\(endDate ?? "end")-\(startDate ?? "start")+1" }
    var eventName: String { event ?? censor ?? "" }

    /// Column names that hold censoring, not event, indicators (ADaM and common spellings).
    static let censorNames: Set<String> = ["CNSR", "CENSOR", "CENS", "CENSORED"]

    func validate() throws {
        switch (event, censor) {
        case (nil, nil): throw ValidationError("give --event COL (1 = event) or --censor COL (ADaM CNSR: 1 = censored)")
        case (_?, _?): throw ValidationError("give --event or --censor, not both")
        case (let e?, nil):
            if DataOptions.censorNames.contains(e.uppercased()) {
                throw ValidationError("--event \(e): a column named \(e) holds censoring codes (1 = censored); use --censor \(e)")
            }
        default: break
        }
        switch (time, startDate, endDate) {
        case (_, _?, nil), (_, nil, _?): throw ValidationError("--start-date and --end-date go together")
        case (_?, _?, _?): throw ValidationError("give --time or --start-date/--end-date, not both")
        case (nil, nil, nil): throw ValidationError("give --time COL (or --start-date COL --end-date COL)")
        default: break
        }
        if start != nil, startDate != nil {
            throw ValidationError("give --start with --time (the stop), not with --start-date/--end-date")
        }
        if startDate != nil, let u = timeUnit, u != .days {
            throw ValidationError("--start-date/--end-date give times in days, not \(u.rawValue): use --report-unit \(u.rawValue) to report in \(u.rawValue)")
        }
        if reportUnit != nil, timeUnit == nil, startDate == nil {
            throw ValidationError("--report-unit needs --time-unit (the unit the time column is in)")
        }
        for f in filters {
            do { _ = try RowFilter(parsing: f) } catch { throw ValidationError("--where '\(f)': \(error.reason)") }
        }
        for r in reference { _ = try DataOptions.referencePair(r, group: group) }
    }

    /// Splits `COL=LEVEL`; a text without `=` is a level of the group column when there is one
    /// (`rmst --reference GROUP`, survRM2's arm0).
    static func referencePair(_ text: String, group: String? = nil) throws -> (column: String, level: String) {
        if let group, !text.contains("="), !text.trimmingSpaces().isEmpty { return (group, text.trimmingSpaces()) }
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex, text.index(after: eq) != text.endIndex else {
            throw ValidationError("--reference '\(text)' is not of the form COL=LEVEL")
        }
        return (String(text[..<eq]).trimmingSpaces(), String(text[text.index(after: eq)...]).trimmingSpaces())
    }

    /// The unit times are in after loading (the report unit), if known.
    var outputUnit: TimeUnit? { reportUnit ?? timeUnit ?? (startDate != nil ? .days : nil) }

    /// Options built in code (for commands whose data file is optional).
    static func make(data: String, time: String, event: String, group: String?) throws -> DataOptions {
        try DataOptions.parse([data, "--time", time, "--event", event] + (group.map { ["--group", $0] } ?? []))
    }

    /// Reads and validates the columns the command uses.
    func load(covariates: [String] = [], factors: [String] = [], weights: String? = nil,
              cluster: String? = nil, entry: String? = nil) throws -> SurvivalData {
        try loadDetailed(covariates: covariates, factors: factors, weights: weights, cluster: cluster, entry: entry).data
    }

    /// Reads the data as the options say: filters, censor coding, dates, units, reference levels.
    /// Warnings (a stacked file without a filter) and the omitted rows go to standard error.
    func loadDetailed(covariates: [String] = [], factors: [String] = [], weights: String? = nil,
                      cluster: String? = nil, entry: String? = nil, subjectWithoutStart: Bool = false) throws -> LoadedData {
        try loadCut(covariates: covariates, factors: factors, weights: weights, cluster: cluster, entry: entry,
                    subjectWithoutStart: subjectWithoutStart).loaded
    }

    /// As ``loadDetailed``, with a calendar data cut (`--cut`) applied on the entry column's own
    /// scale before times are put into the report unit: with entry dates, in whole days, so that
    /// a cut date compares exactly with day counts (ADaM AVAL) and no event flips by rounding.
    /// `subjectWithoutStart`: read `--id` as the rows' subjects also without `--start` (km, as
    /// survfit's `id =` on right-censored data; rows missing the id are then left out, as R's
    /// model frame does). Other commands use `--id` only with `--start`.
    func loadCut(covariates: [String] = [], factors: [String] = [], weights: String? = nil,
                 cluster: String? = nil, entry: String? = nil,
                 cut: (value: Double, isDate: Bool, text: String)? = nil,
                 competing: CompetingStatusReading? = nil,
                 subjectWithoutStart: Bool = false) throws -> (loaded: LoadedData, cut: DataCut?) {
        let opened = try DataTables.open(path: data, member: member)
        // A competing-risks status column is decoded by a wrapper around the opened table.
        let table = competing?.wrapping(opened) ?? opened
        var spec = SurvivalDataSpec(time: timeName, event: eventName, group: group, strata: strata,
                                    covariates: covariates, factors: factors, weights: weights,
                                    cluster: cluster, entry: entry)
        spec.start = start
        spec.subject = start == nil && !subjectWithoutStart ? nil : id
        var reading = DataReading()
        reading.filters = try filters.map { f in
            do { return try RowFilter(parsing: f) } catch let error as RowFilter.SyntaxError { throw UsageError("--where '\(f)': \(error.reason)") }
        }
        reading.eventIsCensoring = censor != nil
        reading.startDate = startDate
        reading.endDate = endDate
        reading.id = id
        var loaded = try SurvivalData.load(from: table, spec: spec, reading: reading)
        // Units: times (and a numeric entry) into the report unit; entry dates from days.
        let sourceUnit = timeUnit ?? (startDate != nil ? TimeUnit.days : nil)
        if loaded.entryIsDate, sourceUnit == nil {
            throw UsageError("\(table.source): the entry column '\(entry!)' holds dates: give --time-unit (the unit of '\(timeName)') so the dates can be put on the same scale")
        }
        var dataCut: DataCut?
        if let cut {
            if cut.isDate != loaded.entryIsDate {
                throw UsageError(cut.isDate ? "--cut \(cut.text) is a date but the entry column '\(entry ?? "")' holds numbers: give the cut on their scale"
                                 : "--cut \(cut.text) is a number but the entry column '\(entry ?? "")' holds dates: give the cut as a date (YYYY-MM-DD)")
            }
            if cut.isDate, let sourceUnit {
                // Cut in days: time to days, entry and cut are SAS day numbers.
                let inDays = loaded.data.rescaled(timeBy: sourceUnit.factor(to: .days))
                let (cutData, summary) = try inDays.cut(atCalendarTime: cut.value)
                loaded.data = cutData.rescaled(timeBy: TimeUnit.days.factor(to: sourceUnit))
                dataCut = summary
                dataCut?.isDate = true
            }
        }
        if let sourceUnit {
            let target = reportUnit ?? sourceUnit
            loaded.data = loaded.data.rescaled(timeBy: sourceUnit.factor(to: target),
                                               entryDaysPerUnit: loaded.entryIsDate ? target.days : nil)
        }
        if let cut, !cut.isDate {
            let (cutData, summary) = try loaded.data.cut(atCalendarTime: cut.value)
            loaded.data = cutData
            dataCut = summary
        }
        for r in reference {
            let (column, level) = try DataOptions.referencePair(r, group: group)
            guard column == group || factors.contains(column) else {
                throw UsageError("--reference \(r): '\(column)' is not the --group column or a factor of this command")
            }
            guard let releveled = loaded.data.releveled(column: column, level: level) else {
                let levels = (column == group ? loaded.data.group?.levels : loaded.data.factors.first { $0.name == column }?.factor.levels) ?? []
                throw UsageError("--reference \(r): '\(level)' is not a level of '\(column)' (levels: \(levels.joined(separator: ", ")))")
            }
            loaded.data = releveled
        }
        if let stacked = loaded.stackedParameter {
            Terminal.warn("\(table.source): '\(stacked.column)' has \(stacked.values.count) values (\(stacked.values.prefix(6).joined(separator: ", "))): the rows of different parameters are analysed together; add --where '\(stacked.column)=\(stacked.values[0])' to analyse one")
        }
        if listOmitted {
            let unit = loaded.linesAreObservations ? "observation" : "line"
            if loaded.omittedRows.isEmpty { Terminal.note("no rows left out for missing values") }
            for row in loaded.omittedRows {
                Terminal.note("left out: \(unit) \(row.line), \(row.column) missing" + (row.id.map { ", \(id!)=\($0)" } ?? ""))
            }
        }
        return (loaded, dataCut)
    }

    /// What the output says about the reading: filter counts, the unit and the labels.
    func notes(_ loaded: LoadedData) -> DataNotes {
        DataNotes(filters: filters, rowsRead: loaded.rowsRead, rowsFilteredOut: loaded.rowsFilteredOut,
                  timeUnit: outputUnit?.rawValue,
                  convertedFrom: reportUnit != nil && reportUnit != (timeUnit ?? .days) ? (timeUnit ?? .days).rawValue : nil,
                  labels: loaded.columnLabels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                  censorColumn: censor)
    }
}

/// Parsing of comma-separated option values.
enum CommaList {
    static func strings(_ text: String) throws -> [String] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingSpaces()
        }
        guard !parts.contains(where: \.isEmpty) else { throw ValidationError("empty item in '\(text)'") }
        return parts
    }

    static func doubles(_ text: String) throws -> [Double] {
        try strings(text).map { part in
            guard let v = Double(part), v.isFinite else { throw ValidationError("'\(part)' is not a finite number") }
            return v
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
