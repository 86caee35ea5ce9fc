import ArgumentParser
import SurvivalAnalysis
import SurvivalReports

extension CoxTies: ExpressibleByArgument {}
extension CoxZphTransform: ExpressibleByArgument {}

extension SurvKit {
    /// `survkit cox`: Cox proportional hazards regression, matched to R's `coxph`.
    struct Cox: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cox",
            abstract: "Cox proportional hazards regression by Newton-Raphson, as R's coxph.",
            discussion: """
                Terms: numeric --covariates and categorical --factors (treatment contrasts: the first \
                level in sorted order is the reference; terms are named factor=level). --group, if \
                given, is added as a factor. --strata gives each stratum its own baseline hazard.
                Robust (sandwich) variance is used with --robust, with --cluster, and, as in R, when \
                the weights are not whole numbers.
                """)

        @OptionGroup var data: DataOptions

        @Option(help: "Comma-separated numeric covariate columns.", transform: CommaList.strings)
        var covariates: [String] = []

        @Option(help: "Comma-separated categorical columns (treatment contrasts).", transform: CommaList.strings)
        var factors: [String] = []

        @Option(help: "How tied event times enter the partial likelihood (default: efron as R; breslow with --firth).")
        var ties: CoxTies?

        @Option(help: "Column of case weights (> 0).")
        var weights: String?

        @Flag(help: "Robust (sandwich) standard errors, as R's coxph(robust = TRUE); with --start and --id, clustered on --id.")
        var robust = false

        @Option(help: "Column of cluster identifiers for clustered robust variance (implies --robust).")
        var cluster: String?

        @Option(name: .customLong("conf-level"), help: "Confidence level of the exp(coef) intervals.")
        var confLevel: Double = 0.95

        @Option(help: "Convergence: relative change of the log partial likelihood (R's eps).")
        var eps: Double = CoxSettings.rDefault.eps

        @Option(name: .customLong("max-iterations"), help: "Newton-Raphson iteration limit (R's iter.max).")
        var maxIterations: Int = CoxSettings.rDefault.maxIterations

        @Option(help: "Write martingale and deviance residuals per row to this CSV file (atomically).")
        var residuals: String?

        @Option(help: "Predicted survival for these values, e.g. \"age=60,sex=2,ph.ecog=1\" (as R's survfit(fit, newdata)).")
        var predict: String?

        @Flag(help: "Test proportional hazards per term and globally (R's cox.zph, KM transform).")
        var zph = false

        @Option(help: "Competing risks: --event holds 0 = censored, 1..k = causes; model this cause (other causes censored: cause-specific hazards).")
        var cause: String?

        @Flag(name: .customLong("fine-gray"), help: "With --cause: the Fine-Gray subdistribution hazards model (cmprsk::crr) instead of the cause-specific one.")
        var fineGray = false

        @Option(name: .customLong("censor-value"), help: "With --cause: the --event label that means censored (the column then holds labels).")
        var censorValue: String?

        @Option(help: "Add the term tt(COL) = COL * log(t) for this numeric covariate, the proportional-hazards check of R's coxph(... + tt(COL), tt = function(x, t, ...) x * log(t)).")
        var tt: String?

        @Option(name: .customLong("transform"), help: "Time transform of --zph: km (default), rank, identity or log (R's cox.zph transform=).")
        var zphTransform: CoxZphTransform = .km

        @Option(help: "Write the variance-covariance matrix (and the model-based one when robust) to this CSV file (atomically).")
        var vcov: String?

        @Option(help: "Report the baseline cumulative hazard at the covariate means with these increments: breslow or efron (R's survfit(fit, ctype = 1 | 2)).")
        var baseline: CoxTies?

        @Option(help: "Write score, dfbeta and dfbetas residuals per row and term to this CSV file (atomically; R's residuals(fit, type=)).")
        var influence: String?

        @Option(name: .customLong("baseline-file"),
                help: "Write the baseline hazard at the covariate means (stratum, time, n_risk, n_event, hazard, cumhaz, survival) to this CSV file (atomically; R's survfit(fit) / basehaz(fit)); increments as --baseline, default the fit's ties.")
        var baselineFile: String?

        @Option(help: "Write Schoenfeld and scaled Schoenfeld residuals per event and term to this CSV file (atomically; R's residuals(fit, \"schoenfeld\" | \"scaledsch\")).")
        var schoenfeld: String?

        @OptionGroup var extras: CoxExtraOptions

        @OptionGroup var output: OutputOptions

        func validate() throws {
            try validateCompeting()
            guard !(covariates.isEmpty && factors.isEmpty && data.group == nil) else {
                throw ValidationError("give at least one --covariates or --factors column")
            }
            guard confLevel > 0, confLevel < 1 else { throw ValidationError("--conf-level must lie in (0, 1)") }
            guard eps > 0, eps.isFinite else { throw ValidationError("--eps must be a positive number") }
            guard maxIterations >= 0 else { throw ValidationError("--max-iterations must be 0 or more") }
            if let predict { _ = try Cox.parseAssignments(predict) }
            if let tt {
                guard covariates.contains(tt) else { throw ValidationError("--tt \(tt): give '\(tt)' in --covariates too (tt(x) = x * log(t) is added to the terms)") }
                guard !zph, predict == nil, residuals == nil else { throw ValidationError("--tt does not go with --zph, --predict or --residuals") }
            }
            if schoenfeld != nil && (extras.ridge != nil || extras.firth || extras.offset != nil || data.start != nil || tt != nil) {
                throw ValidationError("--schoenfeld is not available with --ridge, --firth, --offset, --start or --tt (not compared with R yet): drop one of them")
            }
            if (baseline != nil || baselineFile != nil) && (extras.ridge != nil || extras.firth || extras.offset != nil) {
                throw ValidationError("\(baseline != nil ? "--baseline" : "--baseline-file") cannot be combined with --ridge, --firth or --offset: drop one of them")
            }
            try extras.validate(covariates: covariates, factors: factors, ties: ties, weights: weights != nil,
                                robust: robust || cluster != nil,
                                zph: zph, predict: predict != nil,
                                residuals: residuals != nil || influence != nil)
            if data.start != nil || tt != nil, extras.ridge != nil || extras.firth || extras.offset != nil {
                throw ValidationError("--ridge, --firth and --offset are not available with --start or --tt yet: drop one of them")
            }
        }

        @OptionGroup var figure: PlotOptions

        func run() throws {
            if cause != nil {
                if data.start != nil { throw UsageError("cox --cause: competing risks on (start, stop] data (--start) are not supported; drop --start") }
                if extras.ridge != nil || extras.firth || extras.offset != nil || baseline != nil || vcov != nil || influence != nil || tt != nil || schoenfeld != nil || baselineFile != nil {
                    throw UsageError("cox --cause: --ridge, --firth, --offset, --baseline, --vcov, --influence, --schoenfeld, --baseline-file and --tt are not available with competing risks; drop them")
                }
                return try runCompeting()
            }
            let allFactors = factors + (data.group.map { factors.contains($0) ? [] : [$0] } ?? [])
            if data.start != nil, zph || predict != nil {
                throw UsageError("cox --start: --zph and --predict are not available for (start, stop] data yet")
            }
            // (start, stop] data with several rows per subject: the robust variance is clustered
            // on the subject (--id), as coxph(..., cluster = id), unless --cluster says otherwise.
            let clusterColumn = cluster ?? (robust && data.start != nil ? data.id : nil)
            let loaded = try data.loadDetailed(covariates: covariates + extras.offsetColumns, factors: allFactors,
                                               weights: weights, cluster: clusterColumn)
            var dataSet = loaded.data
            if let tt { dataSet = try dataSet.timeTransformed(covariate: tt) }
            var options = CoxOptions(ties: ties ?? (extras.firth ? .breslow : .efron), settings: CoxSettings(eps: eps, maxIterations: maxIterations),
                                     robust: robust, confidenceLevel: confLevel)
            let model = try extras.fit(&dataSet, options: &options)
            var prediction: CoxPrediction?
            if let predict {
                do { prediction = try model.predictSurvival(try Cox.parseAssignments(predict)) } catch let e as CoxPredictionError {
                    throw UsageError("--predict: \(e.description)")
                }
            }
            if zph && zphTransform == .log,
               let bad = dataSet.time.indices.first(where: { dataSet.event[$0] && !(dataSet.time[$0] > 0) }) {
                throw UsageError("\(dataSet.source):\(dataSet.lines[bad]): --transform log needs event times > 0, got \(dataSet.time[bad]): use another transform")
            }
            var report = CoxReport(model: model, zph: zph ? model.proportionalHazardsTest(transform: zphTransform) : nil,
                                   prediction: prediction)
            report.baseline = baseline.map { model.baselineHazard(estimator: $0) }
            // --residuals and --output are committed together or not at all.
            var sideFiles = residuals.map { [(CoxResidualsTable(data: dataSet, residuals: model.residuals()).csv(), $0)] } ?? []
            if let influence {
                sideFiles.append((CoxInfluenceTable(data: dataSet, model: model, influence: model.influence()).csv(), influence))
            }
            if let vcov { sideFiles.append((CoxVarianceTable(model: model).csv(), vcov)) }
            if let baselineFile {
                sideFiles.append((CoxBaselineTable(model.baselineHazard(estimator: baseline)).csv(), baselineFile))
            }
            if let schoenfeld {
                sideFiles.append((CoxSchoenfeldTable(data: dataSet, model: model, residuals: model.schoenfeldResiduals()).csv(),
                                  schoenfeld))
            }
            try output.emit(report, notes: data.notes(loaded), inputs: [data.data], sideFiles: sideFiles)
            if let path = figure.plot, zph {
                // --zph --plot: R's plot(cox.zph(fit)) panels instead of the forest plot.
                let residuals = model.scaledSchoenfeldResiduals(transform: zphTransform)
                try FigureFile.write(CoxZphFigure(residuals: residuals, smooths: residuals.smooths(),
                                                  ticks: residuals.axisTicks(), title: figure.title).svg(), to: path)
            } else if let path = figure.plot {
                let rows = model.coefficients.filter { !$0.aliased }.map {
                    ForestFigure.Row(term: $0.term, estimate: $0.expCoef, lower: $0.lower, upper: $0.upper)
                }
                try FigureFile.write(ForestFigure(rows: rows, confidenceLevel: confLevel, title: figure.title).svg(), to: path)
            }
        }

        /// "age=60,sex=2" → [("age", "60"), ("sex", "2")].
        static func parseAssignments(_ text: String) throws -> [(name: String, value: String)] {
            try CommaList.strings(text).map { item in
                guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                    throw ValidationError("--predict: '\(item)' is not of the form name=value")
                }
                let name = String(item[..<eq]).trimmingSpaces()
                let value = String(item[item.index(after: eq)...]).trimmingSpaces()
                guard !value.isEmpty else { throw ValidationError("--predict: no value for '\(name)'") }
                return (name, value)
            }
        }
    }
}
