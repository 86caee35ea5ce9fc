/// The discrimination and calibration of a prognostic model on test data, as `survkit
/// metrics` reports them: Harrell's C (R's `concordance`, as in a `coxph` fit), Uno's C
/// (scikit-survival's `concordance_index_ipcw`), and at chosen times the cumulative/dynamic
/// AUC with its mean (`cumulative_dynamic_auc`) and, when the model's predicted survival at
/// those times is given, the Brier score and its integral (`brier_score`,
/// `integrated_brier_score`). The censoring distribution Ĝ comes from the training data.
public struct PredictionMetrics: Sendable {
    /// Rows of test data.
    public let n: Int
    /// Events in the test data.
    public let events: Int
    /// Rows of training data that Ĝ was estimated from.
    public let trainingRows: Int
    /// Harrell's C of the marker (unweighted, no strata) with its infinitesimal-jackknife SE.
    public let harrell: Concordance
    /// Uno's C of the marker, truncated at τ if given.
    public let uno: UnoConcordance
    /// The evaluation times, ascending (empty when none were asked for).
    public let times: [Double]
    /// AUC(t) at `times` and the mean AUC; nil without times.
    public let auc: CumulativeDynamicAUC?
    /// BS(t) at `times`; nil without predicted survival.
    public let brier: [Double]?
    /// The integrated Brier score over `times`; nil without predicted survival or with one time.
    public let integratedBrier: Double?

    /// The survival data both metrics need.
    public struct Sample: Sendable {
        /// Follow-up times.
        public var time: [Double]
        /// Event indicators.
        public var event: [Bool]
        /// A sample of the given rows.
        public init(time: [Double], event: [Bool]) {
            precondition(time.count == event.count, "time and event differ in length")
            self.time = time
            self.event = event
        }
    }

    /// - Parameters:
    ///   - test: the data the model is judged on.
    ///   - marker: the risk marker per test row (higher = earlier event expected), e.g. a Cox
    ///     linear predictor.
    ///   - training: the data Ĝ is estimated from (often the test data itself).
    ///   - times: evaluation times, strictly increasing (may be empty).
    ///   - tau: Uno's truncation time, or nil.
    ///   - survival: `survival[k][i]`, the predicted S of test row i at `times[k]`, or nil.
    public init(test: Sample, marker: [Double], training: Sample, times: [Double], tau: Double?,
                survival: [[Double]]?) throws(MetricFailure) {
        precondition(marker.count == test.time.count, "one marker per test row")
        guard zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .timesNotIncreasing }
        if let bad = marker.firstIndex(where: { !$0.isFinite }) { throw .badMarker(row: bad) }
        n = test.time.count
        events = test.event.filter { $0 }.count
        trainingRows = training.time.count
        self.times = times
        harrell = Concordance.harrell(time: test.time, event: test.event, score: marker)
        guard harrell.concordant + harrell.discordant + harrell.tiedRisk > 0 else { throw .noComparablePairs }
        let g = CensoringSurvival(time: training.time, event: training.event)
        uno = try UnoConcordance.ipcw(censoring: g, time: test.time, event: test.event, marker: marker, tau: tau)
        auc = times.isEmpty ? nil
            : try CumulativeDynamicAUC.ipcw(censoring: g, time: test.time, event: test.event, times: times) { i, _ in marker[i] }
        guard let survival else {
            brier = nil
            integratedBrier = nil
            return
        }
        precondition(survival.count == times.count && survival.allSatisfy { $0.count == test.time.count }, "one survival column per time")
        for (k, column) in survival.enumerated() {
            if let i = column.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) { throw .survivalOutOfRange(row: i, time: k) }
        }
        do {
            let scores = try BrierScore.scores(censoring: g, time: test.time, event: test.event, times: times) { i, k in
                survival[k][i]
            }
            brier = scores
            integratedBrier = times.count >= 2 ? try BrierScore.integrated(times: times, scores: scores) : nil
        } catch {
            switch error {
            case .badTimes: throw .timesNotIncreasing
            case let .beyondFollowUp(t): throw .beyondFollowUp(t)
            }
        }
    }
}

extension Concordance {
    /// Harrell's C of `score` on unsorted, unweighted, unstratified data (R's
    /// `concordance(Surv(time, status) ~ score, reverse = TRUE)`).
    /// - Complexity: O(n log n).
    public static func harrell(time: [Double], event: [Bool], score: [Double]) -> Concordance {
        let order = RadixSort.order(time).map(Int.init)
        return harrell(time: order.map { time[$0] }, event: order.map { event[$0] },
                       weight: [Double](repeating: 1, count: time.count),
                       stratum: [Int32](repeating: 0, count: time.count), score: order.map { score[$0] },
                       cluster: nil, clusterCount: 0)
    }
}
