import Foundation
import ArgumentParser
import PlatformSupport
import SurvivalAnalysis
import SurvivalReports

extension SurvKit {
    /// `survkit logrank`: the k-group log-rank / Fleming–Harrington test, as R's `survdiff`.
    struct LogRankCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "logrank",
            abstract: "Log-rank test of equal survival across groups (R's survdiff), stratified and weighted.",
            discussion: """
                Compares the groups of --group with the chi-square (O-E)' V^- (O-E) on k-1 degrees of \
                freedom, as R's survdiff(Surv(time, event) ~ group + strata(...), rho). --strata sums \
                observed, expected and variance over strata. --rho/--gamma give the Fleming-Harrington \
                G(rho, gamma) weights S(t-)^rho (1 - S(t-))^gamma with S the pooled Kaplan-Meier \
                just before each event time (within each stratum); --rho 1 is survdiff(rho = 1). \
                --one-sample tests a single arm against a historical hazard (no --group). \
                --maxcombo adds the MaxCombo test of two groups (see docs/logrank.md). \
                --weights-scheme picks another weight: gehan, tarone-ware, peto-peto, peto-prentice or \
                modified-peto (see docs/logrank.md). \
                --trend adds the test for trend across the ordered groups (scores 1..k in level order, \
                or --scores). With two groups, z = (O-E)/sqrt(V) of the first level is also reported.
                """)

        @OptionGroup var data: DataOptions

        @Option(help: "Fleming-Harrington rho (>= 0): weight S(t-)^rho; 0 is the log-rank test, 1 R's survdiff(rho = 1).")
        var rho: Double = 0

        @Option(help: "Fleming-Harrington gamma (>= 0): weight (1 - S(t-))^gamma, emphasising late differences.")
        var gamma: Double = 0

        @Option(name: .customLong("weights-scheme"),
                help: "Another weight function: gehan (n at risk), tarone-ware (sqrt n), peto-peto (S(t-), = --rho 1), peto-prentice (prod(1 - d/(n+1))), modified-peto (that times n/(n+1)).")
        var weightsScheme: String?

        @Flag(help: "Also run the MaxCombo test (two groups): max of standardised FH(0,0), FH(0,1), FH(1,0), FH(1,1), p-value from their joint normal law.")
        var maxcombo = false

        @Option(name: .customLong("maxcombo-set"),
                help: "The MaxCombo components as rho:gamma pairs, e.g. 0:0,0:1 (implies --maxcombo; 2 to 6 pairs).",
                transform: MaxComboSet.parse)
        var maxcomboSet: [FlemingHarrington]?

        @Flag(name: .customLong("one-sample"),
              help: "One-sample log-rank test of a single arm (no --group) against a historical hazard: --median-historical or --historical-hazards.")
        var oneSample = false

        @Option(name: .customLong("median-historical"), help: "With --one-sample: the historical control's median (exponential).")
        var medianHistorical: Double?

        @Option(name: .customLong("historical-hazards"),
                help: "With --one-sample: piecewise-exponential historical hazards, one more than --historical-hazard-times.",
                transform: CommaList.doubles)
        var historicalHazards: [Double]?

        @Option(name: .customLong("historical-hazard-times"),
                help: "With --one-sample: the cut points (increasing, > 0) of --historical-hazards.",
                transform: CommaList.doubles)
        var historicalHazardTimes: [Double]?

        @Flag(name: .customLong("wu-variance"),
              help: "With --one-sample: report Wu (2015)'s (O-E)/sqrt((O+E)/2) as the main statistic instead of (O-E)/sqrt(E).")
        var wuVariance = false

        @Flag(help: "Also test for a trend across the groups in level order (scores 1, 2, ..., k).")
        var trend = false

        @Option(help: "Comma-separated trend scores, one per group in level order (implies --trend).",
                transform: CommaList.doubles)
        var scores: [Double]?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if oneSample { return try validateOneSample() }
            guard medianHistorical == nil, historicalHazards == nil, historicalHazardTimes == nil, !wuVariance else {
                throw ValidationError("--median-historical, --historical-hazards, --historical-hazard-times and --wu-variance go with --one-sample")
            }
            guard data.group != nil else {
                throw ValidationError("--group is required: the log-rank test compares the groups of a column")
            }
            guard FlemingHarrington(rho: rho, gamma: gamma) != nil else {
                throw ValidationError("--rho and --gamma must be finite numbers >= 0 (got rho \(rho), gamma \(gamma))")
            }
            if let weightsScheme {
                guard LogRankWeightScheme(name: weightsScheme) != nil else {
                    let names = LogRankWeightScheme.named.map(\.name).joined(separator: ", ")
                    throw ValidationError("--weights-scheme '\(weightsScheme)' is not one of \(names)")
                }
                guard rho == 0 && gamma == 0 else {
                    throw ValidationError("--weights-scheme and --rho/--gamma both choose the weights; give one of them")
                }
            }
        }

        func validateOneSample() throws {
            guard data.group == nil, data.strata.isEmpty else {
                throw ValidationError("--one-sample tests a single arm: drop --group and --strata (filter the rows to the arm first)")
            }
            guard !maxcombo, maxcomboSet == nil, !trend, scores == nil, weightsScheme == nil, rho == 0, gamma == 0 else {
                throw ValidationError("--one-sample does not combine with --maxcombo, --trend, --weights-scheme or --rho/--gamma")
            }
            guard (medianHistorical == nil) != (historicalHazards == nil) else {
                throw ValidationError("--one-sample needs the historical control: give --median-historical M or --historical-hazards h1,h2,...")
            }
            if historicalHazardTimes != nil && historicalHazards == nil {
                throw ValidationError("--historical-hazard-times goes with --historical-hazards")
            }
            _ = try historical()
        }

        /// The historical hazard of the flags; the library's failure worded with the flag names.
        func historical() throws -> HistoricalHazard {
            do {
                if let medianHistorical { return try HistoricalHazard(median: medianHistorical) }
                return try HistoricalHazard(times: historicalHazardTimes ?? [], hazards: historicalHazards ?? [])
            } catch {
                switch error {
                case let .countMismatch(t, h):
                    throw ValidationError("--historical-hazards needs one more value than --historical-hazard-times (got \(h) hazards, \(t) times)")
                case .badTimes:
                    throw ValidationError("--historical-hazard-times must be finite, > 0 and increasing")
                case .badHazards:
                    throw ValidationError(medianHistorical != nil ? "--median-historical must be a finite number > 0"
                                          : "--historical-hazards must be finite and >= 0, the last > 0")
                }
            }
        }

        func run() throws {
            AllocatorPolicy.keepLargeBlocksInHeap()
            if let start = data.start {
                // R's survdiff refuses (start, stop] data; the log-rank test there is the score
                // test of coxph(..., ties = "exact"), which LogRankTest computes. Weighted and
                // one-sample variants would need a left-truncated KM and are refused.
                guard !oneSample, !maxcombo, maxcomboSet == nil, weightsScheme == nil, rho == 0, gamma == 0 else {
                    throw UsageError("logrank --start \(start): only the unweighted (k-group, stratified) log-rank test is available on (start, stop] data; drop --one-sample, --maxcombo, --weights-scheme and --rho/--gamma")
                }
            }
            if oneSample {
                let loaded = try data.loadDetailed()
                let sample = loaded.data
                guard sample.rowsUsed > 0 else { throw UsageError("\(sample.source): no rows to test") }
                let test = OneSampleLogRank(time: sample.time, event: sample.event, historical: try historical())
                try output.emit(OneSampleLogRankReport(test, historical: try historical(), wuVariance: wuVariance,
                                                       source: sample.source, timeColumn: sample.spec.time,
                                                       eventColumn: sample.spec.event, omissions: sample.omissions),
                                notes: data.notes(loaded))
                return
            }
            let loaded = try data.loadDetailed()
            var survival = loaded.data
            // With --reference on the group, the reference goes last so that the two-group z is
            // that of the other level against it (the table lists the reference last).
            if let group = data.group, let group0 = survival.group, group0.levels.count > 1,
               data.reference.contains(where: { (try? DataOptions.referencePair($0, group: group).column) == group }) {
                survival.group = group0.relevel(group0.levels[0], toEnd: true)
            }
            let scheme = weightsScheme.flatMap(LogRankWeightScheme.init(name:))
                ?? .flemingHarrington(FlemingHarrington(rho: rho, gamma: gamma)!)
            let test = try LogRankTest(survival, scheme: scheme)
            var trendTest: LogRankTrend?
            if trend || scores != nil {
                do {
                    trendTest = try test.statistics.trend(scores: scores)
                } catch {
                    throw UsageError("trend test on '\(test.groupColumn)' (levels \(test.groupLevels.joined(separator: ", "))): \(error)")
                }
            }
            var combo: MaxComboTest?
            if maxcombo || maxcomboSet != nil {
                do {
                    combo = try MaxComboTest(survival, components: maxcomboSet ?? MaxComboTest.defaultComponents)
                } catch {
                    throw UsageError("\(test.source): MaxCombo test on '\(test.groupColumn)': " + MaxComboSet.words(error))
                }
            }
            try output.emit(LogRankReport(test: test, trend: trendTest, maxCombo: combo), notes: data.notes(loaded), inputs: [data.data])
        }
    }
}

/// Parsing and wording for `--maxcombo-set`.
enum MaxComboSet {
    /// "0:0,0:1,1:0" → the Fleming–Harrington components.
    static func parse(_ text: String) throws -> [FlemingHarrington] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let rho = Double(parts[0].trimmingCharacters(in: .whitespaces)),
                  let gamma = Double(parts[1].trimmingCharacters(in: .whitespaces)),
                  let w = FlemingHarrington(rho: rho, gamma: gamma) else {
                throw ValidationError("--maxcombo-set: '\(pair)' is not rho:gamma with finite numbers >= 0 (e.g. 0:0,0:1,1:0,1:1)")
            }
            return w
        }
    }

    static func words(_ failure: MaxComboTest.Failure) -> String {
        switch failure {
        case let .componentCount(m):
            return "it combines 2 to \(MaxComboTest.maximumComponents) weights, --maxcombo-set gave \(m)"
        case let .repeatedComponent(w):
            return "--maxcombo-set repeats \(w)"
        case let .groupCount(k):
            return "it compares exactly 2 groups, the data have \(k)"
        case let .noVariance(w):
            return "\(w) has zero variance in these data (no event with weight > 0 while both groups were at risk)"
        }
    }
}
