/// Curves of y against x (power against hazard ratio, say) with nice ticks on both axes and
/// optional reference lines. Rendering only: the points come computed.
public struct LineFigure: Sendable {
    /// One line of the figure.
    public struct Series: Sendable {
        /// The line's label in the legend.
        public var label: String
        /// x values, increasing.
        public var x: [Double]
        /// y value at each x.
        public var y: [Double]
        /// An interval at each x (a Monte Carlo interval of simulated power, say), drawn as an
        /// error bar with a point at y; nil draws the line alone.
        public var intervals: [(lower: Double, upper: Double)]?
        /// A band at each x (a prediction interval, say), shaded under the line; nil for none.
        public var band: [(lower: Double, upper: Double)]?
        /// A line through the points (x, y), with error bars when `intervals` are given and a
        /// shaded band when `band` is.
        public init(label: String, x: [Double], y: [Double], intervals: [(lower: Double, upper: Double)]? = nil,
                    band: [(lower: Double, upper: Double)]? = nil) {
            self.label = label; self.x = x; self.y = y; self.intervals = intervals; self.band = band
        }
    }

    /// The lines drawn.
    public var series: [Series]
    /// Label of the x axis.
    public var xLabel: String
    /// Label of the y axis.
    public var yLabel: String
    /// Fixed y range (e.g. 0…1 for power); nil fits the data.
    public var yRange: (Double, Double)?
    /// Horizontal and vertical reference lines with their labels.
    public var horizontalLines: [(value: Double, label: String)]
    /// Labelled vertical reference lines (e.g. the planned patients).
    public var verticalLines: [(value: Double, label: String)]
    /// The figure's title, if any.
    public var title: String?

    /// A line figure, with a fixed y range or one fitted to the data.
    public init(series: [Series], xLabel: String, yLabel: String, yRange: (Double, Double)?,
                horizontalLines: [(value: Double, label: String)] = [], verticalLines: [(value: Double, label: String)] = [],
                title: String?) {
        self.series = series; self.xLabel = xLabel; self.yLabel = yLabel; self.yRange = yRange
        self.horizontalLines = horizontalLines; self.verticalLines = verticalLines; self.title = title
    }

    /// The figure as SVG text (deterministic bytes).
    public func svg() -> String {
        let small = 12.0, width = 760.0, left = 64.0, right = 28.0
        var top = 12.0
        if title != nil { top += 28 }
        let legendY = top + 12
        top += 30
        let plot = (x: left, y: top, width: width - left - right, height: 300.0)
        let bottom = plot.y + plot.height
        // The axes cover the finite values; an infinite one (predict --at 1e308 ran past the
        // largest double and trapped the ticks) is drawn clamped to the plot's edge.
        let allX = series.flatMap(\.x).filter(\.isFinite)
        let allY = series.flatMap { s in s.y + (s.band ?? []).flatMap { [$0.lower, $0.upper] } }.filter(\.isFinite)
        let xTicks = NiceTicks(covering: allX.min() ?? 0, allX.max() ?? 1, target: 7)
        let yTicks = yRange.map { NiceTicks(covering: $0.0, $0.1, target: 6) }
            ?? NiceTicks(covering: allY.min() ?? 0, allY.max() ?? 1, target: 6)
        let xs = LinearScale(domain: (xTicks.lower, xTicks.upper), range: (plot.x, plot.x + plot.width))
        let ys = LinearScale(domain: (yTicks.lower, yTicks.upper), range: (bottom, plot.y))
        var canvas = SVGCanvas(width: width, height: bottom + 50)
        canvas.setPlotArea(x: plot.x, y: plot.y, width: plot.width, height: plot.height)
        canvas.title(title ?? yLabel)
        if let title { canvas.text(title, x: left, y: 28, size: 15, bold: true, cls: "title") }
        canvas.beginGroup(class: "legend")
        var lx = left
        for (k, s) in series.enumerated() {
            canvas.line(lx, legendY - 4, lx + 22, legendY - 4, stroke: Palette.colour(k), width: 2.5)
            canvas.text(s.label, x: lx + 28, y: legendY, size: small)
            lx += 28 + TextBox.width(s.label, fontSize: small) + 18
        }
        canvas.endGroup()
        canvas.beginGroup(class: "axes")
        for t in yTicks.values {
            canvas.line(plot.x, ys(t), plot.x + plot.width, ys(t), stroke: Palette.grid)
            canvas.text(yTicks.label(t), x: plot.x - 8, y: ys(t) + 4, size: small, anchor: .end, cls: "y-tick")
        }
        for t in xTicks.values {
            canvas.line(xs(t), bottom, xs(t), bottom + 5, stroke: Palette.ink)
            canvas.text(xTicks.label(t), x: xs(t), y: bottom + 19, size: small, anchor: .middle, cls: "x-tick")
        }
        canvas.line(plot.x, bottom, plot.x + plot.width, bottom, stroke: Palette.ink)
        canvas.line(plot.x, plot.y, plot.x, bottom, stroke: Palette.ink)
        canvas.text(xLabel, x: plot.x + plot.width / 2, y: bottom + 38, anchor: .middle, cls: "x-label")
        canvas.text(yLabel, x: 18, y: plot.y + plot.height / 2, anchor: .middle, rotate: true, cls: "y-label")
        canvas.endGroup()
        canvas.beginGroup(class: "plot-data", clipped: true)
        for line in horizontalLines {
            canvas.line(plot.x, ys.clamped(line.value), plot.x + plot.width, ys.clamped(line.value), stroke: "#777777", dash: "4 3", cls: "reference")
        }
        for line in verticalLines {
            canvas.line(xs.clamped(line.value), plot.y, xs.clamped(line.value), bottom, stroke: "#777777", dash: "4 3", cls: "reference")
        }
        for (k, s) in series.enumerated() {
            if let band = s.band, !band.isEmpty {
                // Upper edge left to right, lower edge back: one closed shaded polygon.
                var area = PathData()
                for (i, (x, b)) in zip(s.x, band).enumerated() {
                    if i == 0 { area.move(xs.clamped(x), ys.clamped(b.upper)) } else { area.line(xs.clamped(x), ys.clamped(b.upper)) }
                }
                for (x, b) in zip(s.x, band).reversed() { area.line(xs.clamped(x), ys.clamped(b.lower)) }
                area.close()
                canvas.path(area, stroke: nil, fill: Palette.colour(k), opacity: 0.18, cls: "band")
            }
            var path = PathData()
            for (i, (x, y)) in zip(s.x, s.y).enumerated() {
                if i == 0 { path.move(xs.clamped(x), ys.clamped(y)) } else { path.line(xs.clamped(x), ys.clamped(y)) }
            }
            canvas.path(path, stroke: Palette.colour(k), width: 2, cls: "series")
            if let intervals = s.intervals {
                for (x, (y, interval)) in zip(s.x, zip(s.y, intervals)) {
                    let px = xs.clamped(x), low = ys.clamped(interval.lower), high = ys.clamped(interval.upper)
                    canvas.line(px, low, px, high, stroke: Palette.colour(k), width: 1.5, cls: "error-bar")
                    canvas.line(px - 4, low, px + 4, low, stroke: Palette.colour(k), width: 1.5, cls: "error-bar")
                    canvas.line(px - 4, high, px + 4, high, stroke: Palette.colour(k), width: 1.5, cls: "error-bar")
                    canvas.circle(cx: px, cy: ys.clamped(y), r: 3, fill: Palette.colour(k), cls: "point")
                }
            }
        }
        canvas.endGroup()
        canvas.beginGroup(class: "labels")
        for line in horizontalLines {
            canvas.text(line.label, x: plot.x + plot.width - 4, y: ys.clamped(line.value) - 5, size: small, anchor: .end, cls: "reference-label")
        }
        for line in verticalLines {
            // Labels near the right edge go left of their line, so they stay inside the figure.
            let x = xs.clamped(line.value), nearRight = x > plot.x + plot.width * 0.75
            canvas.text(line.label, x: x + (nearRight ? -5 : 5), y: plot.y + 14, size: small,
                        anchor: nearRight ? .end : .start, cls: "reference-label")
        }
        canvas.endGroup()
        return canvas.rendered()
    }
}
