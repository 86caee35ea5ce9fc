/// Solves a group-sequential time-to-event design for its events and patients, follow-up or
/// accrual time, as rpact's `getSampleSizeSurvival(design = getDesignGroupSequential(kMax > 1, ...))`
/// (`.getSampleSizeSequentialSurvival`), or for its power at given patients or events, as rpact's
/// `getPowerSurvival` (the drift √D·θ₁ of the maximum events D, the probability of rejecting at
/// some look with futility stops — either direction when two-sided, as rpact; the expectations
/// weight the looks at that drift):
///
/// - maximum events D_max = fixed-design events × inflation factor (``DesignCharacteristics``),
///   and look k at D_k = t_k·D_max;
/// - patients N = D_max / P(event by accrual end + follow-up), solved by ``DesignSolver`` with the
///   inflated events (so rounding, dropout inflation and open accrual work as for a fixed design);
/// - look k is expected at the calendar time where N·P(event by τ) = D_k (``ExpectedEventCurve``),
///   the last at accrual end + follow-up; under H0 both arms have the control hazard;
/// - expected events, study duration and patients weight the looks with the probabilities of
///   stopping there (rejection or futility; the last look takes the rest). A two-sided design
///   also stops when it crosses the lower boundary; rpact's `studyDurationH1` and
///   `expectedNumberOfSubjectsH1` leave that (tiny under H1) probability at the last look, so they
///   differ from these by up to about 1e-5 relative for Pocock-type designs.
public enum SequentialDesignSolver {
    /// - Parameters:
    ///   - request: the fixed design question (`--solve patients`, Schoenfeld or Freedman).
    ///   - design: the looks and spending, at the request's alpha, sides and power.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Throws: ``DesignError`` for assumptions that do not fit, ``GroupSequentialError`` when the
    ///   boundaries cannot be computed (``GroupSequentialError/numericalFailure(_:)`` is not the
    ///   user's input).
    /// - Complexity: the boundaries (O(K·m²) per root-finding step) plus O(K) root searches over the
    ///   event curve.
    public static func solve(_ request: DesignRequest, design: GroupSequentialDesign,
                             gridSize: Int = GroupSequentialDesign.defaultGridSize) throws -> SequentialDesignResult {
        let a = request.assumptions
        guard request.method != .lachinFoulkes else {
            throw DesignError.invalid("a group-sequential design needs the Schoenfeld or Freedman events formula")
        }
        guard request.unknown != .hazardRatio else {
            throw DesignError.invalid("a group-sequential design is solved for patients, power, follow-up or accrual time, not the hazard ratio")
        }
        guard design.alpha == a.alpha, design.sides == a.sides, abs(design.power - a.power) < 1e-12 else {
            throw DesignError.invalid("the group-sequential design's alpha, sides and power differ from the design's")
        }
        let boundaries = try design.boundaries(gridSize: gridSize)
        let c = boundaries.characteristics
        let maximum: DesignResult
        let h1: LookProbabilities, midpoint: LookProbabilities
        let h0 = c.null
        let fixedEvents: Double
        // Per-look rejection under H1: the alternative's side only when solving for patients
        // (rpact's getDesignCharacteristics), both sides when solving for power (rpact's
        // getPowerSurvival counts a two-sided design's rejections in either direction, as the
        // fixed design's power does).
        let rejectionH1: [Double]
        if request.unknown == .power || (request.unknown == .accrualTime && request.patients != nil) {
            // Power at given patients (or events), as rpact's getPowerSurvival: the fixed design
            // at these patients gives the maximum events D; the drift is √D·θ₁ for the method's
            // per-event effect θ₁, and the power is P(cross the upper boundary) at that drift,
            // futility stops (binding or not) counted as stops.
            let fixed = try DesignSolver.solve(request)
            let hazardRatio = fixed.hazardTreatment / fixed.hazardControl
            let drift = fixed.eventsRequired.squareRoot() * ExponentialDesign.drift(
                method: request.method, hazardRatio: hazardRatio, allocationRatio: a.allocation.ratio)
            let rates = boundaries.informationRates
            let critical = boundaries.criticalValues
            let lower = design.sides == 2 ? critical.map { -$0 }
                : (boundaries.futilityBounds.map { $0 + [-.infinity] } ?? Array(repeating: -.infinity, count: rates.count))
            func at(_ theta: Double) -> LookProbabilities {
                LookProbabilities(CrossingProbabilities(informationRates: rates, lower: lower, upper: critical,
                                                        drift: theta, gridSize: gridSize), sides: design.sides)
            }
            h1 = at(drift)
            midpoint = at(drift / 2)
            rejectionH1 = h1.rejection
            maximum = DesignResult(
                request: fixed.request, hazardControl: fixed.hazardControl, hazardTreatment: fixed.hazardTreatment,
                eventsRequired: fixed.eventsRequired, probabilityEvent: fixed.probabilityEvent,
                patientsEvaluable: fixed.patientsEvaluable, patientsPerArm: fixed.patientsPerArm,
                patientsTotal: fixed.patientsTotal, power: rejectionH1.reduce(0, +), accrualTime: fixed.accrualTime,
                followUp: fixed.followUp, notes: fixed.notes)
            fixedEvents = ExponentialDesign.requiredEvents(
                method: request.method, hazardRatio: hazardRatio, alpha: a.alpha, sides: a.sides,
                power: a.power, allocationRatio: a.allocation.ratio)
        } else {
            // Patients, follow-up or accrual time for the target power: the fixed design's events
            // times the inflation factor are the maximum events (rpact's maxNumberOfEvents).
            let inflated = try DesignRequest(
                assumptions: a, method: request.method, unknown: request.unknown, patients: request.patients,
                events: request.events, defaults: request.defaults, eventsInflation: c.inflationFactor)
            maximum = try DesignSolver.solve(inflated)
            h1 = c.alternative
            midpoint = c.midpoint
            rejectionH1 = h1.upperRejection
            fixedEvents = maximum.eventsRequired / c.inflationFactor
        }
        let rates = boundaries.informationRates
        let K = rates.count
        let events = rates.map { $0 * maximum.eventsRequired }
        let whole = maximum.events
        let planned = rates.indices.map { k in k == K - 1 ? whole : PatientRounding.ceiling(rates[k] * Double(whole)) }

        // The calendar: the look times under H1 and H0, and the patients entered by then.
        var times: [Double]? = nil, patients: [Double]? = nil
        var timesNull: [Double]? = nil, patientsNull: [Double]? = nil
        if let n = maximum.patientsEvaluable, let accrual = a.accrual, let accrualEnd = maximum.accrualTime,
           let end = maximum.studyDuration {
            let alternative = ExpectedEventCurve(
                patients: n, hazardTreatment: maximum.hazardTreatment, hazardControl: maximum.hazardControl,
                allocation: a.allocation, dropout: a.dropout, accrual: accrual, accrualEnd: accrualEnd)
            let null = ExpectedEventCurve(
                patients: n, hazardTreatment: maximum.hazardControl, hazardControl: maximum.hazardControl,
                allocation: a.allocation, dropout: a.dropout, accrual: accrual, accrualEnd: accrualEnd)
            // The last look is the end of follow-up by construction of N.
            let h1 = events.indices.map { k in k == K - 1 ? end : alternative.time(reaching: events[k]) }
            if h1.allSatisfy({ $0 != nil }) {
                times = h1.map { $0! }
                patients = times!.map { alternative.patientsEntered(by: $0) }
            }
            let h0 = events.map { null.time(reaching: $0) }
            if h0.allSatisfy({ $0 != nil }) {
                timesNull = h0.map { $0! }
                patientsNull = timesNull!.map { null.patientsEntered(by: $0) }
            }
        }

        func weighted(_ values: [Double]?, _ stopping: [Double]) -> Double? {
            values.map { v in zip(v, stopping).reduce(0) { $0 + $1.0 * $1.1 } }
        }
        let looks = boundaries.looks.enumerated().map { k, look in
            SequentialDesignResult.Look(
                look: look.look, informationRate: look.informationRate, criticalValue: look.criticalValue,
                stageLevel: look.stageLevel, cumulativeAlphaSpent: look.cumulativeAlphaSpent,
                futilityBound: look.futilityBound, events: events[k], eventsPlanned: planned[k],
                analysisTime: times?[k], patientsEvaluable: patients?[k],
                analysisTimeNull: timesNull?[k], patientsEvaluableNull: patientsNull?[k],
                rejectionAlternative: rejectionH1[k], rejectionNull: h0.rejection[k],
                futilityAlternative: design.hasFutility && k < K - 1 ? h1.futility[k] : nil,
                futilityNull: design.hasFutility && k < K - 1 ? h0.futility[k] : nil,
                stoppingAlternative: h1.stopping[k], stoppingNull: h0.stopping[k])
        }
        return SequentialDesignResult(
            maximum: maximum, fixedEvents: fixedEvents, boundaries: boundaries, looks: looks,
            expectedEventsAlternative: maximum.eventsRequired * h1.expectedInformationRate,
            expectedEventsMidpoint: maximum.eventsRequired * midpoint.expectedInformationRate,
            expectedEventsNull: maximum.eventsRequired * h0.expectedInformationRate,
            expectedStudyDurationAlternative: weighted(times, h1.stopping),
            expectedStudyDurationNull: weighted(timesNull, h0.stopping),
            expectedPatientsAlternative: weighted(patients, h1.stopping),
            expectedPatientsNull: weighted(patientsNull, h0.stopping))
    }
}
