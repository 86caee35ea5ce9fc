import ArgumentParser
import SurvivalReports
import TrialDesign

extension SurvKit {
    /// `survkit boundaries`: group-sequential stopping boundaries by alpha spending, with
    /// optional non-binding futility bounds by beta spending, as rpact's
    /// `getDesignGroupSequential` and `getDesignCharacteristics`.
    struct Boundaries: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "boundaries",
            abstract: "Group-sequential boundaries by alpha spending or classical (Pocock, O'Brien-Fleming, Wang-Tsiatis, Haybittle-Peto), matched to rpact.",
            discussion: """
                Computes the critical value of each look so that the cumulative type I error spent \
                equals the spending function (recursive numerical integration, Jennison & Turnbull \
                ch. 19), the nominal stage levels, optional non-binding futility bounds by beta \
                spending, the inflation factor over the fixed design and the stopping probabilities \
                under H0 and H1 (the alternative with the given power).
                """)

        @OptionGroup var sequential: GroupSequentialOptions

        // Unconditional parsing takes the next word even when it looks like a flag (--alpha -0.1),
        // so a negative value is reported as out of range rather than as a missing value.
        @Option(parsing: .unconditional, help: "Type I error: one-sided, or the two-sided total with --sides 2; in (0, 0.5].")
        var alpha: Double = 0.025

        @Option(parsing: .unconditional, help: "1 (one-sided, upper) or 2 (two-sided, symmetric).")
        var sides: Int = 1

        @Option(parsing: .unconditional, help: "Power defining the alternative (H1) and the beta spending, in (alpha, 1).")
        var power: Double = 0.8

        @Option(parsing: .unconditional, help: "Events at the final look: adds each bound on the hazard-ratio scale (benefit = HR below 1).")
        var events: Double?

        @Option(help: "Allocation treatment:control for the hazard-ratio scale (default 1:1; needs --events).")
        var allocation: String?

        @OptionGroup var output: OutputOptions

        @OptionGroup var figure: PlotOptions

        func run() throws {
            let design = try sequential.design(alpha: alpha, sides: sides, power: power)
            // Bad input is worded by SurvKit.exit(reporting:); a numerical failure is not the
            // user's input: it propagates as an internal error (exit 1).
            let boundaries = try design.boundaries()
            if let events {
                guard events.isFinite, events > 0 else { throw UsageError("--events must be a positive number of events, got \(events)") }
                var ratio = 1.0
                if let allocation {
                    do throws(DesignError) { ratio = try Allocation(parsing: allocation).ratio } catch {
                        throw UsageError("--allocation: \(error.message)")
                    }
                }
                var report = BoundariesReport(boundaries, maximumEvents: events, allocationRatio: ratio)
                let windows: LookWindows?
                do throws(DesignError) { windows = try sequential.settings.lookWindows(spell: { "--" + $0.rawValue }) } catch {
                    throw UsageError(error)
                }
                if let windows {
                    do throws(GroupSequentialError) {
                        report.windows = try windows.bounds(design: design, maximumEvents: events)
                    } catch {
                        guard error.isInputError else { throw error }
                        throw UsageError("--min-events-per-look/--max-events-per-look with --events \(events.roundTripText): \(error.description)")
                    }
                }
                try output.emit(report)
            } else {
                guard sequential.minEventsPerLook == nil, sequential.maxEventsPerLook == nil else {
                    throw UsageError("--min-events-per-look/--max-events-per-look need --events (the planned events of the final look) to place the windows")
                }
                guard allocation == nil else { throw UsageError("--allocation gives the hazard-ratio scale with --events: add --events or drop --allocation") }
                try output.emit(BoundariesReport(boundaries))
            }
            if let path = figure.plot { try writeFigure(boundaries, to: path) }
        }

        /// The bounds per look on the Z scale (no hazard ratios: the events are not known here).
        private func writeFigure(_ boundaries: GroupSequentialBoundaries, to path: String) throws {
            let looks = boundaries.looks
            let plot = BoundaryFigure(informationRates: looks.map(\.informationRate), efficacy: looks.map(\.criticalValue),
                                      harm: boundaries.design.sides == 2, futility: looks.map(\.futilityBound),
                                      hazardRatios: [], hazardRatioSign: "≤", observed: [], title: figure.title)
            try FigureFile.write(plot.svg(), to: path)
        }
    }
}
