import SurvivalAnalysis
import SurvivalReports

/// Assembles a Kaplan–Meier figure: the ticks, then everything shown computed by the library
/// (risk tables at the ticks, the log-rank test and, for two groups, the Cox hazard ratio),
/// then handed to ``KaplanMeierFigure`` to draw.
enum KaplanMeierPlot {
    static func figure(_ analysis: KaplanMeierAnalysis, data: SurvivalData, options: PlotOptions,
                       timeUnit: String? = nil, extraAnnotations: [String] = []) throws -> KaplanMeierFigure {
        let ticks = self.ticks(analysis.curves.map(\.curve), plotTimes: options.plotTimes)
        let curves = try analysis.curves.map { summary in
            KaplanMeierFigure.Curve(summary, label: try options.label(of: summary.curve.label, groupColumn: analysis.groupColumn),
                                    band: options.confBand, riskTable: RiskTable(summary.curve, times: ticks.values),
                                    cumulativeEvents: options.cumulativeEvents)
        }
        let name = analysis.options.estimator == .kaplanMeier ? "Kaplan–Meier" : "Nelson–Aalen"
        return KaplanMeierFigure(curves: curves, ticks: ticks, timeUnit: timeUnit, title: options.title,
                                 estimatorName: name, confidenceLevel: analysis.options.confidenceLevel,
                                 annotations: try annotations(data, options: options) + extraAnnotations,
                                 showRiskTable: options.riskTable)
    }

    /// `--plot-times` (with 0 as the axis start), else nice ticks from 0 to the last time.
    static func ticks(_ curves: [SurvivalCurve], plotTimes: [Double]?) -> NiceTicks {
        if let plotTimes, !plotTimes.isEmpty { return NiceTicks(explicit: plotTimes, from: 0) }
        let last = curves.compactMap(\.time.last).max() ?? 1
        return NiceTicks(covering: 0, max(last, 0), target: 7)
    }

    /// Log-rank p over the groups and, for two groups, the Cox hazard ratio of the second level
    /// against the first with its Wald interval (R's `survdiff`, `coxph(Surv ~ group)`).
    /// None when there is no group, when strata split the curves further, or with case weights
    /// (survdiff takes none; an unweighted p beside weighted curves would mislead).
    static func annotations(_ data: SurvivalData, options: PlotOptions) throws -> [String] {
        // More groups than the log-rank test compares (an identifier as --group): no p, as
        // `survkit logrank` would refuse it; its k × k variance needed 3 GB at 20,000 groups.
        guard let group = data.group, data.strata == nil, data.weights == nil, group.levels.count >= 2,
              group.levels.count <= LogRankTest.maximumGroups else { return [] }
        let test = LogRank.statistics(time: data.time, event: data.event, group: group.codes,
                                      groupCount: group.levels.count).chiSquare()
        // On 0 df (V = 0: every event where all at risk had it) the test is undefined, as
        // `survkit logrank` says (exit 2): no p on the figure rather than a confident p = 1.
        var lines = test.degreesOfFreedom > 0 ? ["Log-rank p = \(NumberText.pValue(test.pValue))"] : []
        if group.levels.count == 2, data.eventCount > 0 {
            var cox = try SurvivalData(time: data.time, event: data.event, source: data.source)
            let column = data.spec.group ?? "group"
            cox.factors = [(name: column, factor: group)]
            cox.spec.factors = [column]
            if let model = try? CoxModel.fit(cox), let c = model.coefficients.first, !c.aliased {
                let versus = try "\(options.label(of: group.levels[1], groupColumn: column)) vs \(options.label(of: group.levels[0], groupColumn: column))"
                lines.append("HR \(versus): \(NumberText.significant(c.expCoef, digits: 3)) (95% CI \(NumberText.significant(c.lower, digits: 3))–\(NumberText.significant(c.upper, digits: 3)))")
            }
        }
        return lines
    }

    /// The Cox hazard ratio of `treatment` against the other level of the data's two-level group
    /// (R's `coxph(Surv ~ factor(group, levels = c(control, treatment)))`), with its 95% interval.
    static func coxHazardRatio(_ data: SurvivalData, treatment: String) -> (estimate: Double, lower: Double, upper: Double, level: Double)? {
        guard let group = data.group, group.levels.count == 2, let t = group.levels.firstIndex(of: treatment) else { return nil }
        // Control first, so the coefficient is treatment vs control.
        let codes = group.codes.map { $0 == Int32(t) ? Int32(1) : Int32(0) }
        let factor = Factor(codes: codes, levels: [group.levels[1 - t], treatment])
        guard var cox = try? SurvivalData(time: data.time, event: data.event, source: data.source) else { return nil }
        cox.factors = [(name: data.spec.group ?? "group", factor: factor)]
        cox.spec.factors = [data.spec.group ?? "group"]
        guard let model = try? CoxModel.fit(cox), let c = model.coefficients.first, !c.aliased else { return nil }
        return (c.expCoef, c.lower, c.upper, model.options.confidenceLevel)
    }
}
