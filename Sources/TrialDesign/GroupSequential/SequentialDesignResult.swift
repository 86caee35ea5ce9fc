/// A solved group-sequential design: the maximum design (events and patients of the last look),
/// the boundaries, and per look the events, the expected calendar time and the patients entered,
/// with the expectations under H1 and H0 — rpact's `getSampleSizeSurvival` with `kMax > 1`.
///
/// Calendar quantities need the accrual and the follow-up; without them they are nil and
/// ``maximum``'s notes say what is missing.
public struct SequentialDesignResult: Sendable, Equatable {
    /// One look of the design.
    public struct Look: Sendable, Equatable {
        /// 1-based.
        public let look: Int
        /// Cumulative information rate t_k.
        public let informationRate: Double
        /// Efficacy critical value on the Z scale (per side when two-sided).
        public let criticalValue: Double
        /// Nominal one-sided level 1 − Φ(c).
        public let stageLevel: Double
        /// Alpha spent up to and including this look (rpact's `alphaSpent`).
        public let cumulativeAlphaSpent: Double
        /// Non-binding futility bound (nil at the last look and without futility spending).
        public let futilityBound: Double?
        /// Expected cumulative events at the look, t_k × maximum events (rpact's `eventsPerStage`).
        public let events: Double
        /// Whole events planned at the look: ⌈t_k × ⌈maximum events⌉⌉ (the last look: ⌈maximum events⌉).
        public let eventsPlanned: Int
        /// Calendar time at which the events are expected under H1 (rpact's `analysisTime`).
        public let analysisTime: Double?
        /// Evaluable patients entered by then (rpact's `numberOfSubjects`).
        public let patientsEvaluable: Double?
        /// Calendar time of the look under H0: both arms at the control hazard.
        public let analysisTimeNull: Double?
        /// Evaluable patients entered by the H0 look time.
        public let patientsEvaluableNull: Double?
        /// P(stop at this look rejecting H0) under H1: the alternative's boundary when solved for
        /// patients, follow-up or accrual time (rpact's getSampleSizeSurvival), either boundary
        /// when solved for power (rpact's getPowerSurvival).
        public let rejectionAlternative: Double
        /// Probability of rejecting H0 at this look under H0.
        public let rejectionNull: Double
        /// P(stop at this look for futility) under H1 and H0 (nil at the last look and without futility bounds).
        public let futilityAlternative: Double?
        /// Probability of stopping for futility at this look under H0; nil without futility bounds.
        public let futilityNull: Double?
        /// P(the trial ends at this look) under H1 and H0.
        public let stoppingAlternative: Double
        /// Probability of stopping at this look under H0.
        public let stoppingNull: Double
    }

    /// The design at its maximum: `eventsRequired` is the maximum events (fixed design × inflation
    /// factor), patients those that give them by the end of follow-up.
    public let maximum: DesignResult
    /// Events of the fixed (one-look) design with the same error rates (rpact's `eventsFixed`).
    public let fixedEvents: Double
    /// The efficacy and futility boundaries.
    public let boundaries: GroupSequentialBoundaries
    /// One entry per look.
    public let looks: [Look]
    /// Expected events at stopping under H1, under the midpoint θ/2 and under H0
    /// (rpact's `expectedEventsH1`, `expectedEventsH01`, `expectedEventsH0`).
    public let expectedEventsAlternative: Double
    /// Expected events at the drift halfway between H0 and H1.
    public let expectedEventsMidpoint: Double
    /// Expected events under H0 (rpact's `expectedEventsH0`).
    public let expectedEventsNull: Double
    /// Expected calendar time of the analysis that ends the trial, under H1 (rpact's
    /// `studyDurationH1`) and under H0 (`getPowerSurvival(hazardRatio = 1)`'s `studyDuration`).
    public let expectedStudyDurationAlternative: Double?
    /// Expected study duration under H0; nil without accrual and follow-up.
    public let expectedStudyDurationNull: Double?
    /// Expected evaluable patients entered when the trial ends, under H1 and H0.
    public let expectedPatientsAlternative: Double?
    /// Expected patients under H0; nil without accrual and follow-up.
    public let expectedPatientsNull: Double?

    /// Whether the design was solved for its power at given patients or events (rpact's
    /// getPowerSurvival) rather than for the patients, follow-up or accrual time of the target power.
    public var solvedForPower: Bool {
        let request = maximum.request
        return request.unknown == .power || (request.unknown == .accrualTime && request.patients != nil)
    }

    /// The group-sequential design (looks, spending, error rates).
    public var design: GroupSequentialDesign { boundaries.design }
    /// Maximum information over the fixed design's (rpact's `inflationFactor`).
    public var inflationFactor: Double { boundaries.characteristics.inflationFactor }
    /// ⌈maximum events⌉, the events of the final analysis; interim information fractions are
    /// observed events over this.
    public var maximumEvents: Int { maximum.events }
    /// The calendar time of the final analysis under H1 (accrual + follow-up).
    public var maximumStudyDuration: Double? { maximum.studyDuration }
}
