import TrialDesign

/// `survkit simulate` and `survkit merge`: the summary of a Monte Carlo run.
///
/// JSON: `replicates, seed, power, power_se, rejections, events_not_reached, mean_events,
/// mean_analysis_time, mean_patients, mean_dropouts, mean_hazard_ratio, critical_value`, the plan
/// simulated (`plan`), and for each quantity (`events, events_treatment, analysis_time, patients,
/// dropouts, hazard_ratio`, and `cox_hazard_ratio` with `--cox`) an object `{count, mean, sd,
/// min, q025, q25, median, q75, q975, max}` (+ `geometric_mean` for hazard ratios). CSV: one row
/// with the same numbers, `<quantity>_<statistic>`. Nothing depends on threads or shards.
///
/// A group-sequential plan adds `expected_events` and `expected_study_duration` (the means of the
/// stopping analysis' events and time) and `looks: [{look, information_rate, events,
/// critical_value, futility_bound, reached, stopping_efficacy, stopping_futility, stopping,
/// cumulative_rejection, events_not_reached, mean_events, mean_analysis_time}]` (proportions of
/// all replicates; means over the trials that stopped at the look); in CSV `look<k>_<key>`.
public struct SimulationReport: Report, Sendable {
    /// The simulated trial.
    public let plan: SimulationPlan
    /// Replicates and seed.
    public let settings: MonteCarloSettings
    /// The summary over the replicates.
    public let summary: SimulationSummary
    /// Power and type I error of the further tests (`simulate --test`); empty without them.
    public let tests: [TestSummary]

    /// A report of a simulation's plan, settings and summary.
    /// - Parameters:
    ///   - plan: the simulated trial.
    ///   - settings: replicates and seed.
    ///   - summary: the summary over the replicates.
    ///   - tests: the further tests' summaries (none by default: the output is then unchanged).
    public init(plan: SimulationPlan, settings: MonteCarloSettings, summary: SimulationSummary, tests: [TestSummary] = []) {
        self.plan = plan
        self.settings = settings
        self.summary = summary
        self.tests = tests
    }

    /// Statistic names of a distribution, in output order, with R's `quantile` probabilities.
    static let statistics = ["count", "mean", "sd", "min", "q025", "q25", "median", "q75", "q975", "max"]

    private var quantities: [(String, SimulationSummary.Distribution, Bool)] {
        var list: [(String, SimulationSummary.Distribution, Bool)] = [
            ("events", summary.events, false), ("events_treatment", summary.eventsTreatment, false),
            ("analysis_time", summary.analysisTime, false), ("patients", summary.patients, false),
            ("dropouts", summary.dropouts, false), ("hazard_ratio", summary.hazardRatio, true),
        ]
        if let cox = summary.coxHazardRatio { list.append(("cox_hazard_ratio", cox, true)) }
        return list
    }

    private static func values(_ d: SimulationSummary.Distribution) -> [Double] {
        [Double(d.count), d.mean, d.standardDeviation, d.minimum] + d.quantiles + [d.maximum]
    }

    private var headline: [(String, JSONValue)] {
        let s = summary
        return [
            ("replicates", .int(s.replicates)), ("seed", .int(Int(settings.seed))),
            ("power", .number(s.power)), ("power_se", .number(s.powerStandardError)),
            ("rejections", .int(s.rejections)), ("events_not_reached", .int(s.eventsNotReached)),
            ("mean_events", .optional(s.events.mean)), ("mean_analysis_time", .optional(s.analysisTime.mean)),
            ("mean_patients", .optional(s.patients.mean)), ("mean_dropouts", .optional(s.dropouts.mean)),
            ("mean_hazard_ratio", .optional(s.hazardRatio.mean)), ("critical_value", .number(plan.criticalValue)),
        ] + (s.sequential == nil ? [] : [
            ("expected_events", .optional(s.events.mean)), ("expected_study_duration", .optional(s.analysisTime.mean)),
        ])
    }

    /// Per look, the keys and values of the group-sequential summary.
    private static func lookMembers(_ l: SequentialSimulationSummary.Look) -> [(String, JSONValue)] {
        [
            ("look", .int(l.look)), ("information_rate", .number(l.informationRate)), ("events", .int(l.plannedEvents)),
            ("critical_value", .number(l.criticalValue)), ("futility_bound", l.futilityBound.map { .optional($0) } ?? .null),
            ("reached", .int(l.reached)), ("stopping_efficacy", .number(l.efficacyProportion)),
            ("stopping_futility", .number(l.futilityProportion)), ("stopping", .number(l.stoppingProportion)),
            ("cumulative_rejection", .number(l.cumulativeRejection)), ("events_not_reached", .int(l.eventsNotReached)),
            ("mean_events", .optional(l.meanEvents)), ("mean_analysis_time", .optional(l.meanAnalysisTime)),
        ]
    }

    /// - Complexity: O(1).
    public func json() -> JSONValue {
        var members = headline
        if let sequential = summary.sequential {
            members.append(("looks", .array(sequential.looks.map { .object(Self.lookMembers($0)) })))
        }
        if !tests.isEmpty { members.append(("tests", .array(tests.map { .object(Self.testMembers($0)) }))) }
        members.append(("plan", planJSON()))
        for (name, d, ratio) in quantities {
            var object: [(String, JSONValue)] = [("count", .int(d.count))]
            let numbers = Self.values(d)
            for (k, statistic) in Self.statistics.enumerated().dropFirst() { object.append((statistic, .optional(numbers[k]))) }
            if ratio { object.append(("geometric_mean", .optional(d.geometricMean))) }
            members.append((name, .object(object)))
        }
        members.append(("notes", .array(plan.notes.map { JSONValue.string($0.flagSpelled) })))
        return .object(members)
    }

    private func planJSON() -> JSONValue {
        let p = plan
        var members: [(String, JSONValue)] = [
            ("patients", .int(p.patients)),
            ("accrual_times", .array(p.accrual.times.map(JSONValue.number))),
            ("accrual_rates", .array(p.accrual.rates.map(JSONValue.number))),
            ("arrivals", .string(p.arrivals.rawValue)),
            ("allocation", .string(p.allocation.description)),
            ("randomisation", .string(p.randomisation.scheme.rawValue)),
            ("block_size", p.randomisation.scheme == .permutedBlocks ? .int(p.randomisation.blockSize) : .null),
            ("hazard_times", .array(p.survival.times.map(JSONValue.number))),
            ("hazards_treatment", .array(p.survival.treatment.hazards.map(JSONValue.number))),
            ("hazards_control", .array(p.survival.control.hazards.map(JSONValue.number))),
            ("hazard_ratio", .optional(p.survival.proportionalHazardRatio)),
            ("dropout_rate_treatment", .number(p.dropout.probabilityTreatment)),
            ("dropout_rate_control", .number(p.dropout.probabilityControl)),
            ("dropout_time", p.dropout.isNone ? .null : .number(p.dropout.time)),
        ]
        if !p.survival.hasNoCure {
            members += [("cure_fraction_treatment", .number(p.survival.cureTreatment)),
                        ("cure_fraction_control", .number(p.survival.cureControl))]
        }
        switch p.cut {
        case .events(let d): members += [("cut", .string("events")), ("events", .int(d)), ("follow_up", .null)]
        case .followUp(let f): members += [("cut", .string("follow-up")), ("events", .null), ("follow_up", .number(f))]
        }
        members += [("alpha", .number(p.alpha)), ("sides", .int(p.sides)), ("cox", .bool(p.cox))]
        if let looks = p.looks {
            members += [
                ("information_rates", .array(looks.informationRates.map(JSONValue.number))),
                ("look_events", .array(p.lookEvents.map(JSONValue.int))),
                ("critical_values", .array(looks.criticalValues.map(JSONValue.number))),
                ("futility_bounds", looks.futilityBounds.map { .array($0.map { .optional($0) }) } ?? .null),
            ]
        }
        return .object(members)
    }

    /// One row: the headline numbers, then `<quantity>_<statistic>` for every quantity.
    /// - Complexity: O(1).
    public func csv() -> String {
        var header = headline.map(\.0)
        func cell(_ value: JSONValue) -> CSVWriter.Cell {
            switch value {
            case .int(let i): return .int(i)
            case .number(let x): return .number(x.isFinite ? x : nil)
            case .string(let s): return .text(s)
            default: return .text("NA")
            }
        }
        var cells: [CSVWriter.Cell] = headline.map { cell($0.1) }
        for (k, test) in tests.enumerated() {
            for (key, value) in Self.testMembers(test) {
                header.append("test\(k + 1)_\(key)")
                cells.append(cell(value))
            }
        }
        for look in summary.sequential?.looks ?? [] {
            for (key, value) in Self.lookMembers(look).dropFirst() {
                header.append("look\(look.look)_\(key)")
                cells.append(cell(value))
            }
        }
        for (name, d, ratio) in quantities {
            let numbers = Self.values(d)
            for (k, statistic) in Self.statistics.enumerated() {
                header.append("\(name)_\(statistic)")
                cells.append(k == 0 ? .int(d.count) : .number(numbers[k].isFinite ? numbers[k] : nil))
            }
            if ratio {
                header.append("\(name)_geometric_mean")
                cells.append(.number(d.geometricMean.isFinite ? d.geometricMean : nil))
            }
        }
        var writer = CSVWriter(header: header)
        writer.append(cells)
        return writer.rendered()
    }

    /// - Complexity: O(1).
    public func text() -> String {
        let p = plan, s = summary
        var out = "Simulated two-arm time-to-event trial: \(s.replicates) replicates, seed \(settings.seed)\n\n"
        var assumptions = TextTable([("Assumption", .left), ("Value", .left)])
        assumptions.append(["patients", "\(p.patients), \(SimulationText.entries(p))"])
        assumptions.append(["accrual", DesignText.accrual(p.accrual, end: nil)])
        assumptions.append(["allocation T:C", "\(p.allocation), \(SimulationText.randomisation(p.randomisation))"])
        assumptions.append(["control", SimulationText.arm(p.survival.control, times: p.survival.times, cure: p.survival.cureControl)])
        assumptions.append(["treatment", SimulationText.arm(p.survival.treatment, times: p.survival.times, cure: p.survival.cureTreatment)])
        if let ratio = p.survival.proportionalHazardRatio { assumptions.append(["hazard ratio (T/C)", DesignText.number(ratio)]) }
        assumptions.append(["dropout", SimulationText.dropout(p.dropout)])
        if p.looks != nil {
            assumptions.append(["analyses", "at " + p.lookEvents.map(String.init).joined(separator: ", ") + " events"])
            assumptions.append(["test", "log-rank, alpha \(DesignText.number(p.alpha)) "
                + (p.sides == 2 ? "two-sided (|Z| >= c_k)" : "one-sided for benefit (Z = -z >= c_k)")
                + (p.looks?.futilityBounds != nil ? ", futility stop when Z < u_k" : "")])
        } else {
            assumptions.append(["analysis", SimulationText.cut(p.cut)])
            assumptions.append(["test", "log-rank, alpha \(DesignText.number(p.alpha)) "
                + (p.sides == 2 ? "two-sided (|z| >= \(DesignText.number(p.criticalValue)))"
                                : "one-sided for benefit (z <= -\(DesignText.number(p.criticalValue)))")])
        }
        out += assumptions.rendered(indent: 2)

        var result = TextTable([("Result", .left), ("Value", .left)])
        result.append(["power", "\(NumberText.fixed(s.power, decimals: 4)) (Monte Carlo SE \(NumberText.fixed(s.powerStandardError, decimals: 4)); "
            + "\(s.rejections) of \(s.replicates) rejected)"])
        if s.eventsNotReached > 0 {
            result.append(["events not reached", "\(s.eventsNotReached) trials (not counted as rejections)"])
        }
        if s.sequential != nil {
            result.append(["expected events", DesignText.number(s.events.mean)])
            result.append(["expected duration", DesignText.number(s.analysisTime.mean)])
        }
        out += "\n" + result.rendered(indent: 2)
        out += testsText()

        if let sequential = s.sequential {
            var looks = TextTable([("Look", .right), ("events", .right), ("c_k", .right), ("u_k", .right),
                                   ("stop efficacy", .right), ("stop futility", .right), ("cumulative rejection", .right),
                                   ("mean events", .right), ("mean time", .right)])
            for l in sequential.looks {
                looks.append([String(l.look), String(l.plannedEvents), DesignText.number(l.criticalValue),
                              l.futilityBound.map { DesignText.number($0) } ?? "",
                              NumberText.fixed(l.efficacyProportion, decimals: 4), NumberText.fixed(l.futilityProportion, decimals: 4),
                              NumberText.fixed(l.cumulativeRejection, decimals: 4),
                              DesignText.number(l.meanEvents), DesignText.number(l.meanAnalysisTime)])
            }
            out += "\n" + looks.rendered(indent: 2)
            out += "  Mean events and time are those of the analyses that ended a trial at the look; Z = -z (benefit positive).\n"
        }

        var table = TextTable([("Quantity", .left), ("mean", .right), ("sd", .right), ("2.5%", .right), ("25%", .right),
                               ("median", .right), ("75%", .right), ("97.5%", .right)])
        let labels = ["events": "events", "events_treatment": "events, treatment", "analysis_time": "analysis time",
                      "patients": "patients enrolled", "dropouts": "dropouts", "hazard_ratio": "hazard ratio (log-rank)",
                      "cox_hazard_ratio": "hazard ratio (Cox)"]
        for (name, d, _) in quantities {
            table.append([labels[name] ?? name] + ([d.mean, d.standardDeviation] + d.quantiles).map { DesignText.number($0) })
        }
        out += "\n" + table.rendered(indent: 2)
        if s.hazardRatio.count < s.replicates {
            out += "  The log-rank hazard ratio is undefined in \(s.replicates - s.hazardRatio.count) trials (no events or one arm empty).\n"
        }
        if let cox = s.coxHazardRatio, cox.count < s.replicates {
            out += "  The Cox estimate is left out in \(s.replicates - cox.count) trials (not converged or infinite, e.g. all events in one arm).\n"
        }
        for note in p.notes { out += "\nNote: \(note.flagSpelled).\n" }
        return out
    }
}

/// How simulation assumptions are spelled for people.
enum SimulationText {
    static func entries(_ p: SimulationPlan) -> String {
        switch p.arrivals {
        case .even: return "entering evenly over the accrual"
        case .poisson: return "entering as a Poisson process"
        case .uniform: return "entering at independent uniform times over the accrual"
        }
    }

    static func randomisation(_ r: Randomisation) -> String {
        switch r.scheme {
        case .permutedBlocks: return "permuted blocks of \(r.blockSize)"
        case .simple: return "simple randomisation"
        case .alternating: return "alternating \(r.treatmentShare) treatment, \(r.controlShare) control"
        }
    }

    static func arm(_ d: PiecewiseExponential, times: [Double], cure: Double) -> String {
        guard cure > 0 else { return arm(d, times: times) }
        return "cure fraction \(DesignText.number(cure)); uncured: " + arm(d, times: times)
    }

    static func arm(_ d: PiecewiseExponential, times: [Double]) -> String {
        if d.isExponential { return "median \(DesignText.number(d.median)), hazard \(DesignText.number(d.hazards[0]))" }
        var pieces: [String] = []
        for k in d.hazards.indices {
            let range = k + 1 < times.count
                ? "[\(DesignText.number(times[k])), \(DesignText.number(times[k + 1])))" : "from \(DesignText.number(times[k]))"
            pieces.append("\(DesignText.number(d.hazards[k])) \(range)")
        }
        return "hazard " + pieces.joined(separator: ", ") + "; median \(DesignText.number(d.median))"
    }

    static func dropout(_ d: ExponentialDropout) -> String {
        if d.isNone { return "none" }
        if d.probabilityTreatment == d.probabilityControl {
            return "exponential, \(DesignText.percent(d.probabilityTreatment)) by \(DesignText.number(d.time))"
        }
        return "exponential, \(DesignText.percent(d.probabilityTreatment)) treatment / "
            + "\(DesignText.percent(d.probabilityControl)) control by \(DesignText.number(d.time))"
    }

    static func cut(_ c: AnalysisCut) -> String {
        switch c {
        case .events(let d): return "when \(d) events have occurred"
        case .followUp(let f): return "\(DesignText.number(f)) after the last patient entered"
        }
    }
}
