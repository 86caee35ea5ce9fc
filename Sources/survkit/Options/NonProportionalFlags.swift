import ArgumentParser
import TrialDesign

extension NonProportionalMethod: ExpressibleByArgument {}

/// `design`'s flags for hazards that need not be proportional (issue 13): piecewise hazards as
/// `simulate` takes them, a hazard ratio per piece, a delayed effect, cure fractions, the
/// method that solves for patients, the RMST's τ and the FH weight. Any of them makes the design a ``NonProportionalRequest``.
struct NonProportionalFlags: ParsableArguments {
    @OptionGroup var piecewise: PiecewiseHazardOptions
    @Option(name: .customLong("hazard-ratios"), parsing: .unconditional,
            help: "Treatment/control hazard ratio on each interval of --hazard-times.", transform: CommaList.doubles)
    var hazardRatios: [Double]?
    @Option(parsing: .unconditional, help: "Delayed effect: hazard ratio 1 for this long after entry, the stated effect after.")
    var delay: Double?
    @Option(name: [.customLong("cure-fraction"), .customLong("cure-fraction-control")], parsing: .unconditional,
            help: "Cured fraction of the control arm; medians and hazards are then those of the uncured.")
    var cureFractionControl: Double?
    @Option(name: .customLong("cure-fraction-treatment"), parsing: .unconditional,
            help: "Cured fraction of the treatment arm (default 0).")
    var cureFractionTreatment: Double?
    @Option(name: .customLong("nph-method"),
            help: "Non-proportional hazards: solve by \(NonProportionalMethod.allCases.map(\.rawValue).joined(separator: " or ")) (default logrank).")
    var method: NonProportionalMethod?
    @Option(parsing: .unconditional,
            help: "Restricted mean survival time to this time: needed by --nph-method rmst; with another method its power is reported too.")
    var tau: Double?
    @Option(name: .customLong("fh-rho"), parsing: .unconditional,
            help: "rho of the Fleming–Harrington weight S^rho (1 - S)^gamma for --nph-method fh (default 0); with another method its power is reported too.")
    var fhRho: Double?
    @Option(name: .customLong("fh-gamma"), parsing: .unconditional,
            help: "gamma of the Fleming–Harrington weight for --nph-method fh (default 0).")
    var fhGamma: Double?

    /// The flags as library options.
    var options: NonProportionalOptions {
        var o = NonProportionalOptions()
        o.hazardTimes = piecewise.hazardTimes
        o.hazardsControl = piecewise.hazardsControl
        o.hazardsTreatment = piecewise.hazardsTreatment
        o.hazardRatios = hazardRatios
        o.delay = delay
        o.cureFractionControl = cureFractionControl
        o.cureFractionTreatment = cureFractionTreatment
        o.method = method
        o.tau = tau
        o.fhRho = fhRho
        o.fhGamma = fhGamma
        return o
    }
}
