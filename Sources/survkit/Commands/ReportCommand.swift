import Foundation
import ArgumentParser
import SurvivalAnalysis
import SurvivalReports
import TrialDesign

extension SurvKit {
    /// `survkit report`: a whole analysis written as a bundle — index.html (self-contained),
    /// report.md with the SVG figures beside it, and the CSV/JSON tables.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write an interim or design report bundle: index.html, report.md, SVG figures, CSV/JSON tables.",
            discussion: """
                With a data file (and --time, --event, --group) the report is an interim analysis of the \
                design file's group-sequential design: data cut and disposition, Kaplan–Meier curves per arm \
                with the number at risk, medians with CIs, log-rank and Cox hazard ratio, the boundary \
                decision and conditional power, then the design. With the design file alone it is a design \
                report: assumptions, events and patients, boundaries and (with --grid) the sensitivity grid. \
                The bundle's bytes depend only on the inputs (no dates, no randomness).
                """)

        @Option(help: "Design file (YAML or JSON), as `survkit design --file` reads it.")
        var design: String

        @Argument(help: "CSV file of the trial data (optional: without it the report is a design report).")
        var data: String?

        @Option(help: "Column holding the follow-up time.")
        var time: String?
        @Option(help: "Column holding the event indicator.")
        var event: String?
        @Option(help: "Column naming each patient's arm.")
        var group: String?
        @Option(help: "The group level that is the treatment arm (default: a level named 'treatment').")
        var treatment: String?
        @Option(help: "Column holding each patient's calendar time of entry (with --cut).")
        var entry: String?
        @Option(parsing: .unconditional, help: "Calendar time of the data cut, on the entry column's scale (with --entry).")
        var cut: Double?
        @Option(name: .customLong("previous-looks"), help: "Looks already done, as events:z,events:z,...")
        var previousLooks: String?

        @Flag(name: .customLong("allow-outside-window"),
              help: "Analyse a look whose events fall outside the design's window (min-events-per-look/max-events-per-look) instead of refusing it.")
        var allowOutsideWindow = false

        @OptionGroup var lookWindows: LookWindowOptions

        @Option(parsing: .unconditional, help: "Planned patients whose power the sensitivity grid shows (with --grid).")
        var patients: Int?
        @Option(help: "Sensitivity grid for the design section, e.g. accrual=12:36:6,follow-up=6:36:6.")
        var grid: String?

        @Option(name: .customLong("what-if-nph"),
                help: "Add the section 'What if hazards are not proportional' for --patients at ACCRUAL:FOLLOW-UP months (uniform accrual): power under a 3-month delay and a 30% cure fraction, analytic and simulated (10,000 replicates, seed 1).")
        var whatIfNPH: String?

        @OptionGroup var figure: PlotOptions

        @Option(name: .customLong("output-dir"), help: "Folder to write the bundle into (created if missing; other files in it are kept).")
        var outputDirectory: String

        func validate() throws {
            if data != nil {
                guard time != nil, event != nil, group != nil else {
                    throw ValidationError("a data file needs --time, --event and --group (the arm column)")
                }
            } else if time != nil || event != nil || group != nil || entry != nil || cut != nil {
                throw ValidationError("--time, --event, --group, --entry and --cut need a data file")
            }
            switch (entry, cut) {
            case (nil, nil), (_?, _?): break
            case (_?, nil): throw ValidationError("--entry needs --cut (the calendar time of the data cut)")
            case (nil, _?): throw ValidationError("--cut needs --entry (the column of calendar entry times)")
            }
            if let patients, patients <= 0 { throw ValidationError("--patients must be positive (got \(patients))") }
            if figure.plot != nil { throw ValidationError("--plot is for single figures: the report writes its figures into --output-dir") }
            if whatIfNPH != nil {
                guard patients != nil else { throw ValidationError("--what-if-nph needs --patients (the patients whose power it shows)") }
                _ = try nphTimes()
            }
        }

        func run() throws {
            var sections: [ReportDocument.Section] = []
            var tables: [(name: String, contents: String)] = []
            var title = "Design report"
            var subtitle = "Design file \(design); survkit \(SurvKit.configuration.version), numbers matched to R's survival and rpact."
            if let data, let time, let event, let group {
                let options = try DataOptions.make(data: data, time: time, event: event, group: group)
                let (detailed, cutSummary) = try options.loadCut(
                    entry: entry, cut: cut.map { (value: $0, isDate: false, text: NumberText.roundTrip($0)) })
                let settings = lookWindows.applied(to: try DesignFile.load(path: design))
                let run = try InterimRun(analysed: detailed.data, cut: cutSummary, groupColumn: group, strataColumns: [],
                                         design: design, settings: settings, treatment: treatment,
                                         referenceControl: nil, previousLooks: previousLooks,
                                         priorEvents: settings.priorEvents, allowOutsideWindow: allowOutsideWindow)
                let curves = KaplanMeierAnalysis(run.analysed, options: KaplanMeierOptions())
                // The page has the title; the figure does not repeat it.
                var figureOptions = figure
                figureOptions.title = nil
                let km = try KaplanMeierPlot.figure(curves, data: run.analysed, options: figureOptions,
                                                    timeUnit: settings.timeUnit?.rawValue,
                                                    extraAnnotations: run.report.figureAnnotations)
                let c = run.report.comparison
                let hazardRatio = KaplanMeierPlot.coxHazardRatio(run.analysed, treatment: c.treatmentLevel)
                let interim = InterimSections(
                    report: run.report, curves: curves, armLabels: try curves.curves.map {
                        try figure.label(of: $0.curve.label, groupColumn: group)
                    }, coxHazardRatio: hazardRatio, figure: km.svg())
                sections += interim.sections
                sections.append(.init("Boundaries at this look", [.figure(
                    file: "boundaries.svg", svg: run.boundaryFigure.svg(),
                    caption: "Efficacy bounds recomputed at the observed information (labels: Z and this look's bound as a hazard ratio), with the observed log-rank Z.")]))
                // The tables as `survkit interim` writes them, with what the data layer did (filter, unit).
                let notes = options.notes(detailed)
                tables += [("interim.json", notes.render(run.report, as: .json)), ("interim.csv", notes.render(run.report, as: .csv))]
                title = figure.title ?? "Interim analysis, look \(run.report.result.look) of \(run.report.result.informationRates.count)"
                subtitle = "Data \(data) and design \(design); survkit \(SurvKit.configuration.version), numbers matched to R's survival and rpact."
            } else if let given = figure.title {
                title = given
            }
            let designPart = try DesignPart(file: design, grid: grid, patients: patients)
            sections += designPart.sections
            tables += designPart.tables
            if whatIfNPH != nil, let patients {
                let (accrual, followUp) = try nphTimes()
                do {
                    var base = try DesignFile.load(path: design)
                    base.power = nil
                    let scenarios = try NonProportionalScenarios(
                        base: base, patients: patients, accrualTime: accrual, followUp: followUp,
                        settings: MonteCarloSettings(replicates: 10_000, seed: 1),
                        threads: ProcessInfo.processInfo.activeProcessorCount)
                    sections.append(NonProportionalSection(scenarios).section)
                } catch let error as DesignError {
                    throw UsageError(error.message)
                }
            }
            sections.append(.init("Files", [.files(tables.map(\.name))]))
            let document = ReportDocument(title: title, subtitle: subtitle, sections: sections)
            try BundleDirectory.write(ReportBundle(document, tables: tables), to: outputDirectory)
        }
    }
}

extension SurvKit.Report {
    /// `--what-if-nph ACCRUAL:FOLLOW-UP` as two positive finite times.
    func nphTimes() throws -> (Double, Double) {
        let parts = (whatIfNPH ?? "").split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let a = parts[0], let f = parts[1], a.isFinite, a > 0, f.isFinite, f >= 0 else {
            throw ValidationError("--what-if-nph takes ACCRUAL:FOLLOW-UP in months, e.g. 18:12 (got '\(whatIfNPH ?? "")')")
        }
        return (a, f)
    }
}

/// The design half of a report: `survkit design --file` for the file (sequential or fixed), the
/// boundaries figure of a sequential design, and the sensitivity grid with its heat map.
struct DesignPart {
    let sections: [ReportDocument.Section]
    let tables: [(name: String, contents: String)]

    init(file: String, grid: String?, patients: Int?) throws {
        do {
            let settings = try DesignFile.load(path: file)
            var base = settings
            base.grid = nil; base.patients = nil; base.events = nil; base.solve = nil
            var figures: [(file: String, svg: String, caption: String)] = []
            var tables: [(name: String, contents: String)] = []
            let text: String
            if let sequential = try base.sequentialDesign() {
                let result: SequentialDesignResult
                do { result = try SequentialDesignSolver.solve(base.request(), design: sequential) } catch let error as GroupSequentialError where error.isInputError {
                    throw UsageError(error.description)
                }
                let report = SequentialDesignReport(result)
                text = report.text()
                tables.append(("design.json", report.rendered(as: .json)))
                let figure = DesignPlots.boundaries(result, title: nil)
                figures.append(("design-boundaries.svg", figure.svg(),
                                "Efficacy bounds per look on the Z scale, labelled with the bound as a hazard ratio at the look's planned events."))
                if let events = DesignPlots.expectedEvents(result) {
                    figures.append(("design-events.svg", events.svg(),
                                    "Expected events by calendar time under the design's hazard ratio, per arm and in all, with the looks' expected times."))
                }
            } else {
                let result = try DesignSolver.solve(base.request())
                let report = DesignReport(result)
                text = report.text()
                tables.append(("design.json", report.rendered(as: .json)))
                if let byPatients = try DesignPlots.powerByPatients(result, title: nil) {
                    figures.append(("power-patients.svg", byPatients.svg(),
                                    "Power against the patients enrolled at the design's accrual and follow-up (rpact's getPowerSurvival)."))
                }
                figures.append(("power.svg", try DesignPlots.powerCurve(result, title: nil).svg(),
                                "Power against the true hazard ratio with the design's \(NumberText.significant(result.eventsRequired, digits: 4)) events (rpact's getPowerSurvival at fixed events)."))
            }
            var sensitivityText: String? = nil
            var gridSettings = settings
            if let grid { gridSettings.grid = grid }
            if let patients { gridSettings.patients = Double(patients) }
            gridSettings.sequential = SequentialSettings()
            if let sensitivityGrid = try gridSettings.sensitivityGrid() {
                let analysis = try SensitivityAnalysis(
                    assumptions: try gridSettings.assumptions(), method: gridSettings.method ?? .schoenfeld,
                    patients: gridSettings.patients, grid: sensitivityGrid, defaults: gridSettings.defaultsUsed())
                let report = SensitivityReport(analysis)
                sensitivityText = report.text()
                tables.append(("sensitivity.csv", report.rendered(as: .csv)))
                if let map = DesignPlots.heatMap(analysis, title: nil) {
                    let planned = map.planned
                    figures.append(("sensitivity.svg",
                                    map.svg(),
                                    "Patients to enrol over accrual time (columns) and follow-up (rows)"
                                        + (planned.map { "; the thick line bounds the pairs where \($0) patients suffice" } ?? "") + "."))
                }
            }
            self.sections = DesignSections(designFile: file, designText: text, figures: figures,
                                           sensitivityText: sensitivityText).sections
            self.tables = tables
        } catch let error as DesignError {
            throw UsageError(error.message)
        }
    }
}
