/// A Kaplan–Meier (or Nelson–Aalen, as exp(−Ĥ)) figure: step curves per group with optional
/// confidence bands, censor marks and median lines, a legend with n, events and the median (CI),
/// test results in the panel, and a number-at-risk table under the plot aligned with the x ticks.
///
/// Rendering only: every number shown (estimates, limits, medians, numbers at risk, p-values)
/// is computed by the caller through the SurvivalAnalysis library and passed in.
public struct KaplanMeierFigure: Sendable {
    /// One group's curve and what is printed about it.
    public struct Curve: Sendable {
        /// The curve's label in the legend.
        public var label: String
        /// Distinct times, ascending, and Ŝ after each (the curve's rows).
        public var time: [Double]
        /// Ŝ(t) at each time.
        public var survival: [Double]
        /// Pointwise limits per row (NaN where undefined); nil draws no band.
        public var lower: [Double]?
        /// Upper confidence limit at each time, when a band is drawn.
        public var upper: [Double]?
        /// Times with censorings and Ŝ there (the `+` marks).
        public var censorTime: [Double]
        /// Ŝ at each censoring time (the censor marks' heights).
        public var censorSurvival: [Double]
        /// Patients in the curve, for the legend.
        public var n: Int
        /// Events in the curve, for the legend.
        public var events: Int
        /// Median and its limits (NaN: not reached / NA).
        public var median: Double
        /// Lower confidence limit of the median; NaN for NA.
        public var medianLower: Double
        /// Upper confidence limit of the median; NaN for NA.
        public var medianUpper: Double
        /// Number at risk at each x tick (R's `summary(fit, times = ticks, extend = TRUE)$n.risk`).
        public var numberAtRisk: [Int]
        /// Cumulative events by each x tick; nil leaves the row out.
        public var cumulativeEvents: [Int]?

        /// A curve to draw, from its steps, band, censor marks and legend numbers.
        public init(label: String, time: [Double], survival: [Double], lower: [Double]?, upper: [Double]?,
                    censorTime: [Double], censorSurvival: [Double], n: Int, events: Int, median: Double,
                    medianLower: Double, medianUpper: Double, numberAtRisk: [Int], cumulativeEvents: [Int]?) {
            self.label = label; self.time = time; self.survival = survival; self.lower = lower; self.upper = upper
            self.censorTime = censorTime; self.censorSurvival = censorSurvival; self.n = n; self.events = events
            self.median = median; self.medianLower = medianLower; self.medianUpper = medianUpper
            self.numberAtRisk = numberAtRisk; self.cumulativeEvents = cumulativeEvents
        }
    }

    /// The curves, in legend order.
    public var curves: [Curve]
    /// The x ticks (also the risk-table times).
    public var ticks: NiceTicks
    /// The time unit for the x-axis label ("months"); nil prints "Time".
    public var timeUnit: String?
    /// The figure's title, if any.
    public var title: String?
    /// "Kaplan–Meier" or "Nelson–Aalen", for the y-axis label.
    public var estimatorName: String
    /// Confidence level of the median intervals and bands (for the legend).
    public var confidenceLevel: Double
    /// Lines printed in the panel's lower left (log-rank p, Cox HR).
    public var annotations: [String]
    /// Draw the number at risk under the time axis.
    public var showRiskTable: Bool

    /// A Kaplan–Meier figure of `curves` with the time axis at `ticks`.
    public init(curves: [Curve], ticks: NiceTicks, timeUnit: String?, title: String?, estimatorName: String,
                confidenceLevel: Double, annotations: [String], showRiskTable: Bool) {
        precondition(curves.allSatisfy { $0.numberAtRisk.count == ticks.values.count }, "one number at risk per tick")
        self.curves = curves; self.ticks = ticks; self.timeUnit = timeUnit; self.title = title
        self.estimatorName = estimatorName; self.confidenceLevel = confidenceLevel
        self.annotations = annotations; self.showRiskTable = showRiskTable
    }

    // Layout, in px.
    static let width = 760.0
    static let plotHeight = 340.0
    static let rowHeight = 18.0
    static let smallFont = 12.0

    /// The y ticks: survival 0 to 1 by 0.2 (Heckbert's ticks for [0, 1]).
    public static let yTicks = NiceTicks(covering: 0, 1, target: 6)

    /// The SVG document.
    /// - Complexity: O(m) for m curve rows in all, output O(groups × plot width).
    public func svg() -> String {
        let font = SVGCanvas.fontSize
        let labelWidth = curves.map { TextBox.width($0.label, fontSize: Self.smallFont) }.max() ?? 0
        // The risk table's group labels end left of the first column's widest number.
        let firstColumn = curves.flatMap { [$0.numberAtRisk.first, $0.cumulativeEvents?.first] }
            .compactMap { $0 }.map { TextBox.width(String($0), fontSize: Self.smallFont) }.max() ?? 0
        let left = max(72, labelWidth + firstColumn / 2 + 20)
        let labelRight = left - firstColumn / 2 - 8
        let right = 28.0
        var top = 12.0
        let titleY = title == nil ? nil : top + font + 2
        if title != nil { top += font + 14 }
        let legendTop = top
        top += Double(curves.count) * Self.rowHeight + 10
        let plot = (x: left, y: top, width: Self.width - left - right, height: Self.plotHeight)
        let bottom = plot.y + plot.height
        var y = bottom + 40
        let riskRows = showRiskTable ? curves.count + 1 : 0
        let eventRows = showRiskTable && curves.contains(where: { $0.cumulativeEvents != nil }) ? curves.count + 1 : 0
        let height = y + Double(riskRows + eventRows) * Self.rowHeight + 16

        var canvas = SVGCanvas(width: Self.width, height: height)
        canvas.setPlotArea(x: plot.x, y: plot.y, width: plot.width, height: plot.height)
        canvas.title(title ?? "\(estimatorName) curves")
        let xs = LinearScale(domain: (ticks.lower, ticks.upper), range: (plot.x, plot.x + plot.width))
        let ys = LinearScale(domain: (0, 1), range: (bottom, plot.y))

        if let title, let titleY { canvas.text(title, x: left, y: titleY, size: font + 2, bold: true, cls: "title") }

        // Legend: swatch, label, n, events, median (CI).
        canvas.beginGroup(class: "legend")
        let percent = NumberText.significant(confidenceLevel * 100, digits: 3)
        for (k, c) in curves.enumerated() {
            let rowY = legendTop + Double(k) * Self.rowHeight + 13
            canvas.line(left, rowY - 4, left + 22, rowY - 4, stroke: Palette.colour(k), width: 2.5)
            let median = c.median.isNaN ? "median not reached"
                : "median \(Self.number(c.median)) (\(percent)% CI \(Self.limit(c.medianLower))–\(Self.limit(c.medianUpper)))"
            canvas.text("\(c.label): n = \(c.n), events = \(c.events), \(median)", x: left + 30, y: rowY,
                        size: Self.smallFont)
        }
        canvas.endGroup()

        // Grid and axes.
        canvas.timeAxes(plot: plot, xTicks: ticks, xs: xs, yTicks: Self.yTicks, ys: ys, timeUnit: timeUnit,
                        yTitle: "Survival probability (\(estimatorName))", fontSize: Self.smallFont)

        // Data: bands, then medians, curves and censor marks, all inside the plot area.
        canvas.beginGroup(class: "plot-data", clipped: true)
        let start = ticks.lower
        for (k, c) in curves.enumerated() {
            guard let lower = c.lower, let upper = c.upper else { continue }
            let end = min(c.time.last ?? start, ticks.upper)
            let up = StepThinning.corners(startTime: start, startValue: 1, times: c.time, values: upper, end: end, x: xs, y: ys)
            let low = StepThinning.corners(startTime: start, startValue: 1, times: c.time, values: lower, end: end, x: xs, y: ys)
            let lowEnd = low.last!.x
            var upTrimmed = up.filter { $0.x <= lowEnd }
            if let last = upTrimmed.last, last.x < lowEnd { upTrimmed.append((lowEnd, last.y)) }
            var band = PathData()
            StepThinning.path(upTrimmed + low.reversed(), into: &band)
            band.close()
            canvas.path(band, stroke: nil, fill: Palette.colour(k), opacity: 0.15, cls: "km-band",
                        extra: " data-group=\"\(SVGCanvas.escaped(c.label))\"")
        }
        for c in curves where !c.median.isNaN && c.median <= ticks.upper {
            var median = PathData()
            median.move(plot.x, ys(0.5))
            median.horizontal(xs.clamped(c.median))
            median.vertical(bottom)
            canvas.path(median, stroke: "#777777", width: 1, dash: "4 3", cls: "km-median")
        }
        for (k, c) in curves.enumerated() {
            let end = min(c.time.last ?? start, ticks.upper)
            let corners = StepThinning.corners(startTime: start, startValue: 1, times: c.time, values: c.survival,
                                               end: end, x: xs, y: ys)
            var curve = PathData()
            StepThinning.path(corners, into: &curve)
            canvas.path(curve, stroke: Palette.colour(k), width: 2, cls: "km-curve",
                        extra: " data-group=\"\(SVGCanvas.escaped(c.label))\"")
            var marks = PathData()
            var lastColumn = Double.nan
            for (t, s) in zip(c.censorTime, c.censorSurvival) where t <= ticks.upper {
                let px = xs.clamped(t), column = px.rounded(.down)
                if column == lastColumn { continue }  // one mark per pixel column
                lastColumn = column
                let py = ys.clamped(s)
                marks.move(px, max(plot.y, py - 4)); marks.vertical(min(bottom, py + 4))
            }
            if !marks.isEmpty {
                canvas.path(marks, stroke: Palette.colour(k), width: 1.5, cls: "km-censor",
                            extra: " data-group=\"\(SVGCanvas.escaped(c.label))\"")
            }
        }
        canvas.endGroup()

        // Test results in the lower left of the panel, above the x axis.
        canvas.beginGroup(class: "annotations")
        if !annotations.isEmpty {
            // A light backing keeps the text readable where a curve runs underneath.
            let widest = annotations.map { TextBox.width($0, fontSize: Self.smallFont) }.max() ?? 0
            let height = Double(annotations.count) * 17 + 4
            canvas.rect(x: plot.x + 4, y: bottom - 10 - height + 8, width: widest + 12, height: height,
                        fill: "#FFFFFF", opacity: 0.85)
        }
        for (i, line) in annotations.enumerated() {
            let lineY = bottom - 10 - Double(annotations.count - 1 - i) * 17
            canvas.text(line, x: plot.x + 10, y: lineY, size: Self.smallFont, cls: "annotation")
        }
        canvas.endGroup()

        // Number at risk (and cumulative events) under the ticks.
        if showRiskTable {
            canvas.beginGroup(class: "risk-table")
            y += 13
            canvas.text("Number at risk", x: 8, y: y, size: Self.smallFont, bold: true)
            for (k, c) in curves.enumerated() {
                y += Self.rowHeight
                canvas.text(c.label, x: labelRight, y: y, size: Self.smallFont, anchor: .end, fill: Palette.colour(k))
                for (t, n) in zip(ticks.values, c.numberAtRisk) {
                    canvas.text(String(n), x: xs(t), y: y, size: Self.smallFont, anchor: .middle, cls: "n-risk")
                }
            }
            if eventRows > 0 {
                y += Self.rowHeight
                canvas.text("Cumulative events", x: 8, y: y, size: Self.smallFont, bold: true)
                for (k, c) in curves.enumerated() {
                    y += Self.rowHeight
                    canvas.text(c.label, x: labelRight, y: y, size: Self.smallFont, anchor: .end, fill: Palette.colour(k))
                    for (t, n) in zip(ticks.values, c.cumulativeEvents ?? []) {
                        canvas.text(String(n), x: xs(t), y: y, size: Self.smallFont, anchor: .middle, cls: "n-events")
                    }
                }
            }
            canvas.endGroup()
        }
        return canvas.rendered()
    }

    /// Numbers for people: 4 significant digits, NA for NaN.
    static func number(_ x: Double) -> String { NumberText.significant(x, digits: 4) }

    /// A median's confidence limit: NA means the curve never fell that low ("not reached").
    static func limit(_ x: Double) -> String { x.isNaN ? "not reached" : number(x) }
}
