import ArgumentParser
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
                --trend adds the test for trend across the ordered groups (scores 1..k in level order, \
                or --scores). With two groups, z = (O-E)/sqrt(V) of the first level is also reported.
                """)

        @OptionGroup var data: DataOptions

        @Option(help: "Fleming-Harrington rho (>= 0): weight S(t-)^rho; 0 is the log-rank test, 1 R's survdiff(rho = 1).")
        var rho: Double = 0

        @Option(help: "Fleming-Harrington gamma (>= 0): weight (1 - S(t-))^gamma, emphasising late differences.")
        var gamma: Double = 0

        @Flag(help: "Also test for a trend across the groups in level order (scores 1, 2, ..., k).")
        var trend = false

        @Option(help: "Comma-separated trend scores, one per group in level order (implies --trend).",
                transform: CommaList.doubles)
        var scores: [Double]?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard data.group != nil else {
                throw ValidationError("--group is required: the log-rank test compares the groups of a column")
            }
            guard FlemingHarrington(rho: rho, gamma: gamma) != nil else {
                throw ValidationError("--rho and --gamma must be finite numbers >= 0 (got rho \(rho), gamma \(gamma))")
            }
        }

        func run() throws {
            let weights = FlemingHarrington(rho: rho, gamma: gamma)!
            let test = try LogRankTest(try data.load(), weights: weights)
            var trendTest: LogRankTrend?
            if trend || scores != nil {
                do {
                    trendTest = try test.statistics.trend(scores: scores)
                } catch {
                    throw UsageError("trend test on '\(test.groupColumn)' (levels \(test.groupLevels.joined(separator: ", "))): \(error)")
                }
            }
            try output.emit(LogRankReport(test: test, trend: trendTest), inputs: [data.data])
        }
    }
}
