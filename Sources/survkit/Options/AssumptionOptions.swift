import ArgumentParser
import SurvivalAnalysis
import TrialDesign

/// The trial assumptions `design` and `simulate` share, as flags and as a design file
/// (`--file`, YAML or JSON whose keys are these flag names; flags override it).
struct AssumptionOptions: ParsableArguments {
    @Option(help: "Design file (YAML or JSON) whose keys are these flag names; flags override it.")
    var file: String?

    @Option(name: .customLong("median-control"), parsing: .unconditional, help: "Median survival, control arm.")
    var medianControl: Double?
    @Option(name: .customLong("median-treatment"), parsing: .unconditional, help: "Median survival, treatment arm.")
    var medianTreatment: Double?
    @Option(name: .customLong("hazard-ratio"), parsing: .unconditional, help: "Hazard ratio treatment/control (instead of --median-treatment).")
    var hazardRatio: Double?
    @Option(parsing: .unconditional, help: "Total type I error (default 0.05), split over the sides.")
    var alpha: Double?
    @Option(parsing: .unconditional, help: "1 or 2 (default 2).")
    var sides: Int?
    @Option(help: "Allocation T:C, treatment:control (default 1:1).")
    var allocation: String?
    @Option(name: .customLong("accrual-time"), parsing: .unconditional, help: "Uniform accrual over this time.")
    var accrualTime: Double?
    @Option(name: .customLong("accrual-times"), parsing: .unconditional,
            help: "Piecewise accrual start times, from 0 (e.g. 0,6,18).", transform: CommaList.doubles)
    var accrualTimes: [Double]?
    @Option(name: .customLong("accrual-rates"), parsing: .unconditional,
            help: "Patients per time unit in each accrual piece; one rate per start time runs on until the patients are in.",
            transform: CommaList.doubles)
    var accrualRates: [Double]?
    @Option(name: .customLong("follow-up"), parsing: .unconditional, help: "Follow-up after accrual ends.")
    var followUp: Double?
    @Option(name: [.customLong("dropout"), .customLong("dropout-inflation")], parsing: .unconditional,
            help: "Dropout fraction inflating the patients: total = ceil(patients / (1 - d)).")
    var dropoutInflation: Double?
    @Option(name: .customLong("dropout-rate"), parsing: .unconditional, help: "Probability of dropping out by --dropout-time, both arms (exponential).")
    var dropoutProbability: Double?
    @Option(name: .customLong("dropout-rate-treatment"), parsing: .unconditional, help: "Dropout probability by --dropout-time, treatment arm.")
    var dropoutProbabilityTreatment: Double?
    @Option(name: .customLong("dropout-rate-control"), parsing: .unconditional, help: "Dropout probability by --dropout-time, control arm.")
    var dropoutProbabilityControl: Double?
    @Option(name: .customLong("dropout-time"), parsing: .unconditional, help: "The time the dropout rates refer to.")
    var dropoutTime: Double?

    /// The assumptions given as flags (nothing from the file). A new setting adds its `@Option`
    /// above and one line here; the file, the overrides and the echo follow from
    /// `DesignSettings.table`.
    func flagSettings() -> DesignSettings {
        var flags = DesignSettings()
        flags.medianControl = medianControl
        flags.medianTreatment = medianTreatment
        flags.hazardRatio = hazardRatio
        flags.alpha = alpha
        flags.sides = sides
        flags.allocation = allocation
        flags.accrualTime = accrualTime
        flags.accrualTimes = accrualTimes
        flags.accrualRates = accrualRates
        flags.followUp = followUp
        flags.dropoutInflation = dropoutInflation
        flags.dropoutProbability = dropoutProbability
        flags.dropoutProbabilityTreatment = dropoutProbabilityTreatment
        flags.dropoutProbabilityControl = dropoutProbabilityControl
        flags.dropoutTime = dropoutTime
        return flags
    }

    /// The design file's settings, or none without `--file`.
    func fileSettings() throws(InputError) -> DesignSettings {
        guard let file else { return DesignSettings() }
        return try DesignFile.load(path: file)
    }
}
