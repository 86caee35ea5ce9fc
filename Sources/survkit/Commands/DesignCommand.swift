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

        @Option(help: "Design file (YAML or JSON) whose keys are these flag names; flags override it.")
        var file: String?

        @Option(name: .customLong("median-control"), parsing: .unconditional, help: "Median survival, control arm.")
        var medianControl: Double?
        @Option(name: .customLong("median-treatment"), parsing: .unconditional, help: "Median survival, treatment arm.")
        var medianTreatment: Double?
        @Option(name: .customLong("hazard-ratio"), parsing: .unconditional, help: "Hazard ratio treatment/control (instead of --median-treatment).")
        var hazardRatio: Double?
        @Option(parsing: .unconditional, help: "Total type I error (default 0.05), split over the sides.")
        var alpha: Double?
        @Option(parsing: .unconditional, help: "1 or 2 (default 2).")
        var sides: Int?
        @Option(parsing: .unconditional, help: "Target power (default 0.8).")
        var power: Double?
        @Option(help: "Allocation T:C, treatment:control (default 1:1).")
        var allocation: String?
        @Option(name: .customLong("accrual-time"), parsing: .unconditional, help: "Uniform accrual over this time.")
        var accrualTime: Double?
        @Option(name: .customLong("accrual-times"), parsing: .unconditional,
                help: "Piecewise accrual start times, from 0 (e.g. 0,6,18).", transform: CommaList.doubles)
        var accrualTimes: [Double]?
        @Option(name: .customLong("accrual-rates"), parsing: .unconditional,
                help: "Patients per time unit in each accrual piece; one rate per start time runs on until the patients are in.",
                transform: CommaList.doubles)
        var accrualRates: [Double]?
        @Option(name: .customLong("follow-up"), parsing: .unconditional, help: "Follow-up after accrual ends.")
        var followUp: Double?
        @Option(parsing: .unconditional, help: "Dropout fraction inflating the patients: total = ceil(patients / (1 - d)).")
        var dropout: Double?
        @Option(name: .customLong("dropout-rate"), parsing: .unconditional, help: "Probability of dropping out by --dropout-time, both arms (exponential).")
        var dropoutRate: Double?
        @Option(name: .customLong("dropout-rate-treatment"), parsing: .unconditional, help: "Dropout probability by --dropout-time, treatment arm.")
        var dropoutRateTreatment: Double?
        @Option(name: .customLong("dropout-rate-control"), parsing: .unconditional, help: "Dropout probability by --dropout-time, control arm.")
        var dropoutRateControl: Double?
        @Option(name: .customLong("dropout-time"), parsing: .unconditional, help: "The time the dropout rates refer to.")
        var dropoutTime: Double?
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
            var flags = DesignSettings()
            flags.medianControl = medianControl
            flags.medianTreatment = medianTreatment
            flags.hazardRatio = hazardRatio
            flags.alpha = alpha
            flags.sides = sides
            flags.power = power
            flags.allocation = allocation
            flags.accrualTime = accrualTime
            flags.accrualTimes = accrualTimes
            flags.accrualRates = accrualRates
            flags.followUp = followUp
            flags.dropout = dropout
            flags.dropoutRate = dropoutRate
            flags.dropoutRateTreatment = dropoutRateTreatment
            flags.dropoutRateControl = dropoutRateControl
            flags.dropoutTime = dropoutTime
            flags.method = method
            flags.solve = solve
            flags.patients = patients.map(Double.init)
            flags.events = events
            flags.grid = grid
            flags.sequential = sequential.settings
            let base = try file.map { path throws(InputError) in try DesignFile.load(path: path) } ?? DesignSettings()
            return base.overridden(by: flags)
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
                    try output.emit(DesignReport(DesignSolver.solve(request)))
                case let .sequential(request, design):
                    let result: SequentialDesignResult
                    do {
                        result = try SequentialDesignSolver.solve(request, design: design)
                    } catch let error as GroupSequentialError where error.isInputError {
                        throw UsageError(error.description)
                    }
                    // A numerical failure of the boundaries is not the user's input: exit 1.
                    try output.emit(SequentialDesignReport(result))
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
