import ArgumentParser
import SurvivalAnalysis
import SurvivalReports

extension SurvKit {
    /// `survkit split`: episodes of follow-up at cut points, as R's survSplit, written as
    /// (start, stop] counting-process CSV.
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split",
            abstract: "Split follow-up into episodes at cut points (as R's survSplit), writing (start, stop] CSV.",
            discussion: """
                Each row's interval (start, stop] (start 0 without --start) is cut at every --cut point \
                strictly inside it; the pieces before a cut are censored, the last keeps the row's \
                event. Every other column is copied as it is. The output has the start column (named \
                by --start, or --start-name), the stop in the --time column, the event as 0/1 (1 = event; \
                with --censor, 1 = censored) and the episode (1 + the number of cut points <= the \
                piece's start). Use it with 'survkit cox --start COL --time COL --id ID'.
                """)

        @Argument(help: "CSV file with a header row, or SAS transport (.xpt) library; '-' reads standard input.")
        var data: String

        @OptionGroup var columns: IntervalColumnOptions

        @Option(help: "Comma-separated cut points.", transform: CommaList.doubles)
        var cut: [Double]

        @Option(help: "Name of the episode column written.")
        var episode = "episode"

        @Option(help: "Write to this file (atomically: all or nothing) instead of standard output.")
        var output: String?

        func validate() throws {
            guard !cut.isEmpty else { throw ValidationError("--cut needs at least one cut point") }
        }

        func run() throws {
            let (member, time, censor, start, startName) = (columns.member, columns.time, columns.censor, columns.start, columns.startName)
            let table = try DataTables.open(path: data, member: member)
            let eventColumn = columns.eventColumn, roles = columns.roles
            for name in roles.keys where !table.header.contains(name) { throw table.unknownColumn(name) }
            let outputNames = table.header + (start == nil ? [startName] : []) + [episode]
            if let clash = Dictionary(grouping: outputNames, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                throw UsageError("the output would have two columns named '\(clash)': choose another --start-name or --episode")
            }
            let requests = table.header.map { DataRequest($0, roles[$0] ?? .label) }
            let parsed = try table.read(requests)
            func numbers(_ name: String) -> [Double] {
                switch parsed.columns[name]! {
                case .number(let v), .event(let v): return v
                case .label: preconditionFailure("\(name) decoded as labels")
                }
            }
            let stop = numbers(time), status = numbers(eventColumn)
            let entry = start.map(numbers) ?? [Double](repeating: 0, count: stop.count)
            var rows: [Int] = []
            var left = 0
            for i in 0..<parsed.rowCount {
                if stop[i].isNaN || status[i].isNaN || entry[i].isNaN { left += 1; continue }
                guard entry[i] < stop[i] else {
                    var e = InputError(file: table.source, line: Int(parsed.lines[i]), column: parsed.columnNumbers[time],
                                       columnName: time,
                                       message: start == nil ? "time \(NumberText.roundTrip(stop[i])) is not > 0: a (0, stop] interval needs stop > 0"
                                       : "stop time \(NumberText.roundTrip(stop[i])) is not after the start time \(NumberText.roundTrip(entry[i]))")
                    e.lineIsObservation = parsed.linesAreObservations
                    throw e
                }
                rows.append(i)
            }
            if left > 0 { Terminal.note("\(left) row\(left == 1 ? "" : "s") left out for a missing time, start or event") }
            let pieces = EpisodeSplit.pieces(start: rows.map { entry[$0] }, stop: rows.map { stop[$0] },
                                             event: rows.map { status[$0] == 1 }, cuts: cut)
            var csv = CSVWriter(header: outputNames)
            for piece in pieces {
                let i = rows[piece.row]
                var cells: [CSVWriter.Cell] = []
                for name in table.header {
                    if name == time { cells.append(.number(piece.stop)); if start == nil { cells.append(.number(piece.start)) }; continue }
                    if name == start { cells.append(.number(piece.start)); continue }
                    if name == eventColumn { cells.append(.int(censor != nil ? (piece.event ? 0 : 1) : (piece.event ? 1 : 0))); continue }
                    guard case let .label(codes, levels) = parsed.columns[name]! else { preconditionFailure() }
                    cells.append(codes[i] < 0 ? .number(nil) : .text(levels[Int(codes[i])]))
                }
                cells.append(.int(piece.episode))
                csv.append(cells)
            }
            // The start column goes just after the stop column when it is new.
            var header = table.header
            if start == nil, let k = header.firstIndex(of: time) { header.insert(startName, at: k + 1) }
            csv.header = header + [episode]
            var outputs = OutputTransaction(inputs: data == "-" ? [] : [data])
            let text = csv.rendered()
            if let output { try outputs.stage(text, to: output) }
            try outputs.commit()
            if output == nil { print(text, terminator: "") }
        }
    }
}
