import ArgumentParser
import Foundation
import SurvivalAnalysis
import SurvivalReports
import TrialDesign

extension EventTimeModel: ExpressibleByArgument {}

extension SurvKit {
    /// `survkit predict`: when will the trial reach D events? Event-time (and dropout) models
    /// fitted to the data at a cut, the continuation of the trial simulated with the remaining
    /// accrual, the median and a prediction interval of the calendar time of the D-th event,
    /// and the events expected at chosen times.
    struct Predict: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "predict",
            abstract: "Predict when a trial reaches its target number of events (and the events by chosen times).",
            discussion: """
                Fits an exponential or Weibull model (maximum likelihood) to the times from entry to \
                the event at the data cut, pooled (blinded) or per arm of --group (unblinded), and \
                simulates the trial after the cut: the patients still followed, then \
                --patients-to-enrol new patients entering as a Poisson process (or evenly spaced, \
                --accrual even) at --accrual-rate, joining the arms by --allocation. \
                Each replicate draws the parameters from their asymptotic normal law. A patient \
                censored before the cut is a dropout (or as --dropout COL says). The same --seed \
                gives the same output for any --threads.
                """)

        @OptionGroup var data: DataOptions

        @Option(help: "Column holding each patient's calendar time (or date) of entry.")
        var entry: String

        @Option(parsing: .unconditional,
                help: "Calendar time of the data cut, on the entry column's scale (a date when it holds dates); default: the latest entry + time.")
        var cut: String?

        @Option(help: "Column flagging dropouts (1 = left the study before the cut, never to have the event; 0 = not). Default: censored before the cut = dropout.")
        var dropout: String?

        @Option(name: .customLong("target-events"), parsing: .unconditional, help: "D: the cumulative number of events whose calendar time is predicted.")
        var targetEvents: Int

        @Option(name: .customLong("patients-to-enrol"), parsing: .unconditional, help: "Patients still to enrol after the cut (default 0).")
        var patientsToEnrol = 0

        @Option(name: .customLong("accrual-rate"), parsing: .unconditional, help: "Patients entering per unit of time after the cut (needed with --patients-to-enrol).")
        var accrualRate: Double?

        @Option(help: "How the new patients enter after the cut: poisson (a Poisson process at --accrual-rate) or even (evenly spaced, the j-th at cut + j/rate).")
        var accrual: String = "poisson"

        @Option(help: "Allocation treatment:control of the new patients (unblinded data with --group of two levels; default: the arms' shares at the cut).")
        var allocation: String?

        @Option(help: "The group level that is the treatment arm, for --allocation (default: a level named 'treatment', or the other level than --reference GROUP=CONTROL).")
        var treatment: String?

        @Option(help: "Event-time model fitted by maximum likelihood: exponential or weibull.")
        var model: EventTimeModel = .exponential

        @Option(name: .customLong("dropout-model"), help: "none (no dropout after the cut) or exponential (a dropout hazard fitted to the dropouts).")
        var dropoutModel: String = "none"

        @Option(name: .customLong("parameter-uncertainty"), help: "normal (draw the parameters from their asymptotic normal law in each replicate) or none (the MLE throughout).")
        var parameterUncertainty: String = "normal"

        @Option(name: .customLong("interval-level"), parsing: .unconditional, help: "Coverage of the prediction intervals (default 0.9).")
        var intervalLevel = 0.9

        @Option(parsing: .unconditional, help: "Calendar times (dates when the entry column holds dates) at which to report the events expected: t1,t2,...",
                transform: CommaList.strings)
        var at: [String] = []

        @Option(parsing: .unconditional, help: "End of the --events-csv curve (default: a little past the upper prediction bound).")
        var horizon: String?

        @Option(name: .customLong("events-csv"), help: "Also write the predicted events over time (time, mean, sd, lower, upper) to this CSV file.")
        var eventsCSV: String?

        @Option(parsing: .unconditional, help: "Number of simulated continuations of the trial.")
        var replicates = 4000
        @Option(parsing: .unconditional, help: "Seed of the random streams.")
        var seed: UInt64 = 1
        @Option(parsing: .unconditional, help: "Worker threads (all cores unless given). The result does not depend on it.")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @OptionGroup var output: OutputOptions

        @OptionGroup var figure: PlotOptions

        func validate() throws {
            guard ["poisson", "even"].contains(accrual) else { throw ValidationError("--accrual must be poisson or even, got '\(accrual)'") }
            if treatment != nil, allocation == nil { throw ValidationError("--treatment names the arm of --allocation: add --allocation T:C or drop --treatment") }
            guard targetEvents > 0 else { throw ValidationError("--target-events must be a positive number of events, got \(targetEvents)") }
            guard patientsToEnrol >= 0 else { throw ValidationError("--patients-to-enrol must be 0 or more, got \(patientsToEnrol)") }
            if let accrualRate, !(accrualRate > 0 && accrualRate.isFinite) {
                throw ValidationError("--accrual-rate must be a positive number of patients per unit of time, got \(accrualRate)")
            }
            if patientsToEnrol > 0, accrualRate == nil {
                throw ValidationError("--patients-to-enrol \(patientsToEnrol) needs --accrual-rate (patients entering per unit of time)")
            }
            guard intervalLevel > 0, intervalLevel < 1 else { throw ValidationError("--interval-level must be between 0 and 1, got \(intervalLevel)") }
            guard replicates >= 1, replicates <= PredictionSettings.maximumReplicates else {
                throw ValidationError("--replicates must be from 1 to \(PredictionSettings.maximumReplicates), got \(replicates)")
            }
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
            guard ["none", "exponential"].contains(dropoutModel) else { throw ValidationError("--dropout-model must be none or exponential, got '\(dropoutModel)'") }
            guard ["normal", "none"].contains(parameterUncertainty) else { throw ValidationError("--parameter-uncertainty must be normal or none, got '\(parameterUncertainty)'") }
            if let cut, Interim.cutValue(cut) == nil { throw ValidationError("--cut '\(cut)' is neither a finite number nor a date (YYYY-MM-DD)") }
            for t in at + (horizon.map { [$0] } ?? []) where Interim.cutValue(t) == nil {
                throw ValidationError("--at/--horizon '\(t)' is neither a finite number nor a date (YYYY-MM-DD)")
            }
        }

        func run() throws {
            let cutValue = cut.map { text in (Interim.cutValue(text)!.value, Interim.cutValue(text)!.isDate, text) }
            let (loaded, _) = try data.loadCut(covariates: dropout.map { [$0] } ?? [], entry: entry, cut: cutValue)
            let analysed = loaded.data
            // Calendar times in the report unit: dates are days from 1960-01-01 over the unit's days.
            let daysPerUnit = loaded.entryIsDate ? (data.outputUnit ?? .days).days : nil
            func calendar(_ text: String, flag: String) throws -> Double {
                let v = Interim.cutValue(text)!
                if v.isDate != loaded.entryIsDate {
                    throw UsageError(loaded.entryIsDate ? "\(flag) \(text) is a number but the entry column '\(entry)' holds dates: give a date (YYYY-MM-DD)"
                                     : "\(flag) \(text) is a date but the entry column '\(entry)' holds numbers: give a time on their scale")
                }
                return v.isDate ? v.value / daysPerUnit! : v.value
            }
            let entries = analysed.entry ?? []
            let cutTime = try cut.map { try calendar($0, flag: "--cut") }
                ?? zip(entries, analysed.time).map { $0 + $1 }.max() ?? 0
            var dropoutFlags: [Bool]?
            if let dropout, let column = analysed.covariates.first(where: { $0.name == dropout }) {
                var flags: [Bool] = []
                for (i, v) in column.values.enumerated() {
                    guard v == 0 || v == 1 else {
                        throw InputError(file: analysed.source, line: Int(analysed.lines[i]), columnName: dropout,
                                         message: "the dropout flag must be 0 or 1, got \(v)")
                    }
                    flags.append(v == 1)
                }
                dropoutFlags = flags
            }
            let cohort = PredictionCohort(data: analysed, cut: cutTime, dropout: dropoutFlags, byGroup: data.group != nil)
            var settings = PredictionSettings(targetEvents: targetEvents)
            settings.patientsToEnrol = patientsToEnrol
            settings.accrualRate = accrualRate ?? 0
            settings.evenAccrual = accrual == "even"
            if let allocation { settings.allocation = try allocationShares(allocation, cohort: cohort) }
            settings.model = model
            settings.dropoutModel = dropoutModel == "exponential"
            settings.parameterUncertainty = parameterUncertainty == "normal"
            settings.intervalLevel = intervalLevel
            settings.atTimes = try at.map { try calendar($0, flag: "--at") }
            settings.horizon = try horizon.map { try calendar($0, flag: "--horizon") }
            settings.replicates = replicates
            settings.seed = seed
            settings.threads = threads
            for t in settings.atTimes + (settings.horizon.map { [$0] } ?? []) where t < cutTime {
                Terminal.warn("--at/--horizon \(t) is before the cut (\(cutTime)): the count shown there is the events observed by the cut")
            }
            let prediction: EventPrediction
            do {
                prediction = try EventPrediction.predict(cohort: cohort, settings: settings)
            } catch {
                throw UsageError("\(analysed.source): " + Predict.words(error, groupColumn: data.group))
            }
            let report = PredictionReport(prediction: prediction, source: analysed.source, rowsUsed: analysed.rowsUsed,
                                          omissions: analysed.omissions, groupColumn: data.group, daysPerUnit: daysPerUnit)
            try output.emit(report, notes: data.notes(loaded), inputs: [data.data],
                            sideFiles: eventsCSV.map { [(report.eventsCSV, $0)] } ?? [])
            if let path = figure.plot {
                try FigureFile.write(Predict.figure(prediction, timeUnit: data.outputUnit?.rawValue, title: figure.title).svg(), to: path)
            }
        }

        /// `--allocation T:C` as each arm's probability, in the order of the cohort's arms: the
        /// treatment arm is `--treatment`, else the other level than `--reference GROUP=CONTROL`,
        /// else a level named 'treatment'.
        private func allocationShares(_ text: String, cohort: PredictionCohort) throws -> [Double] {
            let levels = cohort.armLabels
            guard let groupColumn = data.group, levels.count == 2 else {
                throw UsageError(data.group == nil
                    ? "--allocation applies to unblinded data: add --group (two arms), or drop --allocation (pooled data have one arm)"
                    : "--allocation T:C needs two arms, but '\(data.group!)' has \(levels.count) levels at the cut")
            }
            let ratio: Double
            do throws(DesignError) { ratio = try Allocation(parsing: text).ratio } catch {
                throw UsageError("--allocation: \(error.message)")
            }
            var treatmentLevel = treatment
            if treatmentLevel == nil,
               let control = data.reference.compactMap({ try? DataOptions.referencePair($0, group: data.group) }).first(where: { $0.column == groupColumn })?.level,
               let k = levels.firstIndex(of: control) {
                treatmentLevel = levels[1 - k]
            }
            if treatmentLevel == nil, levels.contains("treatment") { treatmentLevel = "treatment" }
            guard let treatmentLevel else {
                throw UsageError("--allocation: which arm is the treatment? give --treatment LEVEL or --reference \(groupColumn)=CONTROL ('\(groupColumn)' has '\(levels[0])' and '\(levels[1])')")
            }
            guard let t = levels.firstIndex(of: treatmentLevel) else {
                throw UsageError("--treatment '\(treatmentLevel)' is not a level of '\(groupColumn)' ('\(levels[0])', '\(levels[1])')")
            }
            let share = ratio / (1 + ratio)
            return levels.indices.map { $0 == t ? share : 1 - share }
        }

        /// The CLI's wording of a prediction error: what is wrong and what to change.
        static func words(_ error: PredictionError, groupColumn: String?) -> String {
            let armText = { (arm: String?) in arm.map { " in arm \(groupColumn ?? "group")=\($0)" } ?? "" }
            switch error {
            case .noEvents(let arm):
                return "no events\(armText(arm)) at the cut: the event-time model cannot be fitted" + (arm != nil ? "; drop --group to fit the pooled data" : "; use a later --cut")
            case .eventAtTimeZero(let arm):
                return "an event at time 0\(armText(arm)) has no Weibull density: use --model exponential or correct the time"
            case .shapeNotEstimable(let arm):
                return "the Weibull shape cannot be estimated\(armText(arm)) (the likelihood has no finite maximum): use --model exponential"
            case let .targetReached(target, observed):
                return "the target is already reached: \(observed) events observed at the cut, --target-events \(target); give a target above \(observed)"
            case let .unreachable(target, observed, atRisk, toEnrol):
                return "--target-events \(target) cannot be reached: at most \(observed + atRisk + toEnrol) events are possible (\(observed) observed, \(atRisk) patients still followed, \(toEnrol) to enrol; the others dropped out); lower --target-events or raise --patients-to-enrol"
            case let .unreachableByDropout(target, reached, level):
                let needed = (1 + level) / 2
                return "--target-events \(target) is reached in only \(NumberText.significant(reached * 100, digits: 3))% of the simulated continuations (the others lose too many patients to dropout), fewer than the \(NumberText.significant(needed * 100, digits: 3))% an upper \(NumberText.significant(level * 100, digits: 3))% prediction bound needs: lower --target-events, raise --patients-to-enrol, lower --interval-level or use --dropout-model none"
            case let .tooManySimulatedPatients(replicates, atRisk, toEnrol):
                let limit = PredictionSettings.maximumSimulatedPatients
                return "--replicates \(replicates) × (\(atRisk) patients still followed + \(toEnrol) to enrol) patient continuations is over the limit of \(limit) (each replicate simulates every patient and keeps its event times: 8 bytes each, 2 GB at the limit): lower --replicates or --patients-to-enrol"
            case .nobodyAtRisk:
                return "no patient is still followed at the cut and none is to enrol (all censored for dropout): no further event is possible; give --patients-to-enrol and --accrual-rate"
            }
        }
    }
}
