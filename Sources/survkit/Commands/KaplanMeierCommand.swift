import ArgumentParser
import PlatformSupport
import SurvivalAnalysis
import SurvivalReports

extension ConfidenceType: ExpressibleByArgument {}
extension SurvivalEstimator: ExpressibleByArgument {}
extension SimultaneousBandKind: ExpressibleByArgument {}

extension SurvKit {
    /// `survkit km`: Kaplan–Meier (or Nelson–Aalen) curves per group, as R's `survfit`.
    /// Parses, validates, calls ``KaplanMeierAnalysis`` and renders ``KaplanMeierReport``.
    struct KaplanMeierCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "km",
            abstract: "Kaplan–Meier survival curves with confidence intervals, medians and quantiles (R's survfit).",
            discussion: """
                One curve per value of --group; with --strata, one curve per combination of the strata \
                columns (and of the group), as R's survfit(Surv(time, event) ~ group + s1 + s2). The table \
                has a row per distinct time with an event or a censoring, as summary(fit, censored = TRUE); \
                std_err is the Greenwood standard error of S(t) (with --id, or non-integer --weights, R's \
                infinitesimal jackknife where survfit uses it). Medians and quantiles are R's \
                quantile(fit, probs); --tau gives the restricted mean as print(fit, rmean = tau).
                """)

        @OptionGroup var data: DataOptions

        @Option(help: "Scale of the pointwise confidence intervals, as R's conf.type.")
        var confType: ConfidenceType = .log

        @Option(help: "Confidence level of the intervals, between 0 and 1.")
        var confLevel: Double = 0.95

        @Option(help: "Comma-separated times (>= 0) at which to read the curves, as R's summary(fit, times = ...).",
                transform: CommaList.doubles)
        var times: [Double]?

        @Option(help: "Comma-separated probabilities in [0, 1] of the quantiles to report, e.g. 0.25,0.5,0.75.",
                transform: CommaList.doubles)
        var quantiles: [Double]?

        @Option(help: "Upper limit of the restricted mean survival time (>= 0).")
        var tau: Double?

        @Option(help: "Product-limit (Kaplan–Meier), or the Nelson–Aalen cumulative hazard with survival exp(-H) (R's stype = 2, ctype = 1).")
        var estimator: SurvivalEstimator = .kaplanMeier

        @Flag(help: "Reverse Kaplan–Meier (censorings as events, as survfit(Surv(time, 1 - status))): its median is the median follow-up (JSON median_follow_up).")
        var reverse = false

        @Option(help: "Column of case weights (finite, > 0), as survfit(..., weights = w): weighted n.risk, n.event, survival and its standard error (Greenwood, or the jackknife for non-integer weights).")
        var weights: String?

        @Option(help: "Add a simultaneous confidence band to each curve (Klein & Moeschberger 4.4, SAS LIFETEST CONFBAND=), on the --conf-type scale (plain, log, log-log or arcsin), at --conf-level: columns band_lower, band_upper. --conf-band only shades the pointwise interval in --plot.")
        var band: SimultaneousBandKind?

        @Option(name: .customLong("band-range"), help: "LOW,HIGH: times the band covers, inside each curve's event times (default: from the first to the last event time with S(t) > 0, as SAS).",
                transform: CommaList.doubles)
        var bandRange: [Double]?

        @OptionGroup var output: OutputOptions

        @OptionGroup var figure: PlotOptions

        func validate() throws {
            guard confLevel > 0, confLevel < 1 else {
                throw ValidationError("--conf-level must lie strictly between 0 and 1, not \(NumberText.roundTrip(confLevel))")
            }
            if let bad = times?.first(where: { $0 < 0 }) {
                throw ValidationError("--times must be >= 0, not \(NumberText.roundTrip(bad))")
            }
            if let bad = quantiles?.first(where: { !($0 >= 0 && $0 <= 1) }) {
                throw ValidationError("--quantiles must lie in [0, 1], not \(NumberText.roundTrip(bad))")
            }
            if let range = bandRange {
                guard band != nil else { throw ValidationError("--band-range goes with --band hall-wellner|equal-precision") }
                guard range.count == 2, range.allSatisfy(\.isFinite), range[0] >= 0, range[0] < range[1] else {
                    throw ValidationError("--band-range must be LOW,HIGH with 0 <= LOW < HIGH, not \(range.map(NumberText.roundTrip).joined(separator: ","))")
                }
            }
            if band != nil {
                guard SimultaneousBandTransform(confType) != nil else {
                    throw ValidationError("--band needs --conf-type plain, log, log-log or arcsin (Klein & Moeschberger give no logit band), not \(confType.rawValue)")
                }
                guard weights == nil, data.start == nil, data.id == nil, estimator == .kaplanMeier, times == nil else {
                    throw ValidationError("--band goes with the unweighted right-censored Kaplan–Meier table: not (yet) with --weights, --start, --id, --estimator nelson-aalen or --times")
                }
            }
            if let tau, !(tau >= 0 && tau.isFinite) {
                throw ValidationError("--tau must be a finite number >= 0, not \(NumberText.roundTrip(tau))")
            }
        }

        func run() throws {
            AllocatorPolicy.keepLargeBlocksInHeap()
            let loaded = try data.loadDetailed(weights: weights, subjectWithoutStart: true)
            let survival = loaded.data
            var options = KaplanMeierOptions(estimator: estimator, confidenceType: confType,
                                             confidenceLevel: confLevel, times: times,
                                             quantiles: quantiles, tau: tau)
            options.reverse = reverse
            var analysis = KaplanMeierAnalysis(survival, options: options)
            if let band, let transform = SimultaneousBandTransform(confType) {
                do {
                    try analysis.addSimultaneousBands(band, transform: transform, low: bandRange?[0], high: bandRange?[1])
                } catch {
                    throw UsageError("\(data.data): " + Self.words(error, groupColumn: data.group))
                }
            }
            try output.emit(KaplanMeierReport(analysis, call: call), notes: data.notes(loaded), inputs: [data.data])
            if let path = figure.plot {
                try FigureFile.write(KaplanMeierPlot.figure(analysis, data: survival, options: figure,
                                                            timeUnit: data.outputUnit?.rawValue).svg(), to: path)
            }
        }

        /// One line for a band that cannot be built, naming the curve.
        static func words(_ error: CurveBandError, groupColumn: String?) -> String {
            let curve = error.curve.map { label in groupColumn.map { "\($0)=\(label)" } ?? label } ?? "the curve"
            switch error.reason {
            case let .rangeOutsideData(low, high, first, last):
                return "--band-range \(NumberText.roundTrip(low)),\(NumberText.roundTrip(high)) is not inside the event times of \(curve), from \(NumberText.roundTrip(first)) to \(NumberText.roundTrip(last)) (the last with S(t) > 0)"
            case .noEvents:
                return "no simultaneous band for \(curve): it needs events at two distinct times with S(t) > 0"
            }
        }

        /// The command in canonical form (options that differ from their defaults), for the report.
        var call: String {
            var parts = ["survkit km", data.data]
            if let member = data.member { parts += ["--member", member] }
            for f in data.filters { parts += ["--where", "'\(f)'"] }
            if let time = data.time { parts += ["--time", time] } else {
                parts += ["--start-date", data.startDate ?? "", "--end-date", data.endDate ?? ""]
            }
            if let event = data.event { parts += ["--event", event] }
            if let censor = data.censor { parts += ["--censor", censor] }
            if let start = data.start { parts += ["--start", start] }
            if let id = data.id { parts += ["--id", id] }
            if let u = data.timeUnit { parts += ["--time-unit", u.rawValue] }
            if let u = data.reportUnit { parts += ["--report-unit", u.rawValue] }
            if let group = data.group { parts += ["--group", group] }
            if !data.strata.isEmpty { parts += ["--strata", data.strata.joined(separator: ",")] }
            for r in data.reference { parts += ["--reference", r] }
            if estimator != .kaplanMeier { parts += ["--estimator", estimator.rawValue] }
            if confType != .log { parts += ["--conf-type", confType.rawValue] }
            if confLevel != 0.95 { parts += ["--conf-level", NumberText.roundTrip(confLevel)] }
            func list(_ xs: [Double]) -> String { xs.map(NumberText.roundTrip).joined(separator: ",") }
            if let times { parts += ["--times", list(times)] }
            if let quantiles { parts += ["--quantiles", list(quantiles)] }
            if let tau { parts += ["--tau", NumberText.roundTrip(tau)] }
            if reverse { parts.append("--reverse") }
            if let weights { parts += ["--weights", weights] }
            if let band { parts += ["--band", band.rawValue] }
            if let bandRange { parts += ["--band-range", bandRange.map(NumberText.roundTrip).joined(separator: ",")] }
            return parts.joined(separator: " ")
        }
    }
}
