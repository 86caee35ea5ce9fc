import ArgumentParser
import SurvivalAnalysis
import SurvivalReports

extension SurvKit {
    /// `survkit tmerge`: time-dependent covariates from long files of timed measurements joined
    /// onto a baseline file, as R's `tmerge(base, base, id =, event(time, status))` followed by
    /// `tmerge(., visits, id =, NAME = tdc(time, value))`, written as (start, stop] CSV.
    struct Tmerge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tmerge",
            abstract: "Join timed measurements onto a baseline file (as R's tmerge with tdc()), writing (start, stop] CSV.",
            discussion: """
                Each subject's follow-up (start, stop] (start 0 without --start) is cut at every time \
                of a --tdc measurement of that subject strictly inside it; each piece carries, for every \
                --tdc, the last value measured at or before its start (missing before the first). \
                Measurements at or after the stop change nothing; measurements of ids not in the \
                baseline file, or with a missing time or value, are left out (counted on standard \
                error), as tmerge does. Ties in time: the last row of the file wins. Use the output \
                with 'survkit cox --start COL --time COL --id ID'.
                """)

        @Argument(help: "Baseline CSV (or .xpt): one row per --id (several, non-overlapping, with --start).")
        var data: String

        @OptionGroup var columns: IntervalColumnOptions

        @Option(help: "Column identifying the subject, in the baseline file and in every --tdc file.")
        var id: String

        @Option(help: ArgumentHelp("A time-dependent covariate NAME from FILE, measured at TIMECOL with value VALUECOL (tmerge's tdc(time, value)); without :VALUECOL a 0/1 indicator that switches on at the first time (tdc(time)). Repeatable.",
                                   valueName: "NAME=FILE:TIMECOL[:VALUECOL]"))
        var tdc: [TimeDependentSpec] = []

        @Option(help: ArgumentHelp("A cumulative covariate NAME: the running sum of the numbers VALUECOL of FILE measured at or before each piece's start (tmerge's cumtdc(time, value)). Repeatable.",
                                   valueName: "NAME=FILE:TIMECOL:VALUECOL"))
        var cumtdc: [TimeDependentSpec] = []

        @Option(name: .customLong("event-from"),
                help: ArgumentHelp("An event column NAME from FILE: VALUECOL (default 1) on the piece ending at each TIMECOL, 0 elsewhere (tmerge's event(time[, value])). Repeatable.",
                                   valueName: "NAME=FILE:TIMECOL[:VALUECOL]"))
        var eventFrom: [TimeDependentSpec] = []

        @Option(help: ArgumentHelp("A cumulative event count NAME from FILE: on the piece ending at each TIMECOL, the number of the subject's times so far; 0 elsewhere (tmerge's cumevent(time)). Repeatable.",
                                   valueName: "NAME=FILE:TIMECOL"))
        var cumevent: [TimeDependentSpec] = []

        @Option(help: ArgumentHelp("A --tdc or --cumtdc measurement made after the subject's first start takes effect this many time units later (tmerge's options = list(delay = d)); events are not delayed.",
                                   valueName: "D"))
        var delay: Double = 0

        @Option(help: ArgumentHelp("Value of every --tdc NAME=FILE:TIME:VALUE before its first measurement (tmerge's tdcstart; default NA), written as given; for --cumtdc a number, the base the running sum is added to.",
                                   valueName: "VALUE"))
        var tdcstart: String?

        /// `--tdcstart`, nil for R's default NA.
        private var tdcStartText: String? { tdcstart.flatMap { $0 == "NA" || $0.isEmpty ? nil : $0 } }

        /// Every new column in output order: --tdc, --cumtdc, --event-from, --cumevent, each in the order given.
        private var newColumns: [(option: String, spec: TimeDependentSpec)] {
            tdc.map { ("--tdc", $0) } + cumtdc.map { ("--cumtdc", $0) } + eventFrom.map { ("--event-from", $0) }
                + cumevent.map { ("--cumevent", $0) }
        }

        @Option(help: "Write to this file (atomically: all or nothing) instead of standard output.")
        var output: String?

        func validate() throws {
            guard !newColumns.isEmpty else {
                throw ValidationError("give at least one --tdc NAME=FILE:TIMECOL[:VALUECOL] (or --cumtdc, --event-from, --cumevent)")
            }
            if let (option, _) = newColumns.first(where: { $0.spec.file == "-" }) { throw ValidationError("a \(option) file cannot be standard input") }
            if let spec = cumtdc.first(where: { $0.valueColumn == nil }) {
                throw ValidationError("--cumtdc \(spec.name)= needs a value column: NAME=FILE:TIMECOL:VALUECOL")
            }
            guard delay >= 0, delay.isFinite else {
                throw ValidationError("--delay must be a finite number >= 0, not \(NumberText.roundTrip(delay))")
            }
            if let text = tdcStartText, !cumtdc.isEmpty, !(Double(text)?.isFinite ?? false) {
                throw ValidationError("--tdcstart \(text): with --cumtdc it must be a number (the base of the running sums) or NA")
            }
            if let spec = cumevent.first(where: { $0.valueColumn != nil }) {
                throw ValidationError("--cumevent \(spec.name)= takes no value column: NAME=FILE:TIMECOL (a file name with ':' cannot be used here)")
            }
        }

        func run() throws {
            let (member, time, censor, start, startName) = (columns.member, columns.time, columns.censor, columns.start, columns.startName)
            let table = try DataTables.open(path: data, member: member)
            let eventColumn = columns.eventColumn, roles = columns.roles
            for name in Array(roles.keys) + [id] where !table.header.contains(name) { throw table.unknownColumn(name) }
            var header = table.header
            if start == nil, let k = header.firstIndex(of: time) { header.insert(startName, at: k + 1) }
            header += newColumns.map(\.spec.name)
            if let clash = Dictionary(grouping: header, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                throw UsageError("the output would have two columns named '\(clash)': rename the --tdc (--cumtdc, --event-from, --cumevent) or choose another --start-name")
            }
            let baseline = try TmergeBaseline(table: table, parsed: table.read(table.header.map { DataRequest($0, roles[$0] ?? .label) }),
                                              id: id, time: time, event: eventColumn, start: start)
            if baseline.left > 0 { Terminal.note("\(baseline.left) row\(baseline.left == 1 ? "" : "s") left out for a missing time, start or event") }
            var covariates: [TimeDependentMerge.Covariate] = []
            var values: [[String]] = []
            for (option, spec) in newColumns {
                let long = try TmergeMeasurements(spec: spec, id: id, subjects: baseline.subjectIndex, numeric: option == "--cumtdc")
                if long.left > 0 {
                    Terminal.note("\(option) \(spec.name): \(long.left) measurement\(long.left == 1 ? "" : "s") left out for a missing time or value")
                }
                if long.unknownSubjects > 0 {
                    Terminal.note("\(option) \(spec.name): \(long.unknownSubjects) measurement\(long.unknownSubjects == 1 ? "" : "s") of ids not in \(table.source) left out")
                }
                let kind: TimeDependentMerge.Kind
                switch option {
                case "--tdc": kind = spec.valueColumn == nil ? .indicator : .lastValue
                case "--cumtdc": kind = .cumulativeSum(amounts: long.amounts)
                case "--event-from": kind = .event
                default: kind = .cumulativeCount
                }
                covariates.append(.init(kind: kind, measurements: long.measurements))
                values.append(long.values)
            }
            let (pieces, entries) = TimeDependentMerge.pieces(subject: baseline.subject, start: baseline.start, stop: baseline.stop,
                                                              event: baseline.event, covariates: covariates, delay: delay,
                                                              cumulativeStart: tdcStartText.flatMap { Double($0) })
            var csv = CSVWriter(header: header)
            for (piece, pieceValues) in zip(pieces, entries) {
                let i = baseline.rows[piece.row]
                var cells: [CSVWriter.Cell] = []
                for name in table.header {
                    if name == time { cells.append(.number(piece.stop)); if start == nil { cells.append(.number(piece.start)) }; continue }
                    if name == start { cells.append(.number(piece.start)); continue }
                    if name == eventColumn { cells.append(.int(censor != nil ? (piece.event ? 0 : 1) : (piece.event ? 1 : 0))); continue }
                    cells.append(baseline.label(name, row: i).map(CSVWriter.Cell.text) ?? .number(nil))
                }
                for (k, value) in pieceValues.enumerated() {
                    switch value {
                    case .missing:
                        // tmerge's tdcstart: a tdc(time, value) before its first measurement.
                        if let text = tdcStartText, case .lastValue = covariates[k].kind { cells.append(.text(text)) } else { cells.append(.number(nil)) }
                    case .handle(let h): cells.append(.text(values[k][h]))
                    case .number(let x):
                        // A --cumtdc running sum past the largest double (amounts of 1e308) would be
                        // written as Inf (as R's cumsum): a number that means nothing, so refused.
                        guard x.isFinite else {
                            let spec = newColumns[k].spec
                            throw UsageError("\(newColumns[k].0) \(spec.name): the running sum of \(spec.file)'s column '\(spec.valueColumn ?? "")' passes the largest double (\(x)) for id \(baseline.label(id, row: i) ?? "?")")
                        }
                        cells.append(.number(x))
                    }
                }
                csv.append(cells)
            }
            var outputs = OutputTransaction(inputs: data == "-" ? [] : [data])
            let text = csv.rendered()
            if let output { try outputs.stage(text, to: output) }
            try outputs.commit()
            if output == nil { print(text, terminator: "") }
        }
    }
}
