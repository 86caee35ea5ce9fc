import ArgumentParser
import SurvivalAnalysis
import SurvivalReports
import TrialDesign

extension DesignMethod: ExpressibleByArgument {}
extension DesignUnknown: ExpressibleByArgument {}

extension SurvKit {
    /// `survkit design`: sample size, power, follow-up, accrual time or detectable hazard ratio of a
    /// two-arm exponential time-to-event trial, or a sensitivity grid over accrual and follow-up.
    struct Design: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "design",
            abstract: "Sample size and power of a two-arm time-to-event trial (exponential survival), as rpact.",
            discussion: """
                Settings may come from a design file (--file, YAML or JSON, keys = these flag names); \
                flags override the file. Times are in any one unit (e.g. months). With --looks (or \
                --information-rates) the design is group-sequential: the maximum events are the fixed \
                design's times the inflation factor, with the events, calendar time and patients of \
                each look (rpact's getSampleSizeSurvival with kMax > 1). Piecewise hazards \
                (--hazard-times with --hazards-control/--hazards-treatment or --hazard-ratios), --delay and \
                --cure-fraction* plan under non-proportional hazards: expected events by integration, the \
                average hazard ratio, and power/patients by --nph-method logrank, ahr, rmst or fh; with \
                --looks the group-sequential power, spent at the method's information fractions \
                (docs/design.md).
                """)

        @OptionGroup var assumptions: AssumptionOptions

        @Option(parsing: .unconditional, help: "Target power (default 0.8).")
        var power: Double?
        @Option(help: "Method: \(DesignMethod.allCases.map(\.rawValue).joined(separator: ", ")) (default schoenfeld).")
        var method: DesignMethod?
        @Option(help: "Unknown: \(DesignUnknown.allCases.map(\.rawValue).joined(separator: ", ")) (default patients, or power when --patients/--events are given).")
        var solve: DesignUnknown?
        @Option(parsing: .unconditional, help: "Patients enrolled.")
        var patients: Int?
        @Option(parsing: .unconditional, help: "Events at the analysis (--solve power).")
        var events: Double?
        @Option(help: "Sensitivity grid, e.g. accrual=12:36:6,follow-up=6:36:6.")
        var grid: String?

        @OptionGroup var sequential: GroupSequentialOptions

        @OptionGroup var nonProportional: NonProportionalFlags

        @OptionGroup var oneSample: OneSampleDesignFlags

        @OptionGroup var output: OutputOptions

        @OptionGroup var figure: PlotOptions

        /// The file's settings overridden by the flags (the file read here, once per run).
        func settings() throws -> DesignSettings {
            var flags = assumptions.flagSettings()
            flags.power = power
            flags.method = method
            flags.solve = solve
            flags.patients = patients.map(Double.init)
            flags.events = events
            flags.grid = grid
            flags.sequential = sequential.settings
            flags.nonProportional = nonProportional.options
            return try assumptions.fileSettings().overridden(by: flags)
        }

        /// Bad flag values are usage errors (exit 2) before anything is read. The settings (and a
        /// design file) are read once, in `run()`: a design file that cannot be read is an
        /// `InputError` naming its line and column, settings that do not fit together a usage error.
        func validate() throws {
            if let patients, patients <= 0 { throw ValidationError("--patients must be positive (got \(patients))") }
        }

        /// Domain errors (``DesignError``, bad group-sequential input) are worded by
        /// `SurvKit.exit(reporting:)`; a numerical failure of the boundaries is not the user's
        /// input and exits 1.
        func run() throws {
            if oneSample.isGiven {
                // A single arm against a historical control (Wu 2015; TrialDesign/OneSample).
                guard nonProportional.options.isEmpty, !sequential.isSequential, figure.plot == nil else {
                    throw UsageError("--one-sample does not combine with non-proportional-hazard flags, --looks or --plot")
                }
                if let milestone = oneSample.milestone {
                    // The exact binomial test of the milestone rate (A'Hern 2001; TrialDesign/OneSample).
                    let request = try settings().milestoneRequest(
                        milestone: milestone, rateHistorical: oneSample.rateHistorical,
                        historical: try oneSample.milestoneHistorical(), rateTreatment: oneSample.rateTreatment)
                    try output.emit(MilestoneDesignReport(try request.solve()), inputs: [assumptions.file])
                    return
                }
                let historical = try oneSample.logRankHistorical()
                let result = try settings().oneSampleRequest(historical: historical, wuVariance: oneSample.wuVariance).solve()
                try output.emit(OneSampleDesignReport(result), inputs: [assumptions.file])
                return
            }
            let all = try settings()
            let nph = all.nonProportional
            if !nph.isEmpty {
                // Hazards that need not be proportional: the AHR / at-risk design (TrialDesign/NonProportional).
                if figure.plot != nil { throw UsageError("--plot is not available with non-proportional hazards yet") }
                let result = try NonProportionalSolver.solve(try all.nonProportionalRequest(options: nph))
                try output.emit(NonProportionalDesignReport(result), inputs: [assumptions.file])
                return
            }
            switch try all.plan() {
            case .single(let request):
                let result = try DesignSolver.solve(request)
                try output.emit(DesignReport(result), inputs: [assumptions.file])
                if let path = figure.plot { try FigureFile.write(DesignPlots.powerCurve(result, title: figure.title).svg(), to: path) }
            case let .sequential(request, design):
                let result = try SequentialDesignSolver.solve(request, design: design)
                var report = SequentialDesignReport(result)
                if let windows = try all.sequential.lookWindows(spell: { "--" + $0.rawValue }) {
                    // The windows are in events: placed against the final look's planned (rounded-up) events.
                    do throws(GroupSequentialError) {
                        report.windows = try windows.bounds(design: design, maximumEvents: Double(result.maximumEvents))
                    } catch {
                        guard error.isInputError else { throw error }
                        throw UsageError("--min-events-per-look/--max-events-per-look with \(result.maximumEvents) planned events: \(error.description)")
                    }
                }
                try output.emit(report, inputs: [assumptions.file])
                if let path = figure.plot { try FigureFile.write(DesignPlots.boundaries(result, title: figure.title).svg(), to: path) }
            case let .grid(assumptions, method, patients, grid, defaults):
                let analysis = try SensitivityAnalysis(
                    assumptions: assumptions, method: method, patients: patients, grid: grid, defaults: defaults)
                try output.emit(SensitivityReport(analysis), inputs: [self.assumptions.file])
                if let path = figure.plot {
                    guard let map = DesignPlots.heatMap(analysis, title: figure.title) else {
                        throw UsageError("--plot with --grid needs both accrual and follow-up in the grid (a heat map)")
                    }
                    try FigureFile.write(map.svg(), to: path)
                }
            }
        }
    }
}
