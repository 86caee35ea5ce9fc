import GSLSupport
import SurvivalAnalysis

private typealias K = DesignSettings.Key

/// Solves a ``DesignRequest`` for its unknown.
///
/// Every mode inverts the same relation — the evaluable patients a design needs at a given
/// accrual and follow-up (`D / P̄` for Schoenfeld and Freedman, `N` of Lachin–Foulkes) equals
/// the evaluable patients available — so `--solve patients` and the other modes agree. Where
/// the unknown enters the event probability (follow-up, accrual time at a rate, hazard ratio)
/// the root is found by Brent's method (GSL), after bracketing it; a request with no root is a
/// ``DesignError`` of kind ``DesignError/Kind/unsolvable`` that says why.
public enum DesignSolver {
    /// Solves `request`.
    /// - Complexity: O(1) evaluations for closed forms, O(iterations) for root finding, each
    ///   O(accrual pieces).
    public static func solve(_ request: DesignRequest) throws(DesignError) -> DesignResult {
        let result: DesignResult
        switch request.unknown {
        case .patients: result = try solvePatients(request)
        case .accrualTime: result = request.patients == nil ? try solvePatients(request) : try solvePower(request)
        case .power: result = try solvePower(request)
        case .followUp: result = try solveFollowUp(request)
        case .hazardRatio: result = try solveHazardRatio(request)
        }
        try checkFinite(result)
        return result
    }

    /// Refuses a result with a quantity that is not a finite number (or a probability outside
    /// [0, 1]): degenerate inputs such as an accrual time of 4.9e-324 overflow the formulas, and
    /// such a number must be refused, never printed.
    private static func checkFinite(_ r: DesignResult) throws(DesignError) {
        var bad: [String] = []
        func check(_ name: String, _ x: Double?) { if let x, !x.isFinite { bad.append(name) } }
        func probability(_ name: String, _ x: Double) { if !(x >= 0 && x <= 1 + 1e-12) { bad.append(name) } }
        check("events", r.eventsRequired)
        if let p = r.probabilityEvent {
            probability("P(event) treatment", p.treatment)
            probability("P(event) control", p.control)
            probability("P(event)", p.overall)
        }
        check("patients", r.patientsEvaluable)
        check("power", r.power)
        check("accrual time", r.accrualTime)
        check("follow-up", r.followUp)
        check("study duration", r.studyDuration)
        guard bad.isEmpty else {
            throw .invalid("the assumptions are degenerate: \(bad.joined(separator: ", ")) would not be a finite number (or not a probability); check for times or hazards too close to 0 or too large")
        }
        // DesignResult.events rounds this to an Int.
        guard r.eventsRequired < patientLimit else {
            throw .unsolvable("the design needs more than 10^12 events: the effect is too small to detect")
        }
    }

    /// Patients beyond this are reported as unsolvable rather than rounded.
    static let patientLimit = 1e12

    // The modes below unwrap what ``DesignRequest``'s initialiser guarantees for their unknown:
    // the treatment hazard (all but hazard-ratio), patients (follow-up, hazard-ratio) and the
    // accrual (follow-up).

    // MARK: Modes

    private static func solvePatients(_ request: DesignRequest) throws(DesignError) -> DesignResult {
        let a = request.assumptions
        let hazardTreatment = a.hazardTreatment!
        guard let accrual = a.accrual, let followUp = a.followUp else {
            guard request.method != .lachinFoulkes else {
                throw .invalid("Lachin-Foulkes needs the accrual (\(K.accrualTime), or \(K.accrualTimes)/\(K.accrualRates)) and \(K.followUp)")
            }
            var missing: [SettingText] = []
            if a.accrual == nil { missing.append("accrual (\(K.accrualTime), or \(K.accrualTimes)/\(K.accrualRates))") }
            if a.followUp == nil { missing.append("follow-up (\(K.followUp))") }
            let stated: SettingText = missing.count == 1 ? "\(missing[0]) is" : "\(missing[0]) and \(missing[1]) are"
            return DesignResult(
                request: request, hazardControl: a.hazardControl, hazardTreatment: hazardTreatment,
                eventsRequired: Model.formulaEvents(request, hazardTreatment: hazardTreatment)!, probabilityEvent: nil, patientsEvaluable: nil,
                patientsPerArm: nil, patientsTotal: nil, power: a.power,
                accrualTime: a.accrual?.closedEnd, followUp: a.followUp,
                notes: ["patients not computed: the \(stated) not stated"])
        }
        let model = Model(request: request, hazardTreatment: hazardTreatment, accrual: accrual)
        let accrualEnd: Double
        let evaluable: Double
        if let end = accrual.closedEnd {
            accrualEnd = end
            evaluable = model.at(accrualEnd: end, followUp: followUp).requiredPatients
        } else {
            // The accrual ends when the patients are in, so the patients move the event probability:
            // find N with required(N) = N.
            let keep = 1 - a.dropoutInflation
            let gap = { (n: Double) -> Double in
                model.at(accrualEnd: accrual.end(enrolling: n / keep), followUp: followUp).requiredPatients - n
            }
            // Schoenfeld/Freedman need at least D patients (P(event) ≤ 1), so gap(D) ≥ 0 brackets from below.
            let lower = model.formulaEvents ?? 1e-9
            let upper = try bracketUpward(from: max(1, lower), gap, failure: "no number of patients enrolled at these rates reaches the power")
            evaluable = try root(lower: lower, upper: upper, gap)
            accrualEnd = accrual.end(enrolling: evaluable / keep)
        }
        let point = model.at(accrualEnd: accrualEnd, followUp: followUp)
        try checkSize(evaluable)
        let perArm = PatientRounding.needed(evaluable: evaluable, allocation: a.allocation)
        return DesignResult(
            request: request, hazardControl: a.hazardControl, hazardTreatment: hazardTreatment,
            eventsRequired: point.requiredEvents, probabilityEvent: point.probabilities,
            patientsEvaluable: evaluable, patientsPerArm: perArm,
            patientsTotal: try inflated(perArm.total, dropout: a.dropoutInflation),
            power: a.power, accrualTime: accrualEnd, followUp: followUp, notes: [])
    }

    private static func solvePower(_ request: DesignRequest) throws(DesignError) -> DesignResult {
        let a = request.assumptions
        let hazardTreatment = a.hazardTreatment!
        let evaluable = request.patients.map { $0 * (1 - a.dropoutInflation) }

        // Events alone (Schoenfeld, Freedman): power needs no accrual. Without patients an open
        // accrual has no end, so it is treated as not stated.
        if let events = request.events, evaluable == nil,
           a.accrual == nil || a.followUp == nil || a.accrual!.isOpenEnded {
            guard request.method != .lachinFoulkes else {
                throw .invalid("Lachin-Foulkes power from \(K.events) needs the accrual and \(K.followUp) to turn events into patients")
            }
            return DesignResult(
                request: request, hazardControl: a.hazardControl, hazardTreatment: hazardTreatment,
                eventsRequired: events, probabilityEvent: nil, patientsEvaluable: nil, patientsPerArm: nil,
                patientsTotal: nil,
                power: ExponentialDesign.power(events: events, method: request.method, hazardRatio: hazardTreatment / a.hazardControl,
                                               alpha: a.alpha, sides: a.sides, allocationRatio: a.allocation.ratio),
                accrualTime: a.accrual?.closedEnd, followUp: a.followUp,
                notes: ["patients not computed: give \(K.patients), or the accrual and \(K.followUp)"])
        }
        guard let accrual = a.accrual else {
            throw .invalid("power from \(K.patients) needs the accrual: \(K.accrualTime), or \(K.accrualTimes)/\(K.accrualRates)")
        }
        let model = Model(request: request, hazardTreatment: hazardTreatment, accrual: accrual)
        let accrualEnd = accrual.end(enrolling: request.patients ?? 0)
        let followUp: Double
        if let events = request.events, let evaluable {
            // rpact getPowerSurvival: the analysis is when `events` are expected among the patients.
            followUp = try followUpReaching(
                { point in evaluable * point.probabilities.overall - events }, model: model, accrualEnd: accrualEnd,
                tooMany: "the \(events.roundTripText) events are expected before accrual ends",
                unreachable: "\(evaluable.roundTripText) evaluable patients never yield \(events.roundTripText) events "
                    + "(at most \((evaluable * model.at(accrualEnd: accrualEnd, followUp: .infinity).probabilities.overall).roundTripText))")
        } else if let given = a.followUp {
            followUp = given
        } else {
            throw .invalid("power needs \(K.followUp) (or both \(K.events) and \(K.patients))")
        }
        let point = model.at(accrualEnd: accrualEnd, followUp: followUp)
        let patientsEvaluable = evaluable ?? request.events! / point.probabilities.overall
        let events = request.events ?? patientsEvaluable * point.probabilities.overall
        let power: Double
        if let evaluable, request.method == .lachinFoulkes {
            power = LachinFoulkes.power(patients: evaluable, point.lachinFoulkes!, alpha: a.alpha, sides: a.sides)
        } else {
            power = model.power(events: events, point: point)
        }
        try checkSize(patientsEvaluable)
        let perArm: PatientsPerArm
        let total: Int
        if let enrolled = request.patients {
            perArm = PatientRounding.available(evaluable: patientsEvaluable, allocation: a.allocation)
            total = PatientRounding.ceiling(enrolled)
        } else {
            perArm = PatientRounding.needed(evaluable: patientsEvaluable, allocation: a.allocation)
            total = try inflated(perArm.total, dropout: a.dropoutInflation)
        }
        return DesignResult(
            request: request, hazardControl: a.hazardControl, hazardTreatment: hazardTreatment,
            eventsRequired: events, probabilityEvent: point.probabilities, patientsEvaluable: patientsEvaluable,
            patientsPerArm: perArm, patientsTotal: total, power: power,
            accrualTime: accrualEnd, followUp: followUp, notes: [])
    }

    private static func solveFollowUp(_ request: DesignRequest) throws(DesignError) -> DesignResult {
        let a = request.assumptions
        let hazardTreatment = a.hazardTreatment!
        let model = Model(request: request, hazardTreatment: hazardTreatment, accrual: a.accrual!)
        let enrolled = request.patients!
        let evaluable = enrolled * (1 - a.dropoutInflation)
        let accrualEnd = a.accrual!.end(enrolling: enrolled)
        let followUp = try followUpReaching(
            { point in evaluable - point.requiredPatients }, model: model, accrualEnd: accrualEnd,
            tooMany: "\(evaluable.roundTripText) evaluable patients reach power \(a.power.roundTripText) before accrual ends "
                + "(no follow-up needed: fewer patients or a shorter accrual suffice)",
            unreachable: "power \(a.power.roundTripText) is unreachable for any follow-up with \(evaluable.roundTripText) "
                + "evaluable patients (at least \(model.at(accrualEnd: accrualEnd, followUp: .infinity).requiredPatients.roundTripText) needed)")
        let point = model.at(accrualEnd: accrualEnd, followUp: followUp)
        return DesignResult(
            request: request, hazardControl: a.hazardControl, hazardTreatment: hazardTreatment,
            eventsRequired: point.requiredEvents, probabilityEvent: point.probabilities, patientsEvaluable: evaluable,
            patientsPerArm: PatientRounding.available(evaluable: evaluable, allocation: a.allocation),
            patientsTotal: PatientRounding.ceiling(enrolled), power: a.power,
            accrualTime: accrualEnd, followUp: followUp, notes: [])
    }

    private static func solveHazardRatio(_ request: DesignRequest) throws(DesignError) -> DesignResult {
        let a = request.assumptions
        guard let accrual = a.accrual, let followUp = a.followUp else {
            throw .invalid("\(K.solve) hazard-ratio needs the accrual and \(K.followUp)")
        }
        let enrolled = request.patients!
        let evaluable = enrolled * (1 - a.dropoutInflation)
        let accrualEnd = accrual.end(enrolling: enrolled)
        let gap = { (ratio: Double) -> Double in
            let model = Model(request: request, hazardTreatment: ratio * a.hazardControl, accrual: accrual)
            return model.at(accrualEnd: accrualEnd, followUp: followUp).requiredPatients - evaluable
        }
        let lower = 1e-6, upper = 1 - 1e-9
        guard gap(lower) < 0 else {
            throw .unsolvable("no hazard ratio below 1 reaches power \(a.power.roundTripText) with "
                + "\(evaluable.roundTripText) evaluable patients")
        }
        let ratio = try root(lower: lower, upper: upper, gap)
        let hazardTreatment = ratio * a.hazardControl
        let point = Model(request: request, hazardTreatment: hazardTreatment, accrual: accrual).at(accrualEnd: accrualEnd, followUp: followUp)
        return DesignResult(
            request: request, hazardControl: a.hazardControl, hazardTreatment: hazardTreatment,
            eventsRequired: point.requiredEvents, probabilityEvent: point.probabilities, patientsEvaluable: evaluable,
            patientsPerArm: PatientRounding.available(evaluable: evaluable, allocation: a.allocation),
            patientsTotal: PatientRounding.ceiling(enrolled), power: a.power,
            accrualTime: accrualEnd, followUp: followUp, notes: [])
    }

    // MARK: Root finding

    /// The follow-up F ≥ 0 where `gap` (increasing in F) crosses zero.
    private static func followUpReaching(_ gap: @escaping (Model.Point) -> Double, model: Model, accrualEnd: Double,
                                         tooMany: SettingText, unreachable: SettingText) throws(DesignError) -> Double {
        let f = { (followUp: Double) -> Double in gap(model.at(accrualEnd: accrualEnd, followUp: followUp)) }
        if f(0) >= 0 { throw .unsolvable(tooMany) }
        guard f(.infinity) > 0 else { throw .unsolvable(unreachable) }
        var upper = 1.0
        for _ in 0..<200 where f(upper) <= 0 { upper *= 2 }
        guard f(upper) > 0 else { throw .unsolvable(unreachable) }
        return try root(lower: 0, upper: upper, f)
    }

    /// Doubles `x` until the decreasing `gap` turns negative.
    private static func bracketUpward(from start: Double, _ gap: (Double) -> Double, failure: SettingText) throws(DesignError) -> Double {
        var x = start
        while gap(x) >= 0 {
            x *= 2
            if x > patientLimit { throw .unsolvable(failure) }
        }
        return x
    }

    private static func root(lower: Double, upper: Double, _ f: (Double) -> Double) throws(DesignError) -> Double {
        do {
            return try RootFinder.brent(lower: lower, upper: upper, absoluteTolerance: 0, relativeTolerance: 1e-13, f)
        } catch {
            throw .unsolvable("root finding failed: \(error)")
        }
    }

    /// Patients to enrol after the dropout inflation, checked before it becomes an integer: a
    /// dropout of 0.9999999999999999 multiplies by 9e15 (it trapped converting to Int).
    private static func inflated(_ patients: Int, dropout: Double) throws(DesignError) -> Int {
        guard Double(patients) / (1 - dropout) < patientLimit else {
            throw .unsolvable("with dropout \(dropout.roundTripText) the design needs more than 10^12 patients to enrol")
        }
        return PatientRounding.inflated(patients, dropout: dropout)
    }

    private static func checkSize(_ patients: Double) throws(DesignError) {
        guard patients.isFinite, patients < patientLimit else {
            throw .unsolvable("the design needs more than 10^12 patients: the effect is too small to detect")
        }
    }
}

/// The design's relations at one hazard ratio: what a given accrual end and follow-up imply.
struct Model {
    let request: DesignRequest
    let hazardTreatment: Double
    let accrual: Accrual
    /// Schoenfeld / Freedman events (they depend on neither accrual nor follow-up); nil for Lachin–Foulkes.
    let formulaEvents: Double?

    init(request: DesignRequest, hazardTreatment: Double, accrual: Accrual) {
        self.request = request
        self.hazardTreatment = hazardTreatment
        self.accrual = accrual
        formulaEvents = Model.formulaEvents(request, hazardTreatment: hazardTreatment)
    }

    /// Schoenfeld / Freedman events for the target power, times the request's events inflation
    /// (group-sequential designs); nil for Lachin–Foulkes.
    static func formulaEvents(_ request: DesignRequest, hazardTreatment: Double) -> Double? {
        let a = request.assumptions
        guard request.method != .lachinFoulkes else { return nil }
        return request.eventsInflation * ExponentialDesign.requiredEvents(
            method: request.method, hazardRatio: hazardTreatment / a.hazardControl, alpha: a.alpha,
            sides: a.sides, power: a.power, allocationRatio: a.allocation.ratio)
    }

    struct Point {
        let probabilities: EventProbability.ByArm
        /// Evaluable patients needed for the target power.
        let requiredPatients: Double
        /// Events needed (Schoenfeld, Freedman) or expected among the required patients (Lachin–Foulkes).
        let requiredEvents: Double
        let lachinFoulkes: LachinFoulkes.Terms?
    }

    /// The design at analysis time `accrualEnd + followUp` (follow-up may be +∞: the limit).
    func at(accrualEnd: Double, followUp: Double) -> Point {
        let a = request.assumptions
        let probabilities = EventProbability.byArm(
            hazardTreatment: hazardTreatment, hazardControl: a.hazardControl, allocation: a.allocation,
            dropout: a.dropout, accrual: accrual, accrualEnd: accrualEnd, followUp: followUp)
        if let formulaEvents {
            return Point(probabilities: probabilities, requiredPatients: formulaEvents / probabilities.overall,
                         requiredEvents: formulaEvents, lachinFoulkes: nil)
        }
        let terms = LachinFoulkes.terms(
            hazardTreatment: hazardTreatment, hazardControl: a.hazardControl, allocation: a.allocation,
            dropout: a.dropout, accrual: accrual, accrualEnd: accrualEnd, followUp: followUp)
        let patients = LachinFoulkes.patients(terms, alpha: a.alpha, sides: a.sides, power: a.power)
        return Point(probabilities: probabilities, requiredPatients: patients,
                     requiredEvents: patients * probabilities.overall, lachinFoulkes: terms)
    }

    /// Power after `events` events (Schoenfeld, Freedman), or with the patients those events
    /// imply at `point` (Lachin–Foulkes).
    func power(events: Double, point: Point) -> Double {
        let a = request.assumptions
        if request.method == .lachinFoulkes, let terms = point.lachinFoulkes {
            return LachinFoulkes.power(patients: events / point.probabilities.overall, terms, alpha: a.alpha, sides: a.sides)
        }
        return ExponentialDesign.power(events: events, method: request.method,
                                       hazardRatio: hazardTreatment / a.hazardControl, alpha: a.alpha,
                                       sides: a.sides, allocationRatio: a.allocation.ratio)
    }
}
