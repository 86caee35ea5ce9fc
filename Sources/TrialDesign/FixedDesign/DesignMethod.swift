/// How the number of events or patients is derived from the effect.
public enum DesignMethod: String, CaseIterable, Sendable, Equatable {
    /// Schoenfeld (1983): events from the log hazard ratio (rpact `typeOfComputation = "Schoenfeld"`).
    case schoenfeld
    /// Freedman (1982): events from the hazard ratio (rpact `typeOfComputation = "Freedman"`).
    case freedman
    /// Lachin & Foulkes (1986): patients from the hazard difference, with accrual and losses.
    case lachinFoulkes = "lachin-foulkes"

    /// The name people read ("Schoenfeld", "Freedman", "Lachin-Foulkes").
    public var title: String {
        switch self {
        case .schoenfeld: return "Schoenfeld"
        case .freedman: return "Freedman"
        case .lachinFoulkes: return "Lachin-Foulkes"
        }
    }
}
