/// What to predict and how: the target, the accrual still to come, the models and the simulation.
public struct PredictionSettings: Sendable {
    /// D: the cumulative number of events whose calendar time is predicted.
    public var targetEvents: Int
    /// Patients still to enrol after the cut.
    public var patientsToEnrol: Int = 0
    /// Their rate of entry (patients per unit of time); entries form a Poisson process from the
    /// cut, or are evenly spaced with ``evenAccrual``.
    public var accrualRate: Double = 0
    /// New patients enter evenly spaced, the j-th at cut + j/rate (the deterministic accrual of
    /// a design), instead of as a Poisson process (random gaps Exp(rate)).
    public var evenAccrual = false
    /// The event-time law fitted to the data.
    public var model: EventTimeModel = .exponential
    /// Fit an exponential dropout hazard to the dropouts and apply it to future follow-up
    /// (false: no patient drops out after the cut).
    public var dropoutModel = false
    /// Draw each replicate's parameters from their asymptotic normal law (false: use the MLE
    /// in every replicate — the plug-in prediction, without parameter uncertainty).
    public var parameterUncertainty = true
    /// Coverage of the prediction intervals (central, by quantiles of the replicates).
    public var intervalLevel = 0.9
    /// Calendar times at which the events expected are reported.
    public var atTimes: [Double] = []
    /// Simulated replicates.
    public var replicates = 4000
    /// The most replicates: each keeps a few numbers (the target's date, the counts at `atTimes`),
    /// so 10^7 replicates hold hundreds of MB; 2^63 − 1 segfaulted and 10^11 aborted asking for 800 GB.
    public static let maximumReplicates = 10_000_000
    /// The most patient continuations a prediction simulates: replicates × (patients still
    /// followed + patients to enrol). Every replicate draws every such patient and keeps its
    /// sorted event times until the quantiles and the curve are read, so both the time and
    /// the memory grow linearly with the product (8 bytes a patient: 2 GB at this limit).
    /// `--patients-to-enrol 10000000` with 100 replicates asked for 8 GB
    /// and ran for minutes. The work cannot shrink without changing the draws: each event time
    /// is a draw of its own.
    public static let maximumSimulatedPatients = 250_000_000
    /// Seed of the streams: replicate r draws from stream (seed, r), as `simulate` does.
    public var seed: UInt64 = 1
    /// Worker threads; the result does not depend on it.
    public var threads = 1
    /// Probability that a new patient joins each arm (unblinded data); nil: the arms' shares
    /// of the patients at the cut.
    public var allocation: [Double]?
    /// The end of the predicted-events curve (nil: a little past the upper prediction bound).
    public var horizon: Double?
    /// Points on the predicted-events curve.
    public var curvePoints = 101

    /// Settings for target `targetEvents`, the rest at their defaults.
    public init(targetEvents: Int) { self.targetEvents = targetEvents }
}
