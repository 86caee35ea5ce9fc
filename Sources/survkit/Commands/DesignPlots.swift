import SurvivalReports
import TrialDesign

/// The figures of `survkit design --plot` and of the design report: every number is solved by
/// the TrialDesign library; these functions only collect them for the figure.
enum DesignPlots {
    /// Power against the hazard ratio at the design's required events (each point rpact's
    /// getPowerSurvival with maxNumberOfEvents fixed), with the design's hazard ratio and target
    /// power marked.
    static func powerCurve(_ result: DesignResult, title: String?) throws -> LineFigure {
        let designHR = result.hazardRatio
        let events = result.eventsRequired
        // 41 hazard ratios from the null to well past the design's effect, on the design's side of 1.
        let far = designHR < 1 ? max(0.05, designHR / 2) : designHR * 1.5
        let ratios = (0...40).map { k in
            designHR < 1 ? far + (1 - far) * Double(k) / 40 : 1 + (far - 1) * Double(k) / 40
        }.filter { $0 != 1 }
        var powers: [Double] = []
        for hr in ratios {
            let request = try DesignRequest(assumptions: result.request.assumptions.with(hazardRatio: hr),
                                            method: result.method, unknown: .power, events: events)
            powers.append(try DesignSolver.solve(request).power)
        }
        let spelled = NumberText.significant(events, digits: 4)
        return LineFigure(series: [.init(label: "power with \(spelled) events (\(result.method.rawValue))", x: ratios, y: powers)],
                          xLabel: "Hazard ratio (treatment / control)", yLabel: "Power", yRange: (0, 1),
                          horizontalLines: [(result.request.assumptions.power, "target \(NumberText.significant(result.request.assumptions.power, digits: 3))")],
                          verticalLines: [(designHR, "design HR \(NumberText.significant(designHR, digits: 3))")], title: title)
    }

    /// Efficacy (and harm, futility) bounds per look, labelled with the bound as a hazard ratio.
    static func boundaries(_ result: SequentialDesignResult, title: String?) -> BoundaryFigure {
        let looks = result.looks
        return BoundaryFigure(informationRates: looks.map(\.informationRate), efficacy: looks.map(\.criticalValue),
                              harm: result.boundaries.design.sides == 2, futility: looks.map(\.futilityBound),
                              hazardRatios: result.criticalHazardRatios.map { Optional($0) },
                              hazardRatioSign: result.maximum.hazardRatio < 1 ? "≤" : "≥", observed: [], title: title)
    }

    /// Patients to enrol over accrual × follow-up with the contour of the planned patients; nil
    /// when the grid does not vary both.
    static func heatMap(_ analysis: SensitivityAnalysis, title: String?) -> SensitivityHeatMap? {
        guard let accrual = analysis.grid.accrualTimes, let followUp = analysis.grid.followUps else { return nil }
        let cells = followUp.map { f in
            accrual.map { a in analysis.cells.first { $0.accrualTime == a && $0.followUp == f }?.design.patientsTotal }
        }
        return SensitivityHeatMap(accrualTimes: accrual, followUps: followUp, patients: cells,
                                  planned: analysis.patients.map { Int($0) }, timeUnit: nil, title: title)
    }

    /// Expected events by calendar time per arm and in all (rpact's expected events under H1), with
    /// the looks' expected analysis times marked; nil without accrual and follow-up.
    static func expectedEvents(_ result: SequentialDesignResult) -> LineFigure? {
        let maximum = result.maximum, a = maximum.request.assumptions
        guard let n = maximum.patientsEvaluable, let accrual = a.accrual, let accrualEnd = maximum.accrualTime,
              let end = maximum.studyDuration else { return nil }
        let curve = ExpectedEventCurve(patients: n, hazardTreatment: maximum.hazardTreatment,
                                       hazardControl: maximum.hazardControl, allocation: a.allocation,
                                       dropout: a.dropout, accrual: accrual, accrualEnd: accrualEnd)
        let times = (0...60).map { end * Double($0) / 60 }
        let looks: [(value: Double, label: String)] = result.looks.compactMap { look in
            look.analysisTime.map { ($0, "look \(look.look)") }
        }
        return LineFigure(series: [
            .init(label: "all", x: times, y: times.map { curve.events(at: $0) }),
            .init(label: "control", x: times, y: times.map { curve.events(at: $0, arm: .control) }),
            .init(label: "treatment", x: times, y: times.map { curve.events(at: $0, arm: .treatment) }),
        ], xLabel: "Calendar time from the first entry", yLabel: "Expected events (H1)", yRange: nil,
           verticalLines: looks, title: nil)
    }

    /// Power against the patients enrolled, at the design's accrual and follow-up (each point
    /// `survkit design --solve power --patients N`, rpact's getPowerSurvival), with the design's
    /// patients and target power marked; nil without accrual, follow-up or patients.
    static func powerByPatients(_ result: DesignResult, title: String?) throws -> LineFigure? {
        let a = result.request.assumptions
        guard a.accrual != nil, a.followUp != nil, let planned = result.patientsTotal, planned >= 4 else { return nil }
        let low = max(2, planned / 3), high = planned * 2
        let step = max(1, (high - low) / 40)
        let counts = Array(stride(from: low, through: high, by: step))
        var powers: [Double] = []
        for n in counts {
            let request = try DesignRequest(assumptions: a, method: result.method, unknown: .power, patients: Double(n))
            powers.append(try DesignSolver.solve(request).power)
        }
        return LineFigure(series: [.init(label: "power (\(result.method.rawValue))", x: counts.map(Double.init), y: powers)],
                          xLabel: "Patients enrolled", yLabel: "Power", yRange: (0, 1),
                          horizontalLines: [(a.power, "target \(NumberText.significant(a.power, digits: 3))")],
                          verticalLines: [(Double(planned), "\(planned) patients")], title: title)
    }
}
