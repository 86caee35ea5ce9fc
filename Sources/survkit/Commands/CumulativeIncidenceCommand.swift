import ArgumentParser
import SurvivalAnalysis
import SurvivalReports

extension SurvKit {
    /// `survkit cif`: Aalen–Johansen cumulative incidence with competing risks and Gray's test.
    struct CumulativeIncidenceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cif",
            abstract: "Cumulative incidence with competing risks (Aalen-Johansen, R's multi-state survfit) and Gray's test (cmprsk::cuminc).",
            discussion: """
                --status holds 0 = censored and 1, 2, ... = causes (cmprsk's cencode = 0), or labels with \
                --censor-value naming the censoring one (causes then in sorted order, as R's factor()). \
                One curve per cause and --group level; std_err is the infinitesimal-jackknife standard \
                error R's survfit gives multi-state curves, limits on the log scale. With --group, \
                Gray's test per cause, within --strata if given (cuminc's strata).
                """)

        @Argument(help: "CSV file with a header row, or SAS transport (.xpt) library; '-' reads standard input.")
        var data: String

        @Option(help: "Member (data set) of a SAS transport library that holds several.")
        var member: String?

        @Option(help: "Column holding the follow-up time (finite, >= 0).")
        var time: String

        @Option(help: "Column holding the status: 0 = censored, 1..k = causes (or labels with --censor-value).")
        var status: String

        @Option(name: .customLong("censor-value"), help: "The --status label that means censored; every other label is a cause.")
        var censorValue: String?

        @Option(help: "Column whose values define the groups compared.")
        var group: String?

        @Option(help: "Comma-separated stratification columns of Gray's test.", transform: CommaList.strings)
        var strata: [String] = []

        @Option(name: .customLong("where"), help: "Keep only rows where this holds (as km's --where; repeatable).")
        var filters: [String] = []

        @Option(name: .customLong("time-unit"), help: "Unit of the time column: days, weeks, months or years.")
        var timeUnit: TimeUnit?

        @Option(name: .customLong("report-unit"), help: "Unit of every time in the output (needs --time-unit).")
        var reportUnit: TimeUnit?

        @Option(help: "Confidence level of the pointwise intervals, between 0 and 1.")
        var confLevel: Double = 0.95

        @Option(help: "Power rho of Gray's test weight (1 - F(t-))^rho (cuminc's rho).")
        var rho: Double = 0

        @Option(help: "Write a figure of the curves to this file: .svg, or .png/.pdf through rsvg-convert.")
        var plot: String?

        @Option(name: .customLong("plot-times"), help: "Comma-separated times (>= 0) of the figure's x ticks.",
                transform: CommaList.doubles)
        var plotTimes: [Double]?

        @Flag(name: .customLong("conf-band"), help: "Shade the pointwise confidence band of each curve in the figure.")
        var confBand = false

        @Option(help: "Title printed above the figure.")
        var title: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard confLevel > 0, confLevel < 1 else {
                throw ValidationError("--conf-level must lie strictly between 0 and 1, not \(NumberText.roundTrip(confLevel))")
            }
            guard rho.isFinite else { throw ValidationError("--rho must be a finite number") }
            if let plotTimes, let bad = plotTimes.first(where: { $0 < 0 }) {
                throw ValidationError("--plot-times must be >= 0, not \(NumberText.roundTrip(bad))")
            }
            if let plot { _ = try FigureFile.Kind(path: plot) }
            if plot == nil, confBand || plotTimes != nil || title != nil {
                throw ValidationError("--conf-band, --plot-times and --title describe the figure: give --plot FILE.svg")
            }
            if !strata.isEmpty, group == nil { throw ValidationError("--strata stratifies Gray's test: give --group too") }
        }

        /// The shared data options these flags stand for (the status read as the event column).
        func dataOptions() throws -> DataOptions {
            var args = [data, "--time", time, "--event", status]
            if let member { args += ["--member", member] }
            if let group { args += ["--group", group] }
            if !strata.isEmpty { args += ["--strata", strata.joined(separator: ",")] }
            for f in filters { args += ["--where", f] }
            if let timeUnit { args += ["--time-unit", timeUnit.rawValue] }
            if let reportUnit { args += ["--report-unit", reportUnit.rawValue] }
            return try DataOptions.parse(args)
        }

        func run() throws {
            let options = try dataOptions()
            let coding: CompetingStatusCoding = censorValue.map { .labels(censorValue: $0) } ?? .integers
            let (loaded, read) = try options.loadCompeting(coding: coding)
            let competing = read.droppingAbsentCauses()
            guard competing.causeCount > 0 else {
                throw UsageError("\(loaded.data.source): no row of '\(status)' has an event of any cause"
                                 + (censorValue.map { " (every row is '\($0)')" } ?? " (all are 0 = censored)")
                                 + "; check --status" + (censorValue == nil ? " or give --censor-value" : " and --censor-value"))
            }
            if let group, let levels = competing.data.group?.levels.count, levels > GrayTest.maximumGroups {
                throw InputError(file: competing.data.source, column: competing.data.columnNumbers[group], columnName: group,
                                 message: "group column '\(group)' has \(levels) levels; Gray's test compares at most \(GrayTest.maximumGroups) groups (is it an identifier?)")
            }
            let curves = AalenJohansen.curves(competing, confidenceLevel: confLevel)
            let tests = GrayTest.tests(competing, rho: rho)
            let report = CumulativeIncidenceReport(curves: curves, tests: tests, statusColumn: status, groupColumn: group,
                                                   strataColumns: strata, confidenceLevel: confLevel,
                                                   rowsUsed: competing.data.count, omissions: competing.data.omissions)
            try output.emit(report, notes: options.notes(loaded), inputs: [data])
            if let plot {
                let figure = CumulativeIncidencePlot.figure(curves: curves.flatMap { $0 }, tests: tests, plotTimes: plotTimes, band: confBand,
                                                            title: title, groupColumn: group,
                                                            timeUnit: (reportUnit ?? timeUnit)?.rawValue)
                try FigureFile.write(figure.svg(), to: plot)
            }
        }
    }
}
