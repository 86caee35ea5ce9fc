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
                each look (rpact's getSampleSizeSurvival with kMax > 1).
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

        @OptionGroup var output: OutputOptions

        /// The file's settings overridden by the flags.
        func settings() throws -> DesignSettings {
            var flags = assumptions.flagSettings()
            flags.power = power
            flags.method = method
            flags.solve = solve
            flags.patients = patients.map(Double.init)
            flags.events = events
            flags.grid = grid
            flags.sequential = sequential.settings
            return try assumptions.fileSettings().overridden(by: flags)
        }

        /// What to compute: one design, or a grid.
        enum Plan {
            case single(DesignRequest)
            case grid(TrialAssumptions, DesignMethod, Double?, SensitivityGrid, [String])
            case sequential(DesignRequest, GroupSequentialDesign)
        }

        func plan(_ s: DesignSettings) throws -> Plan {
            do {
                if let design = try s.sequentialDesign() {
                    guard s.grid == nil else { throw UsageError("--grid is for fixed designs: drop --grid or --looks") }
                    guard s.unknown == .patients else {
                        throw UsageError("a group-sequential design (--looks) is solved for patients: drop --solve, --patients and --events")
                    }
                    guard s.method != .lachinFoulkes else {
                        throw UsageError("a group-sequential design (--looks) needs an events formula: --method schoenfeld or freedman")
                    }
                    return .sequential(try s.request(), design)
                }
                if let grid = try s.sensitivityGrid() {
                    guard s.solve == nil, s.events == nil else {
                        throw UsageError("--grid tabulates patients and the power of --patients: drop --solve and --events")
                    }
                    return .grid(try s.assumptions(), s.method ?? .schoenfeld, s.patients, grid, s.defaultsUsed())
                }
                return .single(try s.request())
            } catch let error as DesignError {
                throw UsageError(error.message)
            }
        }

        /// Bad flag values and combinations are usage errors (exit 2) before anything is computed.
        /// A design file that cannot be read is left to `run()`, which reports it as an
        /// `InputError` naming its line and column.
        func validate() throws {
            if let patients, patients <= 0 { throw ValidationError("--patients must be positive (got \(patients))") }
            guard let settings = try? settings() else { return }
            do {
                _ = try plan(settings)
            } catch let error as UsageError {
                throw ValidationError(error.message)
            }
        }

        func run() throws {
            do {
                switch try plan(settings()) {
                case .single(let request):
                    try output.emit(DesignReport(DesignSolver.solve(request)), inputs: [assumptions.file])
                case let .sequential(request, design):
                    let result: SequentialDesignResult
                    do {
                        result = try SequentialDesignSolver.solve(request, design: design)
                    } catch let error as GroupSequentialError where error.isInputError {
                        throw UsageError(error.description)
                    }
                    // A numerical failure of the boundaries is not the user's input: exit 1.
                    try output.emit(SequentialDesignReport(result), inputs: [assumptions.file])
                case let .grid(assumptions, method, patients, grid, defaults):
                    try output.emit(SensitivityReport(SensitivityAnalysis(
                        assumptions: assumptions, method: method, patients: patients, grid: grid, defaults: defaults)), inputs: [self.assumptions.file])
                }
            } catch let error as DesignError {
                throw UsageError(error.message)
            }
        }
    }
}
