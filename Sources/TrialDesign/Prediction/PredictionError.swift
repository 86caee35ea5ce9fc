/// Why an event prediction cannot be made from the data and settings given. The library names
/// no flag: the CLI words each case (`survkit predict`).
public enum PredictionError: Error, Equatable, Sendable {
    /// No events in an arm (or in the pooled data): the event-time model cannot be fitted.
    case noEvents(arm: String?)
    /// An event at time 0 has no Weibull density (log t is −∞).
    case eventAtTimeZero(arm: String?)
    /// The Weibull likelihood has no finite maximum (e.g. every event at the same time).
    case shapeNotEstimable(arm: String?)
    /// The target is not above the events already observed.
    case targetReached(target: Int, observed: Int)
    /// Even if every patient still followed and every patient still to enrol had an event, the
    /// target would not be reached.
    case unreachable(target: Int, observed: Int, atRisk: Int, toEnrol: Int)
    /// No patient is still followed and none is to enrol.
    case nobodyAtRisk
    /// With the dropout model, too few simulated continuations reach the target for the upper
    /// prediction bound to exist: more than (1 − level)/2 of them lose so many patients to
    /// dropout that the target is never reached. `reached` is the share that reach it.
    case unreachableByDropout(target: Int, reached: Double, level: Double)
    /// replicates × (patients still followed + patients to enrol) is over
    /// ``PredictionSettings/maximumSimulatedPatients``: refused before anything is simulated.
    case tooManySimulatedPatients(replicates: Int, atRisk: Int, toEnrol: Int)
}
