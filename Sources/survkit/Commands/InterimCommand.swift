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

        @Option(parsing: .unconditional,
                help: "Calendar time of the data cut (with --entry): a number on the entry column's scale, or a date (YYYY-MM-DD) when the entry column holds dates.")
        var cut: String?

        @Option(name: .customLong("previous-looks"),
                help: "Looks already done, as events:z,events:z,... (z positive in the direction of the design's alternative).")
        var previousLooks: String?

        @Option(name: .customLong("prior-events"),
                help: "Predictive power under a design prior: the design's hazard ratio with the weight of this many events (default: the design file's prior-events, else a flat prior).")
        var priorEvents: Double?

        @Flag(name: .customLong("allow-outside-window"),
              help: "Analyse a look whose events fall outside the design's window (min-events-per-look/max-events-per-look) instead of refusing it.")
        var allowOutsideWindow = false

        @OptionGroup var lookWindows: LookWindowOptions

        @OptionGroup var output: OutputOptions

        @OptionGroup var figure: PlotOptions

        func validate() throws {
            guard data.group != nil else { throw ValidationError("--group is required: the column naming each patient's arm") }
            switch (entry, cut) {
            case (nil, nil), (_?, _?): break
            case (_?, nil): throw ValidationError("--entry needs --cut (the calendar time of the data cut)")
            case (nil, _?): throw ValidationError("--cut needs --entry (the column of calendar entry times)")
            }
            if let cut, Interim.cutValue(cut) == nil {
                throw ValidationError("--cut '\(cut)' is neither a finite number nor a date (YYYY-MM-DD)")
            }
            if let priorEvents, !(priorEvents.isFinite && priorEvents > 0) {
                throw ValidationError("--prior-events must be a positive number of events, got \(priorEvents)")
            }
            if let previousLooks {
                do { _ = try PreviousLook.parse(previousLooks) } catch { throw ValidationError("--previous-looks: \(error.text.asFlags)") }
            }
        }

        func run() throws {
            let cutValue = cut.map { text in (Interim.cutValue(text)!.value, Interim.cutValue(text)!.isDate, text) }
            let (detailed, cutSummary) = try data.loadCut(entry: entry, cut: cutValue)
            let analysed = detailed.data
            let settings = lookWindows.applied(to: try DesignFile.load(path: design))
            // The design's unit must be the data's (the user study met an "all censored" cut from
            // days against months).
            if let designUnit = settings.timeUnit, let dataUnit = data.outputUnit, designUnit != dataUnit {
                throw UsageError("\(design): the design's times are in \(designUnit.rawValue) (time-unit: \(designUnit.rawValue)) but the data's are in \(dataUnit.rawValue): add --report-unit \(designUnit.rawValue) (with --time-unit)")
            }
            if let designUnit = settings.timeUnit, data.outputUnit == nil {
                Terminal.warn("\(design): the design's times are in \(designUnit.rawValue); the data's unit is not given, so it is taken to be \(designUnit.rawValue) (say --time-unit to have it checked)")
            }
            // The control arm: --reference on the group, else the design's control-label.
            let referenceControl = data.reference.compactMap { try? DataOptions.referencePair($0, group: data.group) }
                .first { $0.column == data.group }?.level
            let run = try InterimRun(analysed: analysed, cut: cutSummary, groupColumn: data.group!,
                                     strataColumns: data.strata, design: design, settings: settings,
                                     treatment: treatment, referenceControl: referenceControl,
                                     previousLooks: previousLooks, priorEvents: priorEvents ?? settings.priorEvents,
                                     allowOutsideWindow: allowOutsideWindow)
            try output.emit(run.report, notes: data.notes(detailed), inputs: [data.data, design])
            if let path = figure.plot {
                // The Kaplan–Meier curves per arm of the data as cut, with the look's bound and decision.
                let curves = KaplanMeierAnalysis(run.analysed, options: KaplanMeierOptions())
                try FigureFile.write(KaplanMeierPlot.figure(curves, data: run.analysed, options: figure,
                                                            timeUnit: (data.outputUnit ?? settings.timeUnit)?.rawValue,
                                                            extraAnnotations: run.report.figureAnnotations).svg(), to: path)
            }
        }

        /// A cut as days from 1960-01-01 (a date) or as a plain number.
        static func cutValue(_ text: String) -> (value: Double, isDate: Bool)? {
            if let v = Double(text), v.isFinite { return (v, false) }
            if let d = DateText.dayNumber(text) { return (d, true) }
            return nil
        }
    }
}
