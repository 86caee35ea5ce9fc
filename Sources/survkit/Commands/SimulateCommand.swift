import ArgumentParser
import Foundation
import SurvivalAnalysis
import SurvivalReports
import TrialDesign

extension ArrivalPattern: ExpressibleByArgument {}
extension RandomisationScheme: ExpressibleByArgument {}

extension SurvKit {
    /// `survkit simulate`: Monte Carlo replicates of a two-arm trial — accrual, randomisation,
    /// piecewise-exponential events, dropout and an event-driven or calendar analysis, each
    /// analysed by the log-rank test (and a Cox model with `--cox`).
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulate",
            abstract: "Simulate a two-arm time-to-event trial: power, analysis time, events, dropouts (as rpact's getSimulationSurvival).",
            discussion: """
                Takes the assumption flags and design file of 'survkit design'. The analysis is at the \
                D-th event (--events D) or at --follow-up after the last patient entered. The same --seed \
                gives the same output for any --threads, and the --shard i/n parts of a run merged with \
                'survkit merge' give exactly the output of the whole run. With --looks (or \
                --information-rates) the trial is group-sequential: look k at ceil(t_k * D) events of the \
                maximum D = --events, stopping at the first look that crosses the efficacy boundary of \
                --spending (or falls below the futility bound of --futility-spending, one-sided; --power \
                sets its beta spending).
                """)

        @OptionGroup var assumptions: AssumptionOptions

        @Option(parsing: .unconditional, help: "Patients enrolled in each trial.")
        var patients: Int?
        @Option(parsing: .unconditional, help: "Analyse at the D-th event (event-driven), instead of --follow-up.")
        var events: Int?
        @OptionGroup var piecewise: PiecewiseHazardOptions
        @Option(help: "Entry times: evenly spread over the accrual (as rpact), a Poisson process, or independent draws from the accrual distribution (uniform).")
        var arrivals: ArrivalPattern = .even
        @Option(name: [.customLong("randomisation"), .customLong("randomization")],
                help: "Arm assignment: permuted blocks, simple randomisation, or rpact's fixed sequence (alternating).")
        var randomisation: RandomisationScheme = .permutedBlocks
        @Option(name: .customLong("block-size"), parsing: .unconditional,
                help: "Patients per permuted block, a multiple of T+C in whole numbers (default 2(T+C)).")
        var blockSize: Int?
        @Flag(help: "Also fit a Cox model in every trial (hazard-ratio estimate; slower).")
        var cox = false
        @Option(name: .customLong("hazard-ratios"), parsing: .unconditional,
                help: "Treatment/control hazard ratio on each interval of --hazard-times (as design).", transform: CommaList.doubles)
        var hazardRatios: [Double]?
        @Option(parsing: .unconditional, help: "Delayed effect: hazard ratio 1 for this long after entry, the stated effect after (as design).")
        var delay: Double?
        @Option(name: [.customLong("cure-fraction"), .customLong("cure-fraction-control")], parsing: .unconditional,
                help: "Cured fraction of the control arm; medians and hazards are then those of the uncured (as design).")
        var cureFractionControl: Double?
        @Option(name: .customLong("cure-fraction-treatment"), parsing: .unconditional,
                help: "Cured fraction of the treatment arm (default 0).")
        var cureFractionTreatment: Double?
        @Option(name: .customLong("test"), parsing: .unconditionalSingleValue,
                help: "Also apply this test to every trial and to the same trial under the null: logrank, fh:RHO,GAMMA, maxcombo or rmst:TAU (repeat, or a comma list).")
        var testLists: [String] = []

        @Option(parsing: .unconditional, help: "Number of simulated trials.")
        var replicates = 10_000
        @Option(parsing: .unconditional, help: "Seed of the random streams (0 to 2^53-1).")
        var seed: UInt64 = 1
        @Option(parsing: .unconditional, help: "Worker threads (all cores unless given). The result does not depend on it.")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount
        @Option(help: "Run only part i of n of the replicates and write it as a partial result (JSON) for 'survkit merge'.")
        var shard: String?
        @OptionGroup var figure: PlotOptions

        @Option(name: .customLong("replicates-csv"), help: "Also write one row per simulated trial to this CSV file.")
        var replicatesCSV: String?
        @Option(help: "Scenario grid: simulate power over one setting, e.g. hazard-ratio=0.3:0.8:0.05 (or v1;v2;...), same seed in every scenario.")
        var grid: String?

        @OptionGroup var sequential: GroupSequentialOptions
        @Option(parsing: .unconditional, help: "Target power of a group-sequential design: the beta spending of --futility-spending (default 0.8).")
        var power: Double?

        @OptionGroup var output: OutputOptions

        /// The file's settings overridden by the flags (the file read here, once per run). A cut
        /// given by flags replaces the file's: `--events` drops a `follow-up` from the file and
        /// `--follow-up` drops `events`. Piecewise hazards by flag replace the file's form of the
        /// same arm: `--hazards-control` its `median-control`, `--hazards-treatment` its
        /// `median-treatment` or `hazard-ratio`. The file's non-proportional keys (`hazard-times`,
        /// `hazards-control`, `hazards-treatment`, `hazard-ratios`, `delay`, `cure-fraction`,
        /// `cure-fraction-treatment`) are read through the same settings table as `design` reads
        /// them, and the flags override them key by key; an arm given by flag in one form drops the
        /// file's other forms of that arm (`--median-control` the file's `hazards-control`,
        /// `--median-treatment`/`--hazard-ratio`/`--hazard-ratios`/`--hazards-treatment` the file's
        /// treatment forms).
        func settings() throws -> DesignSettings {
            var flags = assumptions.flagSettings()
            flags.patients = patients.map(Double.init)
            flags.events = events.map(Double.init)
            flags.power = power
            flags.sequential = sequential.settings
            flags.nonProportional = nonProportionalFlags
            var base = try assumptions.fileSettings()
            if flags.events != nil, flags.followUp == nil { base.followUp = nil }
            if flags.followUp != nil, flags.events == nil { base.events = nil }
            if piecewise.hazardsControl != nil { base.clear(.controlArm) }
            if flags.medianControl != nil { base.nonProportional.hazardsControl = nil }
            let treatmentByFlag = piecewise.hazardsTreatment != nil || hazardRatios != nil
            if treatmentByFlag { base.clear(.treatmentEffect) }
            if treatmentByFlag || flags.medianTreatment != nil || flags.hazardRatio != nil {
                base.nonProportional.hazardsTreatment = nil
                base.nonProportional.hazardRatios = nil
            }
            return base.overridden(by: flags)
        }

        /// The non-proportional-hazard flags as the settings' options (`nph-method` is a design question).
        var nonProportionalFlags: NonProportionalOptions {
            var n = NonProportionalOptions()
            n.hazardTimes = piecewise.hazardTimes
            n.hazardsControl = piecewise.hazardsControl
            n.hazardsTreatment = piecewise.hazardsTreatment
            n.hazardRatios = hazardRatios
            n.delay = delay
            n.cureFractionControl = cureFractionControl
            n.cureFractionTreatment = cureFractionTreatment
            return n
        }

        /// The simulation options, the hazards taken from the merged `settings` (file and flags).
        func options(_ settings: DesignSettings) -> SimulationOptions {
            let n = settings.nonProportional
            var o = SimulationOptions()
            o.hazardTimes = n.hazardTimes
            o.hazardsTreatment = n.hazardsTreatment
            o.hazardsControl = n.hazardsControl
            o.hazardRatios = n.hazardRatios
            o.arrivals = arrivals
            o.randomisation = randomisation
            o.blockSize = blockSize
            o.cox = cox
            o.delay = n.delay
            o.cureFractionControl = n.cureFractionControl
            o.cureFractionTreatment = n.cureFractionTreatment
            return o
        }

        /// The `--test` lists, in the order given.
        func tests() throws(DesignError) -> [SimulationTest] {
            var all: [SimulationTest] = []
            for list in testLists { all += try SimulationTest.parseList(list) }
            return all
        }

        /// The plan, the run and the shard.
        func resolve(_ settings: DesignSettings) throws(DesignError) -> (SimulationPlan, MonteCarloSettings, Shard?) {
            var o = options(settings)
            o.tests = try tests()
            let plan = try SimulationPlan(settings: settings, options: o)
            let run = try MonteCarloSettings(replicates: replicates, seed: seed)
            let part = try shard.map { text throws(DesignError) in try Shard(parsing: text) }
            return (plan, run, part)
        }

        /// Flag values wrong on their own are refused before anything is read; the settings (and
        /// a design file) are read once, in `run()`.
        func validate() throws {
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1 (got \(threads))") }
            // An inflation of the patients is a sample-size rule of `design`: a simulation enrols
            // the patients given, so the flag would be silently unused (a file's `dropout` is
            // only noted, since the same file feeds `design`).
            if grid != nil, shard != nil || replicatesCSV != nil {
                throw ValidationError("--grid runs every scenario in one process and writes one row per scenario: drop --shard and --replicates-csv")
            }
            if grid != nil, !testLists.isEmpty {
                throw ValidationError("--grid simulates the log-rank test only: drop --test, or run one scenario at a time")
            }
            if assumptions.dropoutInflation != nil {
                throw ValidationError("--dropout inflates the patients of 'survkit design' and means nothing in a simulation: "
                    + "give --dropout-rate and --dropout-time to simulate dropout")
            }
        }

        func run() throws {
            if let grid { return try runGrid(grid) }
            let (plan, run, part) = try resolve(settings())
            let range = part?.range(replicates: run.replicates) ?? 0..<run.replicates
            let bar = Terminal.stderrIsTerminal ? ProgressBar(total: range.count) : nil
            var progress: (@Sendable (Int) -> Void)?
            if let bar { progress = { bar.advance(by: $0) } }
            let tested = MonteCarlo.runWithTests(plan: plan, seed: run.seed, range: range, threads: threads, progress: progress)
            let outcomes = tested.outcomes
            bar?.finish()
            var sideFiles: [(text: String, path: String)] = []
            if let path = replicatesCSV {
                sideFiles.append((ReplicatesTable(plan: plan, firstReplicate: range.lowerBound, outcomes: outcomes).csv(), path))
            }
            if let path = figure.plot {
                try FigureFile.write(SimulationPlots.histograms(plan: plan, outcomes: outcomes, title: figure.title).svg(), to: path)
            }
            if let part {
                // A shard is always the partial-result JSON, whatever --format says.
                let text = SimulationPartial(plan: plan, settings: run, shard: part, outcomes: outcomes,
                                             tests: TestSummary.summaries(plan: plan, run: tested)).encoded()
                try output.emit(text: text, inputs: [assumptions.file], sideFiles: sideFiles)
            } else {
                try output.emit(SimulationReport(plan: plan, settings: run,
                                                 summary: SimulationSummary(plan: plan, outcomes: outcomes),
                                                 tests: TestSummary.summaries(plan: plan, run: tested)),
                                inputs: [assumptions.file], sideFiles: sideFiles)
            }
        }

        /// `--grid`: every scenario simulated with the run's replicates and seed, one row each.
        func runGrid(_ text: String) throws {
            let grid = try ScenarioGrid(parsing: text)
            let run = try MonteCarloSettings(replicates: replicates, seed: seed)
            let base = try settings()
            let result = try ScenarioGridRun(grid: grid, base: base, options: options(base), settings: run, threads: threads)
            try output.emit(ScenarioGridReport(result), inputs: [assumptions.file])
            if let path = figure.plot {
                try FigureFile.write(SimulationPlots.powerOverGrid(result, title: figure.title).svg(), to: path)
            }
        }
    }
}
