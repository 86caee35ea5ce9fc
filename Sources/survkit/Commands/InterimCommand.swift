import ArgumentParser
import SurvivalAnalysis
import SurvivalReports
import TrialDesign

extension SurvKit {
    /// `survkit interim`: a group-sequential design applied to the data at a look — the log-rank Z,
    /// the information fraction, the boundary recomputed at the observed information, the decision,
    /// the conditional power and the repeated confidence interval (rpact's getStageResults,
    /// getConditionalPower and getRepeatedConfidenceIntervals).
    struct Interim: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "interim",
            abstract: "Interim analysis of a group-sequential two-arm survival trial, matched to rpact.",
            discussion: """
                The design file is the one `survkit design` reads, with looks (looks, \
                information-rates, spending, ...); its maximum events are those of `survkit design \
                --file FILE`, rounded up. With --entry and --cut the data are cut at a calendar time: \
                patients entering after it are left out and follow-up past it is censored at it. \
                Earlier looks (events:z, z as this command reports it) come from --previous-looks or \
                the design file's previous-looks key.
                """)

        @OptionGroup var data: DataOptions

        @Option(help: "Design file (YAML or JSON) with looks and spending, as `survkit design --file` reads it.")
        var design: String

        @Option(help: "The group level that is the treatment arm (default: a level named 'treatment').")
        var treatment: String?

        @Option(help: "Column holding each patient's calendar time of entry (with --cut).")
        var entry: String?

        @Option(parsing: .unconditional, help: "Calendar time of the data cut, on the entry column's scale (with --entry).")
        var cut: Double?

        @Option(name: .customLong("previous-looks"),
                help: "Looks already done, as events:z,events:z,... (z positive in the direction of the design's alternative).")
        var previousLooks: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard data.group != nil else { throw ValidationError("--group is required: the column naming each patient's arm") }
            switch (entry, cut) {
            case (nil, nil), (_?, _?): break
            case (_?, nil): throw ValidationError("--entry needs --cut (the calendar time of the data cut)")
            case (nil, _?): throw ValidationError("--cut needs --entry (the column of calendar entry times)")
            }
            if let cut, !cut.isFinite { throw ValidationError("--cut must be a finite time") }
            if let previousLooks {
                do { _ = try PreviousLook.parse(previousLooks) } catch { throw ValidationError("--previous-looks: \(error.message)") }
            }
        }

        func run() throws {
            let loaded = try data.load(entry: entry)
            var analysed = loaded
            var cutSummary: DataCut? = nil
            if let cut { (analysed, cutSummary) = try loaded.cut(atCalendarTime: cut) }
            let levels = analysed.group?.levels ?? []
            if treatment == nil, levels.count == 2, !levels.contains("treatment") {
                throw UsageError("which arm is the treatment? give --treatment LEVEL ('\(data.group!)' has '\(levels[0])' and '\(levels[1])')")
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
                try output.emit(InterimReport(
                    result: result, comparison: comparison, source: analysed.source, groupColumn: data.group!,
                    strataColumns: analysed.strata == nil ? [] : data.strata, rowsUsed: analysed.rowsUsed,
                    omissions: analysed.omissions, cut: cutSummary, designSource: design),
                    inputs: [data.data, design])
            } catch let error as DesignError {
                throw UsageError(error.message)
            } catch let error as GroupSequentialError where error.isInputError {
                throw UsageError(error.description)
            }
            // A numerical failure of the boundaries is not the user's input: it propagates (exit 1).
        }
    }
}
