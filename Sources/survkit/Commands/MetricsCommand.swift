import ArgumentParser
import SurvivalAnalysis
import SurvivalReports

extension SurvKit {
    /// `survkit metrics`: discrimination and calibration of a prognostic model's predictions.
    struct Metrics: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "metrics",
            abstract: "Harrell's and Uno's C, time-dependent AUC and Brier scores of a risk marker (scikit-survival's metrics).",
            discussion: """
                Judges a prognostic model on DATA from a risk marker column (--marker, higher = earlier \
                event, e.g. a Cox linear predictor) and optionally its predicted survival at --times \
                (--survival, one column per time). Reports Harrell's C with its standard error (R's \
                concordance), Uno's C with inverse-probability-of-censoring weights truncated at --tau \
                (scikit-survival's concordance_index_ipcw), and at --times the cumulative/dynamic AUC with \
                the mean AUC (cumulative_dynamic_auc) and the Brier score with the integrated Brier score \
                (brier_score, integrated_brier_score). The censoring distribution is the reverse \
                Kaplan-Meier of --train (default: DATA itself).
                """)

        @OptionGroup var data: DataOptions

        @Option(help: "Column holding the risk marker (higher = earlier event expected), e.g. a Cox linear predictor.")
        var marker: String

        @Option(help: "Comma-separated evaluation times for AUC and Brier scores, strictly increasing, within the follow-up of DATA.",
                transform: CommaList.doubles)
        var times: [Double] = []

        @Option(help: "Comma-separated columns of predicted survival, one per --times value (enables the Brier scores).",
                transform: CommaList.strings)
        var survival: [String] = []

        @Option(help: "Truncation time of Uno's C: only events before tau are weighted.")
        var tau: Double?

        @Option(help: "Training data (same --time/--event columns) for the censoring distribution; default: DATA.")
        var train: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard data.group == nil, data.strata.isEmpty, data.start == nil else {
                throw ValidationError("metrics takes no --group, --strata or --start (the metrics are unstratified, right-censored)")
            }
            guard zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }), times.allSatisfy(\.isFinite) else {
                throw ValidationError("--times must be finite and strictly increasing")
            }
            if !survival.isEmpty && survival.count != times.count {
                throw ValidationError("--survival needs one column per --times value: \(survival.count) columns for \(times.count) times")
            }
            if let tau, !(tau.isFinite && tau > 0) {
                throw ValidationError("--tau must be a finite number > 0, not \(NumberText.roundTrip(tau))")
            }
        }

        func run() throws {
            let test = try data.loadDetailed(covariates: [marker] + survival).data
            var trainOptions = data
            if let train { trainOptions.data = train }
            let training = train == nil ? test : try trainOptions.loadDetailed().data
            let markerValues = test.covariates[0].values
            let survivalColumns = survival.isEmpty ? nil : survival.indices.map { test.covariates[1 + $0].values }
            let metrics: PredictionMetrics
            do {
                metrics = try PredictionMetrics(test: .init(time: test.time, event: test.event), marker: markerValues,
                                                training: .init(time: training.time, event: training.event),
                                                times: times, tau: tau, survival: survivalColumns)
            } catch {
                throw words(error, test: test, training: training)
            }
            try output.emit(MetricsReport(metrics, source: test.source, marker: marker, training: training.source,
                                          survivalColumns: survival, omissions: test.omissions))
        }

        private func located(_ error: InputError, _ data: SurvivalData) -> InputError {
            var error = error
            error.lineIsObservation = data.linesAreObservations
            return error
        }

        /// The library's refusal in the CLI's words, naming file and line where there is one.
        func words(_ failure: MetricFailure, test: SurvivalData, training: SurvivalData) -> Error {
            let t = { (x: Double) in NumberText.roundTrip(x) }
            switch failure {
            case let .badMarker(row):
                return located(InputError(file: test.source, line: Int(test.lines[row]), column: test.columnNumbers[marker],
                                          columnName: marker, message: "the marker must be a finite number"), test)
            case let .survivalOutOfRange(row, k):
                return located(InputError(file: test.source, line: Int(test.lines[row]), column: test.columnNumbers[survival[k]],
                                          columnName: survival[k],
                                          message: "predicted survival must lie in [0, 1], got \(t(test.covariates[1 + k].values[row]))"), test)
            case let .beyondFollowUp(x):
                return UsageError("\(test.source): time \(t(x)) lies after the last time of the training data \(training.source) (\(t(training.time.max() ?? 0))), where its censoring distribution is undefined")
            case let .censoringZero(x):
                return UsageError("\(test.source): the censoring distribution of \(training.source) is zero at the event time \(t(x)): its inverse weight is infinite; use --tau or --times before it")
            case .noComparablePairs:
                return UsageError("\(test.source): no comparable pairs (no event before \(tau.map { "--tau \(t($0))" } ?? "the last time") with a later subject)")
            case let .timeOutsideFollowUp(x, first, last):
                return UsageError("--times \(t(x)) lies outside the follow-up of \(test.source): times must lie in [\(t(first)), \(t(last)))")
            case let .noCasesOrControls(x):
                return UsageError("--times \(t(x)): \(test.source) has no events by then or nobody event-free after it, so AUC(t) is undefined")
            case .noTimes, .timesNotIncreasing:
                return UsageError("--times must be strictly increasing")
            case let .badTau(x):
                return UsageError("--tau must be finite, not \(t(x))")
            }
        }
    }
}
