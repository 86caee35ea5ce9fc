/// "What if hazards are not proportional": the power of a fixed number of patients under
/// proportional hazards, a delayed effect and a cure fraction in both arms, analytic (the
/// at-risk log-rank and AHR methods of ``NonProportionalSolver``) beside simulated (`simulate`
/// with the same model, seeded, so a report built from it is the same bytes every time).
public struct NonProportionalScenarios: Sendable {
    /// One assumption's row.
    public struct Row: Sendable {
        /// What is assumed, for people.
        public let label: String
        /// Expected events at the analysis.
        public let expectedEvents: Double
        /// gsDesign2's average hazard ratio.
        public let averageHazardRatio: Double
        /// Power by the at-risk (Lakatos-type) log-rank method.
        public let powerLogRank: Double
        /// Power by the AHR method.
        public let powerAverageHazardRatio: Double
        /// Simulated log-rank power and its Monte Carlo SE.
        public let simulatedPower: Double
        /// Monte Carlo SE of ``simulatedPower``.
        public let simulatedStandardError: Double
    }

    /// The rows: proportional hazards, the delay, the cure fraction.
    public let rows: [Row]
    /// Patients enrolled.
    public let patients: Int
    /// Uniform accrual time.
    public let accrualTime: Double
    /// Follow-up after the last entry, to the analysis.
    public let followUp: Double
    /// The delay assumed (HR 1 before it).
    public let delay: Double
    /// The cure fraction assumed in both arms.
    public let cureFraction: Double
    /// Replicates and seed of the simulations.
    public let settings: MonteCarloSettings

    /// Computes the three scenarios from a design's effect (medians or hazard ratio, alpha, sides,
    /// allocation) with uniform accrual.
    /// - Parameters:
    ///   - base: the design's settings (its accrual, analysis and dropout are replaced).
    ///   - patients: patients enrolled.
    ///   - accrualTime: uniform accrual over this time.
    ///   - followUp: the analysis this long after the last entry.
    ///   - delay: the delayed effect's HR-1 period.
    ///   - cureFraction: the cured fraction of both arms (medians are the uncured's).
    ///   - settings: replicates and seed of each simulation.
    ///   - threads: simulation workers (the result does not depend on it).
    /// - Complexity: three designs and three simulations of `settings.replicates` trials.
    public init(base: DesignSettings, patients: Int, accrualTime: Double, followUp: Double, delay: Double = 3,
                cureFraction: Double = 0.3, settings: MonteCarloSettings, threads: Int) throws(DesignError) {
        var s = base
        s.accrualTime = accrualTime
        s.followUp = followUp
        s.patients = Double(patients)
        s.events = nil
        s.solve = .power
        s.method = nil; s.grid = nil; s.dropoutInflation = nil
        s.sequential = SequentialSettings()
        var delayed = NonProportionalOptions(), cured = NonProportionalOptions()
        delayed.delay = delay
        cured.cureFractionControl = cureFraction
        cured.cureFractionTreatment = cureFraction
        let scenarios: [(String, NonProportionalOptions)] = [
            ("proportional hazards", NonProportionalOptions()),
            ("effect only after \(delay.roundTripText) months", delayed),
            ("\(Int((cureFraction * 100).rounded()))% cured in both arms", cured),
        ]
        var rows: [Row] = []
        for (label, options) in scenarios {
            let result = try NonProportionalSolver.solve(s.nonProportionalRequest(options: options))
            var simulation = SimulationOptions()
            simulation.delay = options.delay
            simulation.cureFractionControl = options.cureFractionControl
            simulation.cureFractionTreatment = options.cureFractionTreatment
            let plan = try SimulationPlan(settings: s, options: simulation)
            let summary = SimulationSummary(plan: plan, outcomes: MonteCarlo.run(
                plan: plan, seed: settings.seed, range: 0..<settings.replicates, threads: threads))
            rows.append(Row(label: label, expectedEvents: result.eventsControl + result.eventsTreatment,
                            averageHazardRatio: result.averageHazardRatio, powerLogRank: result.powerLogRank,
                            powerAverageHazardRatio: result.powerAverageHazardRatio, simulatedPower: summary.power,
                            simulatedStandardError: summary.powerStandardError))
        }
        self.rows = rows
        self.patients = patients
        self.accrualTime = accrualTime
        self.followUp = followUp
        self.delay = delay
        self.cureFraction = cureFraction
        self.settings = settings
    }
}
