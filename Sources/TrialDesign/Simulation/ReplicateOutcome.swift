/// What one simulated trial gives at its analysis.
public struct ReplicateOutcome: Sendable, Equatable {
    /// False when an event-driven analysis never reached its events (too much dropout or too few
    /// patients); such a trial is analysed when the last outcome is known and does not reject.
    public var reachedCut: Bool
    // Declared here, so that they fill the padding after `reachedCut` (48 bytes in all).
    /// Why a group-sequential trial stopped at its analysis (``LookDecision/none`` in a fixed design).
    public var decision: LookDecision
    /// The look whose analysis this is (1-based) in a group-sequential trial — the one it
    /// stopped at; 0 in a fixed design.
    public var look: Int32
    /// Calendar time of the analysis, from the first patient's entry.
    public var analysisTime: Double
    /// Patients enrolled by the analysis.
    public var patients: Int32
    /// Events at the analysis, both arms.
    public var events: Int32
    /// Events at the analysis in the treatment arm.
    public var eventsTreatment: Int32
    /// Dropouts observed by the analysis.
    public var dropouts: Int32
    /// Log-rank z of the treatment arm, `(O_T − E_T)/√V` (negative favours treatment); NaN
    /// without events.
    public var z: Double
    /// Cox log hazard ratio (treatment vs control); NaN when not fitted or not estimable.
    public var coxLogHazardRatio: Double

    /// One simulated trial's outcome, as the simulator records it.
    public init(reachedCut: Bool, analysisTime: Double, patients: Int32, events: Int32, eventsTreatment: Int32,
                dropouts: Int32, z: Double, coxLogHazardRatio: Double, look: Int32 = 0,
                decision: LookDecision = .none) {
        self.reachedCut = reachedCut
        self.analysisTime = analysisTime
        self.patients = patients
        self.events = events
        self.eventsTreatment = eventsTreatment
        self.dropouts = dropouts
        self.z = z
        self.coxLogHazardRatio = coxLogHazardRatio
        self.look = look
        self.decision = decision
    }

    /// Byte-for-byte equality, NaN included (for reproducibility checks).
    public func isIdentical(to other: ReplicateOutcome) -> Bool {
        reachedCut == other.reachedCut && analysisTime.bitPattern == other.analysisTime.bitPattern
            && patients == other.patients && events == other.events && eventsTreatment == other.eventsTreatment
            && dropouts == other.dropouts && z.bitPattern == other.z.bitPattern
            && coxLogHazardRatio.bitPattern == other.coxLogHazardRatio.bitPattern
            && look == other.look && decision == other.decision
    }
}
