/// Histograms side by side (analysis time and hazard-ratio estimate of simulated trials), each
/// with an optional marked value. Rendering only: the bin counts come from SurvivalAnalysis' `Histogram`.
public struct HistogramFigure: Sendable {
    /// One histogram of the figure.
    public struct Panel: Sendable {
        /// Label of the x axis.
        public var xLabel: String
        /// Bin edges, one more than the bins.
        public var edges: [Double]
        /// Count in each bin.
        public var counts: [Int]
        /// A value marked with a dashed line (e.g. the design's hazard ratio), and its label.
        public var marker: (value: Double, label: String)?
        /// A note under the panel (values outside the bins, undefined ones).
        public var note: String?
        /// A panel with an optional marked value (e.g. the planned events) and note.
        public init(xLabel: String, edges: [Double], counts: [Int], marker: (value: Double, label: String)?, note: String?) {
            precondition(edges.count == counts.count + 1)
            self.xLabel = xLabel; self.edges = edges; self.counts = counts; self.marker = marker; self.note = note
        }
    }

    /// The panels, side by side.
    public var panels: [Panel]
    /// The figure's title, if any.
    public var title: String?

    /// A figure of histogram panels.
    public init(panels: [Panel], title: String?) { self.panels = panels; self.title = title }

    /// The figure as SVG text (deterministic bytes).
    public func svg() -> String {
        let small = 12.0, width = 760.0, gap = 40.0, left = 64.0, right = 20.0
        var top = 12.0
        if title != nil { top += 28 }
        top += 10
        let panelWidth = (width - left - right - gap * Double(panels.count - 1)) / Double(max(panels.count, 1))
        let height = 260.0
        let bottom = top + height
        var canvas = SVGCanvas(width: width, height: bottom + 70)
        canvas.title(title ?? "Simulated trials")
        if let title { canvas.text(title, x: left, y: 28, size: 15, bold: true, cls: "title") }
        let maxCount = panels.flatMap(\.counts).max() ?? 1
        let yTicks = NiceTicks(covering: 0, Double(max(maxCount, 1)), target: 5)
        for (k, panel) in panels.enumerated() {
            let x0 = left + Double(k) * (panelWidth + gap)
            let xs = LinearScale(domain: (panel.edges.first!, panel.edges.last!), range: (x0, x0 + panelWidth))
            let ys = LinearScale(domain: (0, yTicks.upper), range: (bottom, top))
            canvas.beginGroup(class: "axes")
            for t in yTicks.values {
                canvas.line(x0, ys(t), x0 + panelWidth, ys(t), stroke: Palette.grid)
                if k == 0 { canvas.text(yTicks.label(t), x: x0 - 8, y: ys(t) + 4, size: small, anchor: .end, cls: "y-tick") }
            }
            let ticks = NiceTicks(covering: panel.edges.first!, panel.edges.last!, target: 6)
            for t in ticks.values where t >= panel.edges.first! && t <= panel.edges.last! {
                canvas.line(xs(t), bottom, xs(t), bottom + 5, stroke: Palette.ink)
                canvas.text(ticks.label(t), x: xs(t), y: bottom + 19, size: small, anchor: .middle, cls: "x-tick")
            }
            canvas.line(x0, bottom, x0 + panelWidth, bottom, stroke: Palette.ink)
            canvas.text(panel.xLabel, x: x0 + panelWidth / 2, y: bottom + 38, anchor: .middle, cls: "x-label")
            if let note = panel.note { canvas.text(note, x: x0 + panelWidth / 2, y: bottom + 56, size: small, anchor: .middle, cls: "note") }
            canvas.endGroup()
            canvas.beginGroup(class: "plot-data")
            for (i, count) in panel.counts.enumerated() where count > 0 {
                let a = xs(panel.edges[i]), b = xs(panel.edges[i + 1])
                canvas.rect(x: a, y: ys(Double(count)), width: b - a, height: bottom - ys(Double(count)),
                            fill: Palette.colour(k == 0 ? 0 : 2), stroke: "#FFFFFF", cls: "bar")
            }
            if let marker = panel.marker, marker.value >= panel.edges.first!, marker.value <= panel.edges.last! {
                canvas.line(xs(marker.value), top, xs(marker.value), bottom, stroke: Palette.colour(1), width: 2, dash: "5 3", cls: "marker")
                let anchor: TextAnchor = xs(marker.value) > x0 + panelWidth * 0.6 ? .end : .start
                canvas.text(marker.label, x: xs(marker.value) + (anchor == .start ? 5 : -5), y: top + 12, size: small,
                            anchor: anchor, cls: "marker-label")
            }
            canvas.endGroup()
        }
        canvas.text("Trials", x: 18, y: top + height / 2, anchor: .middle, rotate: true, cls: "y-label")
        return canvas.rendered()
    }
}
