/// Cumulative incidence curves (Aalen–Johansen, one per cause and group) as rising step
/// functions from 0, with optional pointwise confidence bands, a legend giving each curve's
/// final incidence, and test results (Gray's test) in the upper left. Rendering only: the
/// curves and tests come computed. Same conventions as ``KaplanMeierFigure``: fixed size,
/// Okabe–Ito colours, one path per curve, deterministic bytes for the same input.
public struct CumulativeIncidenceFigure: Sendable {
    /// One curve: a cause within a group.
    public struct Curve: Sendable {
        /// Legend label (e.g. `relapse, group=A`).
        public var label: String
        /// Event times, ascending.
        public var time: [Double]
        /// The cumulative incidence just after each time.
        public var incidence: [Double]
        /// Pointwise lower and upper limits at each time, nil for no band (NaN = not drawn).
        public var band: (lower: [Double], upper: [Double])?

        /// A curve from its steps.
        /// - Parameters:
        ///   - label: legend label.
        ///   - time: step times, ascending.
        ///   - incidence: value after each step.
        ///   - band: pointwise limits to shade, or nil.
        public init(label: String, time: [Double], incidence: [Double], band: (lower: [Double], upper: [Double])?) {
            self.label = label; self.time = time; self.incidence = incidence; self.band = band
        }
    }

    /// The curves, drawn in order (colour k for curve k).
    public var curves: [Curve]
    /// The x ticks (`--plot-times` or nice ticks covering the follow-up).
    public var ticks: NiceTicks
    /// Unit of the time axis, if known.
    public var timeUnit: String?
    /// The title, if any.
    public var title: String?
    /// Lines of test results shown in the panel.
    public var annotations: [String]

    /// A figure of `curves` on the x `ticks`.
    /// - Parameters:
    ///   - curves: the curves drawn.
    ///   - ticks: x ticks; the axis spans them.
    ///   - timeUnit: unit shown in the x label.
    ///   - title: title above the legend.
    ///   - annotations: lines shown in the panel (test results).
    public init(curves: [Curve], ticks: NiceTicks, timeUnit: String?, title: String?, annotations: [String]) {
        self.curves = curves; self.ticks = ticks; self.timeUnit = timeUnit; self.title = title; self.annotations = annotations
    }

    static let width = 760.0
    static let plotHeight = 320.0
    static let rowHeight = 18.0
    static let smallFont = 12.0

    /// The SVG document.
    /// - Complexity: O(m) for m curve rows, output O(curves × plot width).
    public func svg() -> String {
        let font = SVGCanvas.fontSize
        let left = 72.0, right = 28.0
        var top = 12.0
        let titleY = title == nil ? nil : top + font + 2
        if title != nil { top += font + 14 }
        let legendTop = top
        top += Double(curves.count) * Self.rowHeight + 10
        let plot = (x: left, y: top, width: Self.width - left - right, height: Self.plotHeight)
        let bottom = plot.y + plot.height
        let height = bottom + 56

        // y axis: 0 to a nice ceiling over the highest limit drawn (at most 1).
        let highest = curves.flatMap { c in c.incidence + (c.band?.upper ?? []) }.filter(\.isFinite).max() ?? 1
        let yTicks = NiceTicks(covering: 0, Swift.min(1, Swift.max(highest, 0.05)), target: 6)
        var canvas = SVGCanvas(width: Self.width, height: height)
        canvas.setPlotArea(x: plot.x, y: plot.y, width: plot.width, height: plot.height)
        canvas.title(title ?? "Cumulative incidence curves")
        let xs = LinearScale(domain: (ticks.lower, ticks.upper), range: (plot.x, plot.x + plot.width))
        let ys = LinearScale(domain: (yTicks.lower, yTicks.upper), range: (bottom, plot.y))
        if let title, let titleY { canvas.text(title, x: left, y: titleY, size: font + 2, bold: true, cls: "title") }

        canvas.beginGroup(class: "legend")
        for (k, c) in curves.enumerated() {
            let rowY = legendTop + Double(k) * Self.rowHeight + 13
            canvas.line(left, rowY - 4, left + 22, rowY - 4, stroke: Palette.colour(k), width: 2.5)
            let last = c.incidence.last.map { NumberText.significant($0, digits: 3) } ?? "0"
            let at = c.time.last.map { " at \(NumberText.significant($0, digits: 4))" } ?? ""
            canvas.text("\(c.label): \(last)\(at)", x: left + 30, y: rowY, size: Self.smallFont)
        }
        canvas.endGroup()

        canvas.timeAxes(plot: plot, xTicks: ticks, xs: xs, yTicks: yTicks, ys: ys, timeUnit: timeUnit,
                        yTitle: "Cumulative incidence (Aalen–Johansen)", fontSize: Self.smallFont)

        canvas.beginGroup(class: "plot-data", clipped: true)
        let start = ticks.lower
        for (k, c) in curves.enumerated() {
            guard let band = c.band else { continue }
            // Steps where both limits are defined (R leaves NA before the first event).
            let kept = c.time.indices.filter { band.lower[$0].isFinite && band.upper[$0].isFinite }
            guard let first = kept.first else { continue }
            let times = kept.map { c.time[$0] }, end = Swift.min(times.last!, ticks.upper)
            let up = StepThinning.corners(startTime: c.time[first], startValue: band.upper[first], times: times,
                                          values: kept.map { band.upper[$0] }, end: end, x: xs, y: ys)
            let low = StepThinning.corners(startTime: c.time[first], startValue: band.lower[first], times: times,
                                           values: kept.map { band.lower[$0] }, end: end, x: xs, y: ys)
            var path = PathData()
            StepThinning.path(up + low.reversed(), into: &path)
            path.close()
            canvas.path(path, stroke: nil, fill: Palette.colour(k), opacity: 0.15, cls: "cif-band",
                        extra: " data-curve=\"\(SVGCanvas.escaped(c.label))\"")
        }
        for (k, c) in curves.enumerated() {
            let end = Swift.min(c.time.last ?? start, ticks.upper)
            let corners = StepThinning.corners(startTime: start, startValue: 0, times: c.time, values: c.incidence,
                                               end: end, x: xs, y: ys)
            var path = PathData()
            StepThinning.path(corners, into: &path)
            canvas.path(path, stroke: Palette.colour(k), width: 2, cls: "cif-curve",
                        extra: " data-curve=\"\(SVGCanvas.escaped(c.label))\"")
        }
        canvas.endGroup()

        canvas.beginGroup(class: "annotations")
        if !annotations.isEmpty {
            let widest = annotations.map { TextBox.width($0, fontSize: Self.smallFont) }.max() ?? 0
            canvas.rect(x: plot.x + 4, y: plot.y + 4, width: widest + 12, height: Double(annotations.count) * 17 + 4,
                        fill: "#FFFFFF", opacity: 0.85)
        }
        for (i, line) in annotations.enumerated() {
            canvas.text(line, x: plot.x + 10, y: plot.y + 18 + Double(i) * 17, size: Self.smallFont, cls: "annotation")
        }
        canvas.endGroup()
        return canvas.rendered()
    }
}
