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
                flags override the file. Times are in any one unit (e.g. months).
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
            return try assumptions.fileSettings().overridden(by: flags)
        }

        /// What to compute: one design, or a grid.
        enum Plan {
            case single(DesignRequest)
            case grid(TrialAssumptions, DesignMethod, Double?, SensitivityGrid, [String])
        }

        func plan(_ s: DesignSettings) throws -> Plan {
            do {
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
                    try output.emit(DesignReport(DesignSolver.solve(request)))
                case let .grid(assumptions, method, patients, grid, defaults):
                    try output.emit(SensitivityReport(SensitivityAnalysis(
                        assumptions: assumptions, method: method, patients: patients, grid: grid, defaults: defaults)))
                }
            } catch let error as DesignError {
                throw UsageError(error.message)
            }
        }
    }
}
