internal import Foundation

/// What the replicates say together: power with its Monte Carlo standard error, and the
/// distribution of events, analysis time, patients enrolled by the analysis, dropouts and the
/// hazard-ratio estimates.
///
/// Computed from the outcomes in replicate order only (sums accumulate in that order), so one
/// run and the merge of its shards give the same bits.
public struct SimulationSummary: Sendable, Equatable {
    /// Mean, standard deviation (n − 1), extremes and quantiles of one quantity over the
    /// replicates where it is defined (finite).
    public struct Distribution: Sendable, Equatable {
        /// Replicates with a finite value.
        public let count: Int
        /// Mean over the replicates with a finite value.
        public let mean: Double
        /// Standard deviation (n − 1 denominator).
        public let standardDeviation: Double
        /// Smallest value.
        public let minimum: Double
        /// Largest value.
        public let maximum: Double
        /// At ``SimulationSummary/probabilities``, R's type 7.
        public let quantiles: [Double]
        /// exp(mean of log x), for positive ratios (the hazard ratios: the mean of their logs);
        /// NaN otherwise, and NaN for the analysis time and the counts of a simulation, whose
        /// reports show no geometric mean.
        public let geometricMean: Double

        /// - Complexity: O(n · quantiles).
        init(_ values: [Double]) {
            var finite = values.filter(\.isFinite)
            guard !finite.isEmpty else {
                count = 0
                mean = .nan; standardDeviation = .nan; minimum = .nan; maximum = .nan; geometricMean = .nan
                quantiles = SimulationSummary.probabilities.map { _ in .nan }
                return
            }
            var sum = 0.0, low = finite[0], high = finite[0], logSum = 0.0
            var positive = true
            for x in finite {
                sum += x
                if x < low { low = x }
                if x > high { high = x }
                if x > 0 { logSum += log(x) } else { positive = false }
            }
            // The second pass and the quantiles are the gathering path's (same operations).
            self = finite.withUnsafeMutableBufferPointer {
                Distribution(finite: $0, sum: sum, low: low, high: high, logSum: logSum, positive: positive)
            }
        }

        /// A ratio given by its logarithms: the distribution of `exp(logs)`, whose geometric
        /// mean is exp of the mean of the logarithms themselves (no `log(exp(x))` round trip),
        /// over the replicates whose ratio is finite (a log of −∞ gives a ratio of 0, finite,
        /// and no geometric mean).
        /// - Complexity: O(n · quantiles).
        init(logs: [Double]) {
            let values = logs.map { exp($0) }
            var finite: [Double] = []
            var sum = 0.0, low = Double.infinity, high = -Double.infinity, logSum = 0.0, positive = true
            for (x, l) in zip(values, logs) where x.isFinite {
                finite.append(x)
                sum += x
                if x < low { low = x }
                if x > high { high = x }
                if x > 0 { logSum += l } else { positive = false }
            }
            self = finite.withUnsafeMutableBufferPointer {
                Distribution(finite: $0, sum: sum, low: low, high: high, logSum: logSum, positive: positive)
            }
        }
    }

    /// The quantiles reported: 2.5%, 25%, 50%, 75%, 97.5%.
    public static let probabilities: [Double] = [0.025, 0.25, 0.5, 0.75, 0.975]

    /// Number of simulated trials.
    public let replicates: Int
    /// Trials whose log-rank test rejected.
    public let rejections: Int
    /// Event-driven trials that never reached their events.
    public let eventsNotReached: Int
    /// Events at the analysis.
    public let events: Distribution
    /// Treatment-arm events at the analysis.
    public let eventsTreatment: Distribution
    /// Calendar time of the analysis.
    public let analysisTime: Distribution
    /// Patients enrolled by the analysis.
    public let patients: Distribution
    /// Patients who dropped out by the analysis.
    public let dropouts: Distribution
    /// The log-rank hazard-ratio estimate (``SimulationPlan/hazardRatioEstimate(z:events:)``).
    public let hazardRatio: Distribution
    /// The Cox estimate exp(β̂), when the plan fits it.
    public let coxHazardRatio: Distribution?
    /// Look by look, for a group-sequential plan; nil for one analysis. Then `events` and
    /// `analysisTime` describe the analysis that ended each trial: their means are the expected
    /// events and the expected study duration.
    public let sequential: SequentialSimulationSummary?

    /// Rejections / replicates, rpact's `overallReject`.
    public var power: Double { Double(rejections) / Double(replicates) }

    /// Monte Carlo standard error of the power, √(p(1 − p)/R).
    public var powerStandardError: Double { (power * (1 - power) / Double(replicates)).squareRoot() }

    /// - Complexity: O(R) for R outcomes (quantiles by selection).
    public init(plan: SimulationPlan, outcomes: [ReplicateOutcome]) {
        precondition(!outcomes.isEmpty, "a summary needs replicates")
        replicates = outcomes.count
        let critical = plan.criticalValue
        var rejections = 0, notReached = 0
        if plan.looks != nil {
            // Rejected at some look; the decision was taken at the look's own critical value.
            for o in outcomes {
                if o.decision == .efficacy { rejections += 1 }
                if !o.reachedCut { notReached += 1 }
            }
            sequential = SequentialSimulationSummary(plan: plan, outcomes: outcomes)
        } else {
            for o in outcomes {
                if o.reachedCut { if plan.rejects(z: o.z, criticalValue: critical) { rejections += 1 } } else { notReached += 1 }
            }
            sequential = nil
        }
        self.rejections = rejections
        eventsNotReached = notReached
        // The quantities are independent: summarised side by side, each read from the outcomes
        // in one pass (``SummaryGathering``); each the same whatever runs it, so the result does
        // not depend on the threads.
        var quantities: [SummaryGathering.Quantity] = [.events, .eventsTreatment, .analysisTime, .patients,
                                                       .dropouts, .hazardRatio]
        if plan.cox { quantities.append(.coxHazardRatio) }
        let results = outcomes.withUnsafeBufferPointer {
            SummaryGathering(plan: plan, outcomes: $0).distributions(quantities)
        }
        events = results[0]
        eventsTreatment = results[1]
        analysisTime = results[2]
        patients = results[3]
        dropouts = results[4]
        hazardRatio = results[5]
        coxHazardRatio = plan.cox ? results[6] : nil
    }
}
