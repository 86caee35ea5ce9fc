/// A scenario grid for `survkit simulate --grid hazard-ratio=0.3:0.8:0.05`: one design setting
/// varied over a range, every scenario simulated with the same replicates and seed, so the power
/// curve shows what the assumptions do to the trial with its Monte Carlo error beside it.
///
/// Every scenario uses the same seed (common random numbers, as in simulation studies that compare
/// designs: Morris, White & Crowther 2019, *Stat Med* 38:2074, §5.3): differences between
/// neighbouring scenarios are then far less noisy than each power alone, and the curve is smooth.
public struct ScenarioGrid: Sendable, Equatable {
    /// The settings a grid may vary: the assumptions a designer doubts.
    public enum Axis: String, CaseIterable, Sendable {
        case hazardRatio = "hazard-ratio", medianTreatment = "median-treatment", medianControl = "median-control"
        case patients, events, accrualTime = "accrual-time", followUp = "follow-up"
        case dropoutRate = "dropout-rate"
    }

    /// The most scenarios one grid may have (each is a whole simulation).
    public static let maximumScenarios = 1_000

    /// The setting varied.
    public let axis: Axis
    /// Its values, in the order given.
    public let values: [Double]

    /// Parses `NAME=FROM:TO:STEP` (or `NAME=v1;v2;…`, or one value); NAME is an ``Axis``.
    /// - Complexity: O(values).
    public init(parsing text: String) throws(DesignError) {
        let pair = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard pair.count == 2, let axis = Axis(rawValue: pair[0].trimmingCharacters()) else {
            let names = Axis.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalid("the scenario grid '\(text)' is not NAME=FROM:TO:STEP with NAME one of \(names)")
        }
        let spec = pair[1].trimmingCharacters()
        var values: [Double] = []
        if spec.contains(";") {
            for item in spec.split(separator: ";", omittingEmptySubsequences: false) {
                guard let v = Double(item.trimmingCharacters()), v.isFinite else {
                    throw .invalid("scenario grid value '\(item)' is not a number")
                }
                values.append(v)
            }
        } else {
            values = try SensitivityGrid.range(spec)
        }
        guard values.count <= ScenarioGrid.maximumScenarios else {
            throw .invalid("the scenario grid has more than \(ScenarioGrid.maximumScenarios) scenarios")
        }
        self.axis = axis
        self.values = values
    }

    /// `base` with the grid's setting at `value`. A value that states the treatment effect
    /// replaces the other form of it (a hazard ratio drops a median-treatment and vice versa);
    /// a uniform accrual time drops piecewise accrual; a common dropout rate drops per-arm rates
    /// (the dropout time is kept).
    public func settings(_ base: DesignSettings, at value: Double) -> DesignSettings {
        var s = base
        switch axis {
        case .hazardRatio: s.medianTreatment = nil; s.hazardRatio = value
        case .medianTreatment: s.hazardRatio = nil; s.medianTreatment = value
        case .medianControl: s.medianControl = value
        case .patients: s.patients = value
        case .events: s.events = value
        case .accrualTime: s.accrualTimes = nil; s.accrualRates = nil; s.accrualTime = value
        case .followUp: s.followUp = value
        case .dropoutRate:
            s.dropoutProbabilityTreatment = nil; s.dropoutProbabilityControl = nil; s.dropoutInflation = nil
            s.dropoutProbability = value
        }
        return s
    }
}

/// One scenario's simulated operating characteristics.
public struct ScenarioResult: Sendable, Equatable {
    /// The value of the grid's setting.
    public let value: Double
    /// The summary of the scenario's replicates.
    public let summary: SimulationSummary
    /// The plan simulated.
    public let plan: SimulationPlan

    /// The 95% Monte Carlo interval of the power, p ± z₀.₉₇₅·SE clipped to [0, 1] (the Wald
    /// interval of a binomial proportion, as simulation studies report it).
    public var powerInterval: (lower: Double, upper: Double) {
        let z = 1.959963984540054, p = summary.power, se = summary.powerStandardError
        return (max(0, p - z * se), min(1, p + z * se))
    }
}

/// The simulations of a ``ScenarioGrid``: one ``SimulationSummary`` per scenario.
public struct ScenarioGridRun: Sendable {
    /// The grid simulated.
    public let grid: ScenarioGrid
    /// Replicates and seed, the same for every scenario.
    public let settings: MonteCarloSettings
    /// One result per grid value, in the grid's order.
    public let scenarios: [ScenarioResult]

    /// Simulates every scenario of `grid` from `base` (the flags and design file of the run).
    /// - Throws: ``DesignError`` naming the scenario whose settings are invalid.
    /// - Complexity: O(scenarios · replicates · patients log patients), parallel over `threads`.
    public init(grid: ScenarioGrid, base: DesignSettings, options: SimulationOptions,
                settings: MonteCarloSettings, threads: Int) throws(DesignError) {
        var scenarios: [ScenarioResult] = []
        for value in grid.values {
            let plan: SimulationPlan
            do {
                plan = try SimulationPlan(settings: grid.settings(base, at: value), options: options)
            } catch {
                throw DesignError(error.kind, "scenario \(grid.axis.rawValue) = \(value.roundTripText): " + error.text)
            }
            let outcomes = MonteCarlo.run(plan: plan, seed: settings.seed, range: 0..<settings.replicates, threads: threads)
            scenarios.append(ScenarioResult(value: value, summary: SimulationSummary(plan: plan, outcomes: outcomes), plan: plan))
        }
        self.grid = grid
        self.settings = settings
        self.scenarios = scenarios
    }
}
