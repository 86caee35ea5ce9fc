import ArgumentParser
import SurvivalReports

/// `--plot FILE.svg|.png|.pdf` and what the figure shows (docs/km.md, "Figures").
struct PlotOptions: ParsableArguments {
    @Option(help: "Write a figure to this file: .svg (survkit's own writer), or .png/.pdf through rsvg-convert (Debian librsvg2-bin).")
    var plot: String?

    @Option(name: .customLong("plot-times"),
            help: "Comma-separated times (>= 0) of the x ticks and of the number-at-risk table (default: nice ticks over the data).",
            transform: CommaList.doubles)
    var plotTimes: [Double]?

    @Flag(name: .customLong("risk-table"), inversion: .prefixedNo,
          help: "Print the number-at-risk table under a Kaplan–Meier plot.")
    var riskTable: Bool = true

    @Flag(name: .customLong("cumulative-events"), help: "Add a cumulative-events row per group under the number at risk.")
    var cumulativeEvents: Bool = false

    @Flag(name: .customLong("conf-band"), help: "Shade the pointwise confidence band of each curve.")
    var confBand: Bool = false

    @Option(help: "Group labels for the figure, as VALUE=LABEL pairs: \"1=Male,2=Female\".")
    var labels: String?

    @Option(help: "Title printed above the figure.")
    var title: String?

    func validate() throws {
        if let plotTimes, let bad = plotTimes.first(where: { $0 < 0 }) {
            throw ValidationError("--plot-times must be >= 0, not \(NumberText.roundTrip(bad))")
        }
        if let plot { _ = try FigureFile.Kind(path: plot) }
        _ = try labelMap()
    }

    /// `--labels` as a value → label map.
    func labelMap() throws -> [String: String] {
        guard let labels else { return [:] }
        var map: [String: String] = [:]
        for pair in try CommaList.strings(labels) {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex, pair.index(after: eq) != pair.endIndex else {
                throw ValidationError("--labels: '\(pair)' is not VALUE=LABEL")
            }
            map[String(pair[..<eq]).trimmingSpaces()] = String(pair[pair.index(after: eq)...]).trimmingSpaces()
        }
        return map
    }

    /// The figure label of a curve: the --labels entry of its group value, else `column=value`
    /// (R's strata naming); strata labels `a=1, b=2` have each value mapped.
    func label(of curveLabel: String?, groupColumn: String?) throws -> String {
        let map = try labelMap()
        guard let curveLabel else { return "All" }
        if curveLabel.contains("=") {
            return curveLabel.split(separator: ",").map { part -> String in
                let text = String(part).trimmingSpaces()
                guard let eq = text.firstIndex(of: "=") else { return text }
                let value = String(text[text.index(after: eq)...])
                return map[value] ?? text
            }.joined(separator: ", ")
        }
        if let mapped = map[curveLabel] { return mapped }
        return groupColumn.map { "\($0)=\(curveLabel)" } ?? curveLabel
    }
}
