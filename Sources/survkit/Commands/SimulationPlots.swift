import SurvivalAnalysis
import SurvivalReports
import TrialDesign

/// `simulate --plot`: histograms of the analysis time and of the hazard-ratio estimate over the
/// simulated trials. Bins are nice-number ticks of each range; the counts come from the
/// library's ``Histogram`` and the estimates from the plan (as `--replicates-csv` writes them).
enum SimulationPlots {
    static func histograms(plan: SimulationPlan, outcomes: [ReplicateOutcome], title: String?) -> HistogramFigure {
        let reached = outcomes.filter(\.reachedCut)
        let times = reached.map(\.analysisTime)
        let ratios = reached.map { plan.hazardRatioEstimate(z: $0.z, events: Int($0.events)) }
        func panel(_ values: [Double], label: String, marker: (Double, String)?) -> HistogramFigure.Panel {
            let finite = values.filter(\.isFinite)
            let low = finite.min() ?? 0, high = finite.max() ?? 1
            // About 20 bins at nice widths covering every finite value.
            let edges = NiceTicks(covering: low, high, target: 21).values
            let h = Histogram(values.map { $0.isFinite ? $0 : .nan }, edges: edges)
            var notes: [String] = []
            if outcomes.count > reached.count { notes.append("\(outcomes.count - reached.count) trials never reached the analysis") }
            if h.missing > 0 { notes.append("\(h.missing) undefined") }
            return .init(xLabel: label, edges: edges, counts: h.counts, marker: marker,
                         note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        }
        return HistogramFigure(panels: [
            panel(times, label: "Analysis time (calendar, from the first entry)", marker: nil),
            panel(ratios, label: "Hazard ratio estimate (log-rank)",
                  marker: designHazardRatio(plan).map { ($0, "design HR \(NumberText.significant($0, digits: 3))") }),
        ], title: title)
    }

    /// `simulate --grid --plot`: simulated power over the grid's setting with 95% Monte Carlo
    /// error bars (power ± 1.96·SE, as the report's interval) and the target power if one is set.
    static func powerOverGrid(_ run: ScenarioGridRun, title: String?) -> LineFigure {
        let x = run.scenarios.map(\.value), y = run.scenarios.map(\.summary.power)
        let intervals = run.scenarios.map(\.powerInterval)
        return LineFigure(series: [.init(label: "simulated power, 95% Monte Carlo interval (\(run.settings.replicates) trials each)",
                                         x: x, y: y, intervals: intervals)],
                          xLabel: axisLabel[run.grid.axis] ?? run.grid.axis.rawValue, yLabel: "Power", yRange: (0, 1), title: title)
    }

    /// Words for the grid's setting on the x axis.
    static let axisLabel: [ScenarioGrid.Axis: String] = [
        .hazardRatio: "Hazard ratio (treatment / control)", .medianTreatment: "Median survival, treatment",
        .medianControl: "Median survival, control", .patients: "Patients enrolled", .events: "Events at the analysis",
        .accrualTime: "Accrual time", .followUp: "Follow-up after accrual", .dropoutRate: "Dropout probability by the dropout time",
    ]

    /// The hazard ratio of exponential arms (none for piecewise hazards).
    static func designHazardRatio(_ plan: SimulationPlan) -> Double? {
        let s = plan.survival
        guard s.treatment.isExponential, s.control.isExponential else { return nil }
        return s.treatment.hazards[0] / s.control.hazards[0]
    }
}
