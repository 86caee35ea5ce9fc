import SurvivalAnalysis

/// What an interim analysis needs from the trial's design: the group-sequential design (looks,
/// spending, error rates), the planned maximum events the information fraction is counted
/// against, and the effect and allocation the trial was planned for (conditional power under
/// the design's hazard ratio, rpact's `thetaH1` and `allocationRatioPlanned`).
public struct InterimPlan: Sendable, Equatable {
    /// The group-sequential design (looks, spending, error rates).
    public let design: GroupSequentialDesign
    /// Events of the final analysis; an interim's information fraction is its events over these.
    public let maximumEvents: Int
    /// The hazard ratio (treatment : control) the design assumes.
    public let hazardRatio: Double
    /// Planned n_T/n_C.
    public let allocationRatio: Double

    /// - Complexity: O(1).
    public init(design: GroupSequentialDesign, maximumEvents: Int, hazardRatio: Double,
                allocationRatio: Double) throws(GroupSequentialError) {
        guard maximumEvents >= 1 else { throw .invalidParameter("the planned maximum events must be at least 1, got \(maximumEvents)") }
        guard hazardRatio.isFinite, hazardRatio > 0, hazardRatio != 1 else {
            throw .invalidParameter("the design's hazard ratio must be positive and not 1, got \(hazardRatio)")
        }
        guard allocationRatio.isFinite, allocationRatio > 0 else {
            throw .invalidParameter("the planned allocation ratio must be positive, got \(allocationRatio)")
        }
        self.design = design
        self.maximumEvents = maximumEvents
        self.hazardRatio = hazardRatio
        self.allocationRatio = allocationRatio
    }

    /// The plan of a solved group-sequential design: its maximum events rounded up.
    /// - Complexity: O(1).
    public init(_ result: SequentialDesignResult) throws(GroupSequentialError) {
        try self.init(design: result.design, maximumEvents: result.maximumEvents,
                      hazardRatio: result.maximum.hazardRatio,
                      allocationRatio: result.maximum.request.assumptions.allocation.ratio)
    }

    /// The side of 1 the design's hazard ratio lies on; the interim Z is positive on that side.
    public var direction: HazardRatioDirection { hazardRatio < 1 ? .belowOne : .aboveOne }

    /// The observation of a two-arm comparison at this look, its Z signed in favour of the
    /// design's alternative: the log-rank Z is positive when the treatment has more events than
    /// expected, so a design expecting a hazard ratio below 1 takes −Z (as rpact's
    /// `directionUpper = FALSE`).
    /// - Complexity: O(1).
    public func observation(of comparison: ArmComparison) throws(GroupSequentialError) -> InterimObservation {
        try InterimObservation(events: comparison.events, z: direction == .belowOne ? -comparison.z : comparison.z,
                               allocationRatio: comparison.allocationRatio)
    }
}

/// The data at the current look: its events, its log-rank Z signed in favour of the design's
/// alternative (positive = treatment better when the design assumes a hazard ratio below 1), and
/// the observed allocation n_T/n_C.
public struct InterimObservation: Sendable, Equatable {
    /// Events observed at the current look.
    public let events: Int
    /// Log-rank Z at the current look, positive in favour of the design's alternative.
    public let z: Double
    /// Observed allocation n_T/n_C.
    public let allocationRatio: Double

    /// - Complexity: O(1).
    public init(events: Int, z: Double, allocationRatio: Double) throws(GroupSequentialError) {
        guard events >= 1 else { throw .invalidParameter("no events at the interim: the log-rank statistic is undefined") }
        guard z.isFinite else { throw .invalidParameter("the log-rank statistic is not finite") }
        guard allocationRatio.isFinite, allocationRatio > 0 else {
            throw .invalidParameter("both arms need patients (observed allocation ratio \(allocationRatio))")
        }
        self.events = events
        self.z = z
        self.allocationRatio = allocationRatio
    }
}

/// What the boundaries say at a look.
public enum InterimDecision: String, Sendable, CaseIterable {
    /// Z stays between the bounds: go on to the next look.
    case continueTrial = "continue"
    /// Z reached the efficacy bound: H0 is rejected (at the final look too).
    case efficacy = "stop-for-efficacy"
    /// Z fell to the non-binding futility bound: the trial may stop for futility.
    case futility = "stop-for-futility"
    /// Two-sided designs: Z reached the lower bound, H0 rejected with the treatment worse.
    case harm = "stop-for-harm"
    /// The final look without crossing: H0 is not rejected.
    case finalNotRejected = "final-not-rejected"
}

extension DesignSettings {
    /// The plan an interim analysis reads from a design file: the group-sequential design and
    /// its maximum events (those of ``SequentialDesignSolver``, rounded up), with `previous`
    /// looks replacing the file's `previous-looks` when given. Only the maximum events matter
    /// here, so the settings that ask another design question (`solve`, `patients`, `events`,
    /// `grid`) are set aside. Nil when the design has no looks.
    /// - Throws: ``DesignError`` for settings that do not fit, ``GroupSequentialError`` from the
    ///   boundaries (``GroupSequentialError/isInputError`` tells the user's input from a
    ///   numerical failure).
    /// - Complexity: the solve of the design, O(K·m²) per root-finding step.
    public func interimPlan(previous: [PreviousLook]? = nil) throws -> (plan: InterimPlan, previous: [PreviousLook])? {
        var s = self
        s.solve = nil
        s.patients = nil
        s.events = nil
        s.grid = nil
        if let previous { s.sequential.previousLooks = previous }
        guard let design = try s.sequentialDesign() else { return nil }
        let plan = try InterimPlan(SequentialDesignSolver.solve(s.request(), design: design))
        return (plan, s.sequential.previousLooks ?? [])
    }
}
