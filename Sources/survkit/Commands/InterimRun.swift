import SurvivalAnalysis
import SurvivalReports
import TrialDesign

/// The interim analysis shared by `survkit interim` and `survkit report`: cut the data, compare
/// the arms, recompute the design's boundaries at the observed information and decide.
struct InterimRun {
    let report: InterimReport
    /// The data as analysed (after the cut).
    let analysed: SurvivalData

    init(loaded: SurvivalData, groupColumn: String, strataColumns: [String], design: String,
         treatment: String?, cut: Double?, previousLooks: String?) throws {
        var analysed = loaded
        var cutSummary: DataCut? = nil
        if let cut { (analysed, cutSummary) = try loaded.cut(atCalendarTime: cut) }
        let levels = analysed.group?.levels ?? []
        if treatment == nil, levels.count == 2, !levels.contains("treatment") {
            throw UsageError("which arm is the treatment? give --treatment LEVEL ('\(groupColumn)' has '\(levels[0])' and '\(levels[1])')")
        }
        let comparison = try ArmComparison(analysed, treatment: treatment ?? "treatment")
        do {
            var settings = try DesignFile.load(path: design)
            // Only the maximum events matter here: drop what asks another design question.
            settings.solve = nil
            settings.patients = nil
            settings.events = nil
            settings.grid = nil
            if let previousLooks { settings.sequential.previousLooks = try PreviousLook.parse(previousLooks) }
            guard let sequential = try settings.sequentialDesign() else {
                throw UsageError("\(design): the design has no looks: add looks (and spending) to the design file")
            }
            let plan = try InterimPlan(SequentialDesignSolver.solve(settings.request(), design: sequential))
            let z = plan.direction == .belowOne ? -comparison.z : comparison.z
            let observation = try InterimObservation(events: comparison.events, z: z,
                                                     allocationRatio: comparison.allocationRatio)
            let result = try InterimAnalysis.analyse(plan: plan, observation: observation,
                                                     previous: settings.sequential.previousLooks ?? [])
            self.report = InterimReport(
                result: result, comparison: comparison, source: analysed.source, groupColumn: groupColumn,
                strataColumns: analysed.strata == nil ? [] : strataColumns, rowsUsed: analysed.rowsUsed,
                omissions: analysed.omissions, cut: cutSummary, designSource: design)
            self.analysed = analysed
        } catch let error as DesignError {
            throw UsageError(error.message)
        } catch let error as GroupSequentialError where error.isInputError {
            throw UsageError(error.description)
        }
        // A numerical failure of the boundaries is not the user's input: it propagates (exit 1).
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
