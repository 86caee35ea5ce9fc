/// Power and type I error of one further test (``SimulationTest``) over the replicates: the
/// share of trials whose p-value is at most α under the scenario and under the null, each with
/// its Monte Carlo standard error √(p(1 − p)/R).
public struct TestSummary: Sendable, Equatable {
    /// The test.
    public let test: SimulationTest
    /// Number of simulated trials.
    public let replicates: Int
    /// Trials rejected under the scenario.
    public let rejections: Int
    /// Trials rejected under the null.
    public let nullRejections: Int

    /// Rejections / replicates under the scenario.
    public var power: Double { Double(rejections) / Double(replicates) }
    /// Monte Carlo SE of ``power``.
    public var powerStandardError: Double { (power * (1 - power) / Double(replicates)).squareRoot() }
    /// Rejections / replicates under the null.
    public var typeIError: Double { Double(nullRejections) / Double(replicates) }
    /// Monte Carlo SE of ``typeIError``.
    public var typeIErrorStandardError: Double { (typeIError * (1 - typeIError) / Double(replicates)).squareRoot() }

    /// The summaries of every test of `run`, in the plan's order.
    /// - Parameters:
    ///   - plan: the plan simulated (its alpha decides).
    ///   - run: the replicates with their tests' p-values.
    /// - Complexity: O(replicates · tests), summed in replicate order.
    public static func summaries(plan: SimulationPlan, run: TestedReplicates) -> [TestSummary] {
        let m = run.tests.count
        let replicates = run.outcomes.count
        return run.tests.enumerated().map { k, test in
            var yes = 0, nullYes = 0
            for r in 0..<replicates {
                if plan.rejects(pValue: run.scenario[r * m + k]) { yes += 1 }
                if plan.rejects(pValue: run.null[r * m + k]) { nullYes += 1 }
            }
            return TestSummary(test: test, replicates: replicates, rejections: yes, nullRejections: nullYes)
        }
    }
}
