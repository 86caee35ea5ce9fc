import Foundation
import Testing
import TestSupport

/// `survkit logrank` on the options of scripts/fixtures/differential2.R: `--weights-scheme` (every
/// scheme) and `--rho/--gamma` with γ > 0 against a first-principles weighted log-rank (Klein &
/// Moeschberger §7.3, whose Fleming–Harrington path reproduces `survdiff(rho)` to 1e-12 in the
/// script), and `--start` ((start, stop] data) against the risk-set formula, which the script checks
/// against `coxph(..., ties = "exact")`'s score test.
@Suite struct DifferentialLogRank2Tests {
    static let statistics = DifferentialTable("logrank.csv", directory: "differential2")
    static let groups = DifferentialTable("logrank_groups.csv", directory: "differential2")
    static let runs = DifferentialRun.load("logrank", directory: "differential2")

    @Test(arguments: runs.filter { !$0.arguments.contains("--start") })
    func weightedMatchesFirstPrinciples(_ run: DifferentialRun) throws {
        try DifferentialLogRankTests.check(run, statistics: Self.statistics, groups: Self.groups)
    }

    @Test(arguments: runs.filter { $0.arguments.contains("--start") })
    func countingProcessMatchesExactScoreTest(_ run: DifferentialRun) throws {
        try DifferentialLogRankTests.check(run, statistics: Self.statistics, groups: Self.groups)
    }
}
