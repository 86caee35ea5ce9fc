import SurvivalAnalysis
import SurvivalReports
import TrialDesign

/// The interim analysis shared by `survkit interim` and `survkit report`: cut the data, compare
/// the arms, recompute the design's boundaries at the observed information and decide.
struct InterimRun {
    let report: InterimReport
    /// The data as analysed (after the cut).
    let analysed: SurvivalData

    /// - Parameters:
    ///   - analysed: the data as cut (``DataOptions/loadCut``), in the design's time unit.
    ///   - settings: the design file's settings, read once by the caller.
    ///   - referenceControl: the control arm named by `--reference GROUP=LEVEL`, if any; else
    ///     the design's `control-label:` names it.
    ///   - allowOutsideWindow: analyse a look outside the design's window of events
    ///     (`min-events-per-look`/`max-events-per-look`) instead of refusing it.
    init(analysed: SurvivalData, cut cutSummary: DataCut?, groupColumn: String, strataColumns: [String],
         design: String, settings: DesignSettings, treatment: String?, referenceControl: String?,
         previousLooks: String?, priorEvents: Double? = nil, allowOutsideWindow: Bool = false) throws {
        let levels = analysed.group?.levels ?? []
        var treatmentLevel = treatment
        if treatmentLevel == nil, let control = referenceControl ?? settings.controlLabel, levels.count == 2 {
            guard let k = levels.firstIndex(of: control) else {
                throw UsageError("control arm '\(control)' is not a level of '\(groupColumn)' ('\(levels[0])', '\(levels[1])')")
            }
            treatmentLevel = levels[1 - k]
        }
        if treatmentLevel == nil, levels.count == 2, !levels.contains("treatment") {
            throw UsageError("which arm is the treatment? give --treatment LEVEL, --reference \(groupColumn)=CONTROL or control-label: in the design ('\(groupColumn)' has '\(levels[0])' and '\(levels[1])')")
        }
        let comparison = try ArmComparison(analysed, treatment: treatmentLevel ?? "treatment")
        let previous = try previousLooks.map { text throws(DesignError) in try PreviousLook.parse(text) }
        guard let interim = try settings.interimPlan(previous: previous) else {
            throw UsageError("\(design): the design has no looks: add looks (and spending) to the design file")
        }
        let plan = interim.plan
        let observation = try plan.observation(of: comparison)
        // The design's windows of events per look (min-/max-events-per-look): a look outside its
        // window is refused unless allowed, since its bound moves with the information.
        if let windows = try settings.sequential.lookWindows(), !allowOutsideWindow {
            let events = interim.previous.map(\.events) + [Double(observation.events)]
            for (k, e) in events.enumerated() where k < plan.design.looks && !windows.contains(e, look: k + 1) {
                throw UsageError("\(design): look \(k + 1) has \(e.roundTripText) events, outside its window \(windows.text(look: k + 1)) (min-events-per-look/max-events-per-look): check the cut, or add --allow-outside-window to analyse it with the boundary recomputed at its information")
            }
        }
        let result = try InterimAnalysis.analyse(plan: plan, observation: observation,
                                                 previous: interim.previous, priorEvents: priorEvents)
        self.report = InterimReport(
            result: result, comparison: comparison, source: analysed.source, groupColumn: groupColumn,
            strataColumns: analysed.strata == nil ? [] : strataColumns, rowsUsed: analysed.rowsUsed,
            omissions: analysed.omissions, cut: cutSummary, designSource: design)
        self.analysed = analysed
        // DesignError and bad group-sequential input are worded by SurvKit.exit(reporting:);
        // a numerical failure of the boundaries is not the user's input: it propagates (exit 1).
    }

    /// The boundary figure of this look: the recomputed bounds, earlier and this look's Z, and
    /// this look's bound as a hazard ratio.
    var boundaryFigure: BoundaryFigure {
        let r = report.result
        let observed = r.previous.enumerated().map { (rate: r.informationRates[$0.offset], z: $0.element.z) }
            + [(rate: r.informationFraction, z: r.observation.z)]
        var ratios = [Double?](repeating: nil, count: r.informationRates.count)
        ratios[r.look - 1] = r.criticalHazardRatio
        var futility = [Double?](repeating: nil, count: r.informationRates.count)
        futility[r.look - 1] = r.futilityBound
        for look in r.futureLooks { futility[look.look - 1] = look.futilityBound }
        return BoundaryFigure(informationRates: r.informationRates, efficacy: r.criticalValues, harm: r.design.sides == 2,
                              futility: futility, hazardRatios: ratios,
                              hazardRatioSign: r.plan.direction == .belowOne ? "≤" : "≥", observed: observed, title: nil)
    }
}
