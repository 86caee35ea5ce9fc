import GSLSupport

/// The expected number of events of a trial by calendar time: `N · P(event by τ)` for `N`
/// evaluable patients entering over the accrual, with the per-arm event and dropout hazards
/// (``EventProbability``; patients who have not entered by τ count as no event yet, as rpact's
/// `.getEventProbabilities`). An event-driven look is expected at the τ where the curve reaches
/// the look's events — rpact's `analysisTime` of `getSampleSizeSurvival` and `getPowerSurvival`.
public struct ExpectedEventCurve: Sendable, Equatable {
    /// Evaluable patients N.
    public let patients: Double
    /// Exponential hazard of the treatment arm.
    public let hazardTreatment: Double
    /// Exponential hazard of the control arm.
    public let hazardControl: Double
    /// Treatment:control allocation of the entering patients.
    public let allocation: Allocation
    /// Exponential dropout hazards per arm.
    public let dropout: ExponentialDropout
    let pieces: [Accrual.Piece]

    /// The curve of `patients` entering over `accrual` with the given arms' hazards.
    /// - Parameters:
    ///   - patients: N, the evaluable patients enrolled by the end of accrual.
    ///   - hazardTreatment: the treatment arm's exponential event hazard λ₁, per time unit
    ///     (rpact's `lambda1`).
    ///   - hazardControl: the control arm's exponential event hazard λ₂, per time unit
    ///     (rpact's `lambda2`).
    ///   - allocation: treatment:control ratio of the entering patients (rpact's `allocationRatioPlanned`).
    ///   - dropout: the per-arm exponential dropout hazards (rpact's `dropoutRate1/2` over `dropoutTime`).
    ///   - accrual: the entry intensity (rpact's `accrualTime` and `accrualIntensity`).
    ///   - accrualEnd: when entry ends: the closed accrual's end, or the time an open accrual
    ///     reaches N patients.
    /// - Complexity: O(accrual pieces).
    public init(patients: Double, hazardTreatment: Double, hazardControl: Double, allocation: Allocation,
                dropout: ExponentialDropout, accrual: Accrual, accrualEnd: Double) {
        self.patients = patients
        self.hazardTreatment = hazardTreatment
        self.hazardControl = hazardControl
        self.allocation = allocation
        self.dropout = dropout
        self.pieces = accrual.pieces(endingAt: accrualEnd)
    }

    /// Expected events by calendar time `time` (0 = first entry).
    /// - Complexity: O(accrual pieces).
    public func events(at time: Double) -> Double {
        patients * probability(at: time)
    }

    /// The allocation-weighted probability that a patient's event is observed by `time`.
    /// - Complexity: O(accrual pieces).
    public func probability(at time: Double) -> Double {
        let t = EventProbability.arm(hazard: hazardTreatment, dropoutHazard: dropout.hazard(.treatment),
                                     pieces: pieces, at: time)
        let c = EventProbability.arm(hazard: hazardControl, dropoutHazard: dropout.hazard(.control),
                                     pieces: pieces, at: time)
        return allocation.fraction(.treatment) * t + allocation.fraction(.control) * c
    }

    /// Expected events as follow-up grows without bound: N · (allocation-weighted λ/(λ + η)).
    /// - Complexity: O(1).
    public var eventLimit: Double {
        patients * (allocation.fraction(.treatment)
            * EventProbability.limit(hazard: hazardTreatment, dropoutHazard: dropout.hazard(.treatment))
            + allocation.fraction(.control)
            * EventProbability.limit(hazard: hazardControl, dropoutHazard: dropout.hazard(.control)))
    }

    /// Patients entered by calendar time `time` (rpact's `numberOfSubjects`).
    /// - Complexity: O(accrual pieces).
    public func patientsEntered(by time: Double) -> Double {
        let total = pieces.reduce(0.0) { $0 + $1.rate * ($1.end - $1.start) }
        guard total > 0 else { return 0 }
        var entered = 0.0
        for piece in pieces where time > piece.start {
            entered += piece.rate * (min(piece.end, time) - piece.start)
        }
        return patients * entered / total
    }

    /// The calendar time at which `events` events are expected, found by Brent's method (GSL)
    /// after doubling a bracket; nil when the patients never have that many events (dropout, or
    /// fewer patients than events).
    /// - Complexity: O(iterations × accrual pieces).
    public func time(reaching events: Double) -> Double? {
        guard events > 0 else { return 0 }
        guard events < eventLimit * (1 - 1e-12) else { return nil }
        let gap = { (t: Double) -> Double in self.events(at: t) - events }
        var upper = max(1, pieces.last?.end ?? 1)
        var tries = 0
        while gap(upper) < 0 {
            upper *= 2
            tries += 1
            if tries > 200 { return nil }
        }
        return try? RootFinder.brent(lower: 0, upper: upper, absoluteTolerance: 0, relativeTolerance: 1e-13, gap)
    }
}
