import PlatformSupport
import GSLSupport

/// Power and sample size of a two-arm trial under non-proportional hazards
/// (``NonProportionalDesign``: expected events by integration, AHR, at-risk log-rank drift).
///
/// Patients are solved so that the chosen method's drift reaches z_{1−α/s} + z_{1−β} (for a
/// group-sequential design, so that its power reaches 1 − β:
/// `patientsReachingSequentialPower(request:)`), ignoring the opposite tail
/// of a two-sided test as rpact's `getSampleSizeSurvival` does; the drift grows with the
/// patients (in proportion to √N for a closed accrual and a calendar analysis), so a bisection
/// finds them. The evaluable patients are then rounded up per arm, the enrolment inflated by
/// the dropout fraction, and both powers reported at the rounded patients (counting both tails
/// when two-sided, as rpact's `overallReject`).
public enum NonProportionalSolver {
    /// Solves `request`.
    /// - Complexity: O(bisection steps × integration nodes × pieces).
    public static func solve(_ request: NonProportionalRequest) throws(DesignError) -> NonProportionalResult {
        let r = request
        let evaluable: Double
        let perArm: PatientsPerArm
        var exact: Double? = nil
        switch r.unknown {
        case .patients:
            let n = r.sequential != nil ? try patientsReachingSequentialPower(request: r)
                : try patientsReaching(drift: Normal.upperQuantile(r.alpha / Double(r.sides)) + Normal.upperQuantile(1 - r.power),
                                       request: r)
            exact = n
            perArm = PatientRounding.needed(evaluable: n, allocation: r.allocation)
            evaluable = Double(perArm.total)
        default:
            let given = r.patients! * (1 - r.dropoutInflation)
            perArm = PatientRounding.available(evaluable: given, allocation: r.allocation)
            guard perArm.treatment > 0, perArm.control > 0 else {
                throw .invalid("\(DesignSettings.Key.patients) leave no patient in one of the arms")
            }
            evaluable = given
        }
        let n = r.unknown == .patients ? evaluable : Double(perArm.total)
        let total = r.unknown == .patients ? PatientRounding.inflated(perArm.total, dropout: r.dropoutInflation)
                                           : Int(r.patients!.rounded(.down))
        let design = self.design(r, patients: n)
        let time = try analysisTime(r, design: design, patients: n)
        if let tau = r.tau, tau > time {
            let when = r.followUp != nil ? "accrual + follow-up" : "when the events are expected"
            throw .invalid("\(SettingName.tau) \(tau.roundTripText) is beyond the longest follow-up, the analysis at \(time.roundTripText) (\(when)): nobody is followed to tau")
        }
        let e = design.expectedEvents(patients: n, at: time)
        let ahr = design.averageHazardRatio(at: time)
        let restrictedMean = r.tau.map { design.restrictedMeanComparison(patients: n, at: time, tau: $0) }
        if let restrictedMean, !restrictedMean.standardError.isFinite {
            throw .invalid("\(SettingName.tau) \(r.tau!.roundTripText) is beyond the follow-up of every patient (no accrual early enough): the RMST to tau cannot be estimated")
        }
        var looks: [NonProportionalLook] = []
        var inflationFactor: Double? = nil
        if r.sequential != nil {
            let plan = try NonProportionalSequentialPlan(r, patients: n, analysisTime: time)
            looks = sequentialLooks(r, plan: plan, design: design, patients: n)
            inflationFactor = plan.boundaries.characteristics.inflationFactor
        }
        return NonProportionalResult(
            request: r, patientsPerArm: perArm, patientsExact: exact, patientsTotal: total, accrualEnd: design.accrualEnd, analysisTime: time,
            eventsControl: e.control, eventsTreatment: e.treatment, averageHazardRatio: ahr,
            powerAverageHazardRatio: design.power(patients: n, at: time, alpha: r.alpha, sides: r.sides),
            powerLogRank: design.logRankPower(patients: n, at: time, alpha: r.alpha, sides: r.sides),
            logRankDrift: design.logRankDrift(patients: n, at: time), restrictedMean: restrictedMean,
            weightedLogRankDrift: r.weights.map { design.weightedLogRankDrift(patients: n, at: time, weights: $0) },
            inflationFactor: inflationFactor, looks: looks)
    }

    /// The design for `patients` evaluable patients (the accrual's end depends on them when it is open).
    static func design(_ r: NonProportionalRequest, patients: Double) -> NonProportionalDesign {
        let end = r.accrual.end(enrolling: patients)
        let count = r.accrual.rates.count
        return NonProportionalDesign(control: r.control, treatment: r.treatment, treatmentShare: r.treatmentShare,
                                     dropoutHazard: r.dropoutHazard, accrualTimes: Array(r.accrual.times.prefix(count)),
                                     accrualRates: r.accrual.rates, accrualEnd: end)
    }

    /// The analysis time: the end of accrual plus the follow-up, or when the expected events
    /// reach the `events` given.
    static func analysisTime(_ r: NonProportionalRequest, design: NonProportionalDesign,
                             patients: Double) throws(DesignError) -> Double {
        if let f = r.followUp { return design.accrualEnd + f }
        return try timeOfEvents(r.events!, design: design, patients: patients, upTo: nil)
    }

    /// The calendar time at which the expected events reach `target` (bisection; the events
    /// increase with time), searched up to `upTo` or, without it, as far as they can grow.
    static func timeOfEvents(_ target: Double, design: NonProportionalDesign, patients: Double,
                             upTo: Double?) throws(DesignError) -> Double {
        func events(_ t: Double) -> Double { let e = design.expectedEvents(patients: patients, at: t); return e.control + e.treatment }
        var hi = upTo ?? max(1, design.accrualEnd)
        if upTo == nil {
            while events(hi) < target {
                hi *= 2
                guard hi < 1e7 else {
                    throw .unsolvable("the expected events never reach \(target.roundTripText) with \(patients.roundTripText) patients")
                }
            }
        }
        var lo = 0.0
        for _ in 0..<200 where hi - lo > 1e-12 * hi {
            let mid = (lo + hi) / 2
            if events(mid) < target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The (continuous) evaluable patients whose drift by the request's method reaches `target`.
    static func patientsReaching(drift target: Double, request r: NonProportionalRequest) throws(DesignError) -> Double {
        func drift(_ n: Double) throws(DesignError) -> Double {
            let d = design(r, patients: n)
            let t = try analysisTime(r, design: d, patients: n)
            switch r.method {
            case .ahr:
                let e = d.expectedEvents(patients: n, at: t)
                return ((e.control + e.treatment) * r.treatmentShare * (1 - r.treatmentShare)).squareRoot()
                    * abs(log(d.averageHazardRatio(at: t)))
            case .logrank: return abs(d.logRankDrift(patients: n, at: t))
            // τ past the analysis (an open accrual with few patients ends early): no drift yet.
            case .rmst: return abs(d.restrictedMeanComparison(patients: n, at: t, tau: r.tau!).drift)
            case .fh: return abs(d.weightedLogRankDrift(patients: n, at: t, weights: r.weights!))
            }
        }
        return try smallestPatients(reaching: target, by: drift,
                                    orElse: "the arms' hazards barely differ by the analysis")
    }

    /// The smallest (continuous) patients N with `value(N) ≥ target`, for a `value` that grows
    /// with N (a drift, a power): doubling from 1 to bracket it, then bisection to 1e-10
    /// relative. Throws `.unsolvable` ("no number of patients reaches the target power: " +
    /// `reason`) when the bracket passes ``DesignSolver/patientLimit``.
    static func smallestPatients(reaching target: Double, by value: (Double) throws(DesignError) -> Double,
                                 orElse reason: String) throws(DesignError) -> Double {
        var lo = 0.0, hi = 1.0
        while try value(hi) < target {
            lo = hi
            hi *= 2
            guard hi < DesignSolver.patientLimit else {
                throw .unsolvable("no number of patients reaches the target power: \(reason)")
            }
        }
        for _ in 0..<200 where hi - lo > 1e-10 * hi {
            let mid = (lo + hi) / 2
            if try value(mid) < target { lo = mid } else { hi = mid }
        }
        return hi
    }
}
