/// What the replicates of a group-sequential trial say look by look: how often the trial stopped
/// there for efficacy and for futility, the rejection probability accumulated through the look,
/// and the mean events and calendar time of the analyses that ended a trial there — the
/// simulated counterparts of ``DesignCharacteristics``' rejection and stopping probabilities
/// (rpact's `getSimulationSurvival` `rejectPerStage`, `futilityPerStage`).
///
/// Counted from the outcomes in replicate order, so one run and its merged shards agree.
public struct SequentialSimulationSummary: Sendable, Equatable {
    /// What happened at one look over the simulated trials.
    public struct Look: Sendable, Equatable {
        /// 1-based.
        public let look: Int
        /// Planned cumulative information rate t_k.
        public let informationRate: Double
        /// D_k, the events that trigger the look.
        public let plannedEvents: Int
        /// Efficacy critical value on the Z scale.
        public let criticalValue: Double
        /// u_k; nil at the last look and without futility bounds.
        public let futilityBound: Double?
        /// Trials that got to this look (its events reached, or stopped here short of them).
        public let reached: Int
        /// Trials that stopped here rejecting H0.
        public let efficacyStops: Int
        /// Trials that stopped here below the futility bound.
        public let futilityStops: Int
        /// Trials whose analysis was this look (any reason, the last look included).
        public let stops: Int
        /// Trials that ran out of events before this look (analysed here, not rejecting).
        public let eventsNotReached: Int
        /// Rejections at this look and before, over all replicates.
        public let cumulativeRejection: Double
        /// Mean events and calendar time of the analyses that ended a trial here; NaN if none did.
        public let meanEvents: Double
        /// Mean calendar time of the analyses that ended a trial at this look; NaN if none did.
        public let meanAnalysisTime: Double
        /// Replicates, for the proportions.
        let replicates: Int

        /// efficacyStops / replicates.
        public var efficacyProportion: Double { Double(efficacyStops) / Double(replicates) }
        /// futilityStops / replicates.
        public var futilityProportion: Double { Double(futilityStops) / Double(replicates) }
        /// stops / replicates.
        public var stoppingProportion: Double { Double(stops) / Double(replicates) }
    }

    /// One entry per look.
    public let looks: [Look]

    /// - Precondition: the plan has looks and the outcomes come from it.
    /// - Complexity: O(R + K) for R outcomes and K looks.
    public init(plan: SimulationPlan, outcomes: [ReplicateOutcome]) {
        let design = plan.looks!
        let K = design.count
        var efficacy = [Int](repeating: 0, count: K), futility = efficacy, stops = efficacy, notReached = efficacy
        var events = [Double](repeating: 0, count: K), times = events
        for o in outcomes {
            let k = Int(o.look) - 1
            precondition(k >= 0 && k < K, "an outcome of another plan")
            stops[k] += 1
            events[k] += Double(o.events)
            times[k] += o.analysisTime
            switch o.decision {
            case .efficacy: efficacy[k] += 1
            case .futility: futility[k] += 1
            case .none: if !o.reachedCut { notReached[k] += 1 }
            }
        }
        let R = outcomes.count
        var stoppedBefore = 0, rejected = 0
        var looks: [Look] = []
        for k in 0..<K {
            rejected += efficacy[k]
            looks.append(Look(
                look: k + 1, informationRate: design.informationRates[k], plannedEvents: plan.lookEvents[k],
                criticalValue: design.criticalValues[k], futilityBound: k < K - 1 ? design.futilityBounds?[k] : nil,
                reached: R - stoppedBefore, efficacyStops: efficacy[k], futilityStops: futility[k], stops: stops[k],
                eventsNotReached: notReached[k], cumulativeRejection: Double(rejected) / Double(R),
                meanEvents: stops[k] > 0 ? events[k] / Double(stops[k]) : .nan,
                meanAnalysisTime: stops[k] > 0 ? times[k] / Double(stops[k]) : .nan, replicates: R))
            stoppedBefore += stops[k]
        }
        self.looks = looks
    }
}
