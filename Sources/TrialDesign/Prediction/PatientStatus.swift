/// Where a patient stands at the data cut, for event prediction.
public enum PatientStatus: Sendable, Equatable {
    /// The event happened by the cut: counted, not simulated.
    case event
    /// Followed up to the cut without the event: the event (or a dropout) is still to come.
    case atRisk
    /// Left the study before the cut (lost to follow-up, withdrawn): never has the event.
    case dropout
}
