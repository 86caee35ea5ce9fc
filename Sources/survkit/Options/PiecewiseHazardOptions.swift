import ArgumentParser

/// Piecewise-exponential hazards per arm, as `simulate` and `design` both take them:
/// `--hazard-times 0,6 --hazards-control 0.06,0.06 --hazards-treatment 0.06,0.02`.
struct PiecewiseHazardOptions: ParsableArguments {
    @Option(name: .customLong("hazard-times"), parsing: .unconditional,
            help: "Starts of piecewise hazard intervals, from 0 (e.g. 0,6).", transform: CommaList.doubles)
    var hazardTimes: [Double]?
    @Option(name: .customLong("hazards-control"), parsing: .unconditional,
            help: "Control hazard on each interval (instead of --median-control).", transform: CommaList.doubles)
    var hazardsControl: [Double]?
    @Option(name: .customLong("hazards-treatment"), parsing: .unconditional,
            help: "Treatment hazard on each interval (instead of --median-treatment / --hazard-ratio).",
            transform: CommaList.doubles)
    var hazardsTreatment: [Double]?
}
