import ArgumentParser
import PlatformSupport
import SurvivalAnalysis
import SurvivalReports

extension SurvKit {
    /// `survkit rmst`: restricted mean survival time per group and its contrasts (survRM2's rmst2).
    struct RestrictedMeanCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rmst",
            abstract: "Restricted mean survival time per group, its difference and ratio (Uno et al. 2014, R's survRM2).",
            discussion: """
                RMST to --tau per group (area under the Kaplan-Meier curve, standard error as R's \
                print(survfit, rmean = tau)), the restricted mean time lost, and for every group against \
                the reference level (--reference GROUP or COL=GROUP, which relevels the data so it comes first; default the first level in sorted order) the difference and ratio of RMST and the ratio of RMTL with Wald \
                intervals and p-values, as survRM2's rmst2. --tau defaults to the smallest of the \
                groups' largest follow-up times.
                """)

        @OptionGroup var data: DataOptions

        @Option(help: "The horizon tau (> 0); default: the smallest of the groups' largest follow-up times.")
        var tau: Double?

        @Option(help: "Confidence level of the intervals, between 0 and 1.")
        var confLevel: Double = 0.95

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard data.group != nil else {
                throw ValidationError("--group is required: rmst compares the groups of a column")
            }
            guard data.strata.isEmpty else {
                throw ValidationError("--strata is not supported by rmst (survRM2 compares unstratified curves)")
            }
            guard confLevel > 0, confLevel < 1 else {
                throw ValidationError("--conf-level must lie strictly between 0 and 1, not \(NumberText.roundTrip(confLevel))")
            }
            if let tau, !(tau > 0 && tau.isFinite) {
                throw ValidationError("--tau must be a finite number > 0, not \(NumberText.roundTrip(tau))")
            }
        }

        func run() throws {
            AllocatorPolicy.keepLargeBlocksInHeap()
            let loaded = try data.load()
            let comparison: RestrictedMeanComparison
            do {
                comparison = try RestrictedMeanComparison(loaded, tau: tau, confidenceLevel: confLevel)
            } catch {
                throw UsageError("\(loaded.source): " + Self.words(error, column: data.group ?? "group"))
            }
            let report = RestrictedMeanReport(comparison)
            for w in report.warnings { Terminal.writeStandardError("survkit rmst: warning: \(w)\n") }
            try output.emit(report)
        }

        static func words(_ failure: RestrictedMeanComparison.Failure, column: String) -> String {
            switch failure {
            case .noGroupColumn: return "rmst needs a group column (--group COL)"
            case let .singleGroup(_, level):
                return "group column '\(column)' has only one level\(level.map { " ('\($0)')" } ?? "") in the rows used; rmst compares two or more groups"
            case .stratified: return "rmst does not take strata"
            case let .badTau(t): return "--tau must be finite, not \(NumberText.roundTrip(t))"
            case let .badConfidenceLevel(l): return "--conf-level must lie strictly between 0 and 1, not \(NumberText.roundTrip(l))"
            case let .tauNotPositive(t):
                return "the default tau (the smallest of the groups' largest times) is \(NumberText.roundTrip(t)); give --tau > 0"
            case let .unknownReference(level, levels):
                return "--reference '\(level)' is not a level of group column '\(column)' in the rows used (levels: \(levels.map { "'\($0)'" }.joined(separator: ", ")))"
            }
        }
    }
}
