import PlatformSupport
import SurvivalAnalysis

private typealias K = DesignSettings.Key

/// A single-arm design question: the ``OneSampleDesign``, the unknown (patients or power) and
/// the error rates.
public struct OneSampleRequest: Sendable {
    /// The design's assumptions.
    public let design: OneSampleDesign
    /// Patients or power.
    public let unknown: DesignUnknown
    /// Patients (evaluable) when power is solved for.
    public let patients: Double?
    /// Type I error over `sides` tails.
    public let alpha: Double
    /// 1 or 2.
    public let sides: Int
    /// Target power.
    public let power: Double
    /// Wu's variance (O + E)/2 in the test instead of E.
    public let wuVariance: Bool
    /// Dropout fraction inflating the enrolment.
    public let dropoutInflation: Double
}

/// A solved single-arm design.
public struct OneSampleResult: Sendable {
    /// The question answered.
    public let request: OneSampleRequest
    /// Wu's per-patient moments.
    public let moments: OneSampleDesign.Moments
    /// The exact patients reaching the target power (Wu's n before rounding up); nil when power is solved for.
    public let patientsExact: Double?
    /// Evaluable patients.
    public let patients: Int
    /// Patients to enrol (inflated by the dropout fraction).
    public let patientsTotal: Int
    /// Power with `patients`.
    public let power: Double
    /// Expected events O.
    public var expectedEvents: Double { Double(patients) * moments.p1 }
    /// Expected E, the events the historical hazard predicts for the same follow-up.
    public var expectedHistorical: Double { Double(patients) * moments.p0 }
}

extension OneSampleRequest {
    /// Solves for patients (rounded up) or power.
    /// - Throws: ``DesignError`` (unsolvable) when the answer is no number a trial can use: more
    ///   than 10^12 patients (to enrol, after the dropout inflation), or moments that are not finite
    ///   (a hazard ratio or follow-up of 1e308 made Wu's n infinite, which trapped becoming an Int).
    public func solve() throws(DesignError) -> OneSampleResult {
        let m = design.moments
        guard m.p0.isFinite, m.p1.isFinite, m.sigma.isFinite else {
            throw .unsolvable("the expected events are not finite numbers under these assumptions (hazard ratio \(design.hazardRatio.roundTripText), follow-up \(design.followUp.roundTripText))")
        }
        if unknown == .patients {
            let exact = design.patients(power: power, alpha: alpha, sides: sides, wuVariance: wuVariance)
            guard exact.isFinite else {
                throw .unsolvable("Wu's number of patients is not a finite number under these assumptions (hazard ratio \(design.hazardRatio.roundTripText), follow-up \(design.followUp.roundTripText))")
            }
            guard exact < DesignSolver.patientLimit else {
                throw .unsolvable("the design needs more than 10^12 patients: the effect is too small to detect or too few events are expected by the end of follow-up")
            }
            let n = PatientRounding.ceiling(exact)
            guard Double(n) / (1 - dropoutInflation) < DesignSolver.patientLimit else {
                throw .unsolvable("with dropout \(dropoutInflation.roundTripText) the design needs more than 10^12 patients to enrol")
            }
            return OneSampleResult(request: self, moments: m, patientsExact: exact, patients: n,
                                   patientsTotal: PatientRounding.inflated(n, dropout: dropoutInflation),
                                   power: design.power(patients: Double(n), alpha: alpha, sides: sides, wuVariance: wuVariance))
        }
        let n = PatientRounding.floor(patients! * (1 - dropoutInflation))
        let power = design.power(patients: Double(n), alpha: alpha, sides: sides, wuVariance: wuVariance)
        guard power.isFinite else {
            throw .unsolvable("the power is not a finite number under these assumptions (hazard ratio \(design.hazardRatio.roundTripText), follow-up \(design.followUp.roundTripText), \(n) evaluable patients)")
        }
        return OneSampleResult(request: self, moments: m, patientsExact: nil, patients: n,
                               patientsTotal: Int(patients!.rounded(.down)), power: power)
    }
}

extension DesignSettings {
    /// The single-arm question these settings ask against `historical`: the effect by
    /// `hazard-ratio` (or `median-treatment` against an exponential historical control), uniform
    /// accrual (`accrual-time`), `follow-up`, exponential dropout, error rates.
    public func oneSampleRequest(historical: HistoricalHazard, wuVariance: Bool) throws(DesignError) -> OneSampleRequest {
        guard medianControl == nil else {
            throw .invalid("a single-arm design compares with the historical control: drop \(K.medianControl)")
        }
        let ratio: Double
        switch (hazardRatio, medianTreatment) {
        case (let r?, nil): ratio = r
        case (nil, let m?):
            guard historical.times.isEmpty else {
                throw .invalid("with piecewise historical hazards give the effect as \(K.hazardRatio)")
            }
            guard m.isFinite, m > 0 else { throw .invalid("median treatment must be a positive time (got \(m.roundTripText))") }
            ratio = (log(2) / m) / historical.hazards[0]
        case (_?, _?): throw .invalid("give \(K.medianTreatment) or \(K.hazardRatio), not both")
        case (nil, nil): throw .invalid("the effect is missing: give \(K.hazardRatio) (or \(K.medianTreatment))")
        }
        guard ratio.isFinite, ratio > 0, ratio != 1 else {
            throw .invalid("the hazard ratio must be positive and not 1 (got \(ratio.roundTripText))")
        }
        guard let accrualTime, accrualTimes == nil, accrualRates == nil else {
            throw .invalid("a single-arm design needs uniform accrual: give \(K.accrualTime)")
        }
        guard accrualTime.isFinite, accrualTime > 0 else {
            throw .invalid("accrual time must be a positive time (got \(accrualTime.roundTripText))")
        }
        guard let followUp, followUp.isFinite, followUp >= 0 else {
            throw .invalid("a single-arm design needs \(K.followUp) (a time ≥ 0)")
        }
        guard allocation == nil, grid == nil, method == nil, events == nil else {
            throw .invalid("a single-arm design takes no \(K.allocation), \(K.grid), \(K.method) or \(K.events)")
        }
        let dropout = try exponentialDropout()
        let unknown = self.unknown
        guard unknown == .patients || unknown == .power else {
            throw .invalid("a single-arm design solves for patients or power (got \(unknown.rawValue))")
        }
        if let n = patients, !(n.isFinite && n >= 1 && n < DesignSolver.patientLimit) {
            throw .invalid("patients must be at least 1 and below 10^12 (got \(n.roundTripText))")
        }
        let a = alpha ?? 0.05, s = sides ?? 2, p = power ?? 0.8
        guard a > 0, a < 1 else { throw .invalid("alpha must lie in (0, 1) (got \(a.roundTripText))") }
        guard s == 1 || s == 2 else { throw .invalid("sides must be 1 or 2 (got \(s))") }
        guard p > a / Double(s), p < 1 else { throw .invalid("power must lie between alpha and 1 (got \(p.roundTripText))") }
        let inflation = dropoutInflation ?? 0
        guard inflation >= 0, inflation < 1 else { throw .invalid("dropout must lie in [0, 1) (got \(inflation.roundTripText))") }
        let design = OneSampleDesign(historical: historical, hazardRatio: ratio, accrualTime: accrualTime,
                                     followUp: followUp, dropoutHazard: dropout.hazard(.control))
        guard dropout.hazard(.treatment) == dropout.hazard(.control) else {
            throw .invalid("a single arm has one dropout rate: give \(K.dropoutProbability)")
        }
        return OneSampleRequest(design: design, unknown: unknown, patients: patients, alpha: a, sides: s, power: p,
                                wuVariance: wuVariance, dropoutInflation: inflation)
    }
}
