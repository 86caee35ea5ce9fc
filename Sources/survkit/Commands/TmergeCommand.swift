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

        @Option(help: ArgumentHelp("A time-dependent covariate NAME from FILE, measured at TIMECOL with value VALUECOL (repeatable).",
                                   valueName: "NAME=FILE:TIMECOL:VALUECOL"))
        var tdc: [TimeDependentSpec] = []

        @Option(help: "Write to this file (atomically: all or nothing) instead of standard output.")
        var output: String?

        func validate() throws {
            guard !tdc.isEmpty else { throw ValidationError("give at least one --tdc NAME=FILE:TIMECOL:VALUECOL") }
            if tdc.contains(where: { $0.file == "-" }) { throw ValidationError("a --tdc file cannot be standard input") }
        }

        func run() throws {
            let (member, time, censor, start, startName) = (columns.member, columns.time, columns.censor, columns.start, columns.startName)
            let table = try DataTables.open(path: data, member: member)
            let eventColumn = columns.eventColumn, roles = columns.roles
            for name in Array(roles.keys) + [id] where !table.header.contains(name) { throw table.unknownColumn(name) }
            var header = table.header
            if start == nil, let k = header.firstIndex(of: time) { header.insert(startName, at: k + 1) }
            header += tdc.map(\.name)
            if let clash = Dictionary(grouping: header, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                throw UsageError("the output would have two columns named '\(clash)': rename the --tdc or choose another --start-name")
            }
            let baseline = try TmergeBaseline(table: table, parsed: table.read(table.header.map { DataRequest($0, roles[$0] ?? .label) }),
                                              id: id, time: time, event: eventColumn, start: start)
            if baseline.left > 0 { Terminal.note("\(baseline.left) row\(baseline.left == 1 ? "" : "s") left out for a missing time, start or event") }
            var measurements: [[TimeDependentMerge.Measurement]] = []
            var values: [[String]] = []
            for spec in tdc {
                let long = try TmergeMeasurements(spec: spec, id: id, subjects: baseline.subjectIndex)
                if long.left > 0 {
                    Terminal.note("--tdc \(spec.name): \(long.left) measurement\(long.left == 1 ? "" : "s") left out for a missing time or value")
                }
                if long.unknownSubjects > 0 {
                    Terminal.note("--tdc \(spec.name): \(long.unknownSubjects) measurement\(long.unknownSubjects == 1 ? "" : "s") of ids not in \(table.source) left out")
                }
                measurements.append(long.measurements)
                values.append(long.values)
            }
            let pieces = TimeDependentMerge.pieces(subject: baseline.subject, start: baseline.start, stop: baseline.stop,
                                                   event: baseline.event, measurements: measurements)
            var csv = CSVWriter(header: header)
            for piece in pieces {
                let i = baseline.rows[piece.row]
                var cells: [CSVWriter.Cell] = []
                for name in table.header {
                    if name == time { cells.append(.number(piece.stop)); if start == nil { cells.append(.number(piece.start)) }; continue }
                    if name == start { cells.append(.number(piece.start)); continue }
                    if name == eventColumn { cells.append(.int(censor != nil ? (piece.event ? 0 : 1) : (piece.event ? 1 : 0))); continue }
                    cells.append(baseline.label(name, row: i).map(CSVWriter.Cell.text) ?? .number(nil))
                }
                for (k, value) in piece.values.enumerated() { cells.append(value.map { .text(values[k][$0]) } ?? .number(nil)) }
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
