import ArgumentParser
import SurvivalAnalysis
import SurvivalReports

extension SurvregDistribution: ExpressibleByArgument {}

extension SurvKit {
    /// `survkit survreg`: parametric accelerated failure time models, matched to R's `survreg`.
    struct Survreg: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "survreg",
            abstract: "Parametric survival (AFT) regression by maximum likelihood, as R's survreg.",
            discussion: """
                Terms: numeric --covariates and categorical --factors (treatment contrasts, first level \
                in sorted order as reference); --group, if given, is added as a factor. --strata gives \
                each stratum its own scale (R's strata() in survreg). --arm-check fits exponential and \
                Weibull models in each --group and tests a constant hazard.
                """)

        @OptionGroup var data: DataOptions

        @Option(help: "Comma-separated numeric covariate columns.", transform: CommaList.strings)
        var covariates: [String] = []

        @Option(help: "Comma-separated categorical columns (treatment contrasts).", transform: CommaList.strings)
        var factors: [String] = []

        @Option(help: "Distribution: \(SurvregDistribution.allCases.map(\.rawValue).joined(separator: ", ")).")
        var dist: SurvregDistribution = .weibull

        @Option(help: "Column of case weights (> 0).")
        var weights: String?

        @Flag(help: "Robust (sandwich) standard errors, as R's survreg(robust = TRUE).")
        var robust = false

        @Option(help: "Column of cluster identifiers for clustered robust variance (implies --robust).")
        var cluster: String?

        @Option(name: .customLong("conf-level"), help: "Confidence level of the intervals.")
        var confLevel: Double = 0.95

        @Option(help: "Convergence: relative change of the log-likelihood (R's rel.tolerance).")
        var eps: Double = 1e-9

        @Option(name: .customLong("max-iterations"), help: "Newton-Raphson iteration limit (R's iter.max).")
        var maxIterations: Int = 30

        @Option(help: "Predict time quantiles for these values, e.g. \"age=60,sex=2\" (R's predict(type = \"quantile\")).")
        var predict: String?

        @Option(help: "Comma-separated probabilities for --predict (default 0.5, the median).",
                transform: CommaList.doubles)
        var quantiles: [Double] = [0.5]

        @Flag(name: .customLong("arm-check"),
              help: "Per --group: exponential vs Weibull likelihood-ratio test and the constant hazard with its CI.")
        var armCheck = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard confLevel > 0, confLevel < 1 else { throw ValidationError("--conf-level must lie in (0, 1)") }
            guard eps > 0, eps.isFinite else { throw ValidationError("--eps must be a positive number") }
            guard maxIterations >= 0 else { throw ValidationError("--max-iterations must be 0 or more") }
            guard quantiles.allSatisfy({ $0 > 0 && $0 < 1 }) else {
                throw ValidationError("--quantiles must lie in (0, 1)")
            }
            if armCheck && data.group == nil { throw ValidationError("--arm-check needs --group") }
            if let predict { _ = try Cox.parseAssignments(predict) }
        }

        func run() throws {
            let allFactors = factors + (data.group.map { factors.contains($0) ? [] : [$0] } ?? [])
            let dataSet = try data.load(covariates: covariates, factors: allFactors, weights: weights, cluster: cluster)
            let options = SurvregOptions(distribution: dist, eps: eps, maxIterations: maxIterations,
                                         robust: robust, confidenceLevel: confLevel)
            do {
                let model = try SurvregModel.fit(dataSet, options: options)
                var prediction: SurvregPrediction?
                if let predict {
                    do {
                        prediction = try model.predictQuantiles(try Cox.parseAssignments(predict), probabilities: quantiles)
                    } catch let e as CoxPredictionError {
                        throw UsageError("--predict: \(e.description)")
                    }
                }
                var check: ExponentialCheck?
                if armCheck, let name = data.group, let group = dataSet.factors.first(where: { $0.name == name })?.factor {
                    check = try ExponentialCheck(dataSet, group: group, confidenceLevel: confLevel)
                }
                try output.emit(SurvregReport(model: model, prediction: prediction, check: check))
            } catch let e as SurvregError {
                throw UsageError("\(data.data): \(e.description)")
            }
        }
    }
}
