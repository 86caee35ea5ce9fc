import PlatformSupport

/// A forest plot of hazard ratios with their confidence intervals on a log axis, one row per
/// model term, with the line of no effect at 1. Rendering only: estimates come from the Cox fit.
public struct ForestFigure: Sendable {
    /// One term of the forest plot: a hazard ratio and its confidence interval.
    public struct Row: Sendable {
        /// The term's label.
        public var term: String
        /// The hazard ratio exp(β).
        public var estimate: Double
        /// Lower confidence limit.
        public var lower: Double
        /// Upper confidence limit.
        public var upper: Double
        /// A row from a term's hazard ratio and limits.
        public init(term: String, estimate: Double, lower: Double, upper: Double) {
            self.term = term; self.estimate = estimate; self.lower = lower; self.upper = upper
        }
    }

    /// The rows, top to bottom.
    public var rows: [Row]
    /// Confidence level of the intervals, for the axis label.
    public var confidenceLevel: Double
    /// The figure's title, if any.
    public var title: String?

    /// A forest plot of `rows` on a log hazard-ratio axis.
    public init(rows: [Row], confidenceLevel: Double, title: String?) {
        self.rows = rows; self.confidenceLevel = confidenceLevel; self.title = title
    }

    /// Log-axis ticks: the powers of 2 (…, 0.25, 0.5, 1, 2, 4, …) covering the intervals, or
    /// 1-2-5 decades when that would give more than 9 ticks.
    static func logTicks(_ low: Double, _ high: Double) -> [Double] {
        let lo = min(low, 1) * 0.95, hi = max(high, 1) * 1.05
        var ticks: [Double] = []
        var k = (log2(lo)).rounded(.down)
        while pow(2, k) <= hi * 1.0001 { ticks.append(pow(2, k)); k += 1 }
        if ticks.count <= 9 { return ticks + (ticks.last! < hi ? [ticks.last! * 2] : []) }
        ticks = []
        var decade = pow(10, log10(lo).rounded(.down))
        while decade <= hi { for m in [1.0, 2, 5] where decade * m >= lo * 0.5 && decade * m <= hi * 2 { ticks.append(decade * m) }; decade *= 10 }
        return ticks
    }

    /// The figure as SVG text (deterministic bytes).
    public func svg() -> String {
        let finite = rows.filter { $0.lower.isFinite && $0.upper.isFinite && $0.lower > 0 }
        let ticks = Self.logTicks(finite.map(\.lower).min() ?? 0.5, finite.map(\.upper).max() ?? 2)
        let small = 12.0, rowHeight = 24.0
        let labelWidth = rows.map { TextBox.width($0.term, fontSize: small) }.max() ?? 40
        let valueTexts = rows.map { r in
            "\(NumberText.significant(r.estimate, digits: 3)) (\(NumberText.significant(r.lower, digits: 3))–\(NumberText.significant(r.upper, digits: 3)))"
        }
        let valueWidth = max(120, valueTexts.map { TextBox.width($0, fontSize: small) }.max() ?? 0)
        let left = 16 + labelWidth + 12, right = valueWidth + 24
        var top = 12.0
        if title != nil { top += 28 }
        let headerY = top + 12
        top += 24
        let width = 760.0
        let plot = (x: left, y: top, width: width - left - right, height: rowHeight * Double(max(rows.count, 1)))
        let bottom = plot.y + plot.height
        var canvas = SVGCanvas(width: width, height: bottom + 48)
        canvas.setPlotArea(x: plot.x, y: plot.y, width: plot.width, height: plot.height)
        canvas.title(title ?? "Hazard ratios")
        if let title { canvas.text(title, x: 16, y: 28, size: 15, bold: true, cls: "title") }
        let percent = NumberText.significant(confidenceLevel * 100, digits: 3)
        canvas.text("term", x: 16, y: headerY, size: small, bold: true)
        canvas.text("HR (\(percent)% CI)", x: width - right + 12, y: headerY, size: small, bold: true)
        let xs = LinearScale(domain: (ticks.first!, ticks.last!), range: (plot.x, plot.x + plot.width), logarithmic: true)

        canvas.beginGroup(class: "axes")
        for t in ticks {
            canvas.line(xs(t), plot.y, xs(t), bottom, stroke: t == 1 ? "#888888" : Palette.grid, dash: t == 1 ? "4 3" : nil)
            canvas.text(NumberText.significant(t, digits: 3), x: xs(t), y: bottom + 18, size: small, anchor: .middle, cls: "x-tick")
        }
        canvas.line(plot.x, bottom, plot.x + plot.width, bottom, stroke: Palette.ink)
        canvas.text("Hazard ratio (log scale)", x: plot.x + plot.width / 2, y: bottom + 36, anchor: .middle, cls: "x-label")
        canvas.endGroup()

        canvas.beginGroup(class: "plot-data", clipped: true)
        for (i, r) in rows.enumerated() where r.estimate.isFinite && r.estimate > 0 {
            let y = plot.y + (Double(i) + 0.5) * rowHeight
            if r.lower > 0, r.upper.isFinite {
                canvas.line(xs.clamped(r.lower), y, xs.clamped(r.upper), y, stroke: Palette.colour(0), width: 2, cls: "ci")
            }
            canvas.rect(x: xs.clamped(r.estimate) - 4, y: y - 4, width: 8, height: 8, fill: Palette.colour(0), cls: "estimate")
        }
        canvas.endGroup()
        canvas.beginGroup(class: "labels")
        for (i, r) in rows.enumerated() {
            let y = plot.y + (Double(i) + 0.5) * rowHeight + 4
            canvas.text(r.term, x: 16, y: y, size: small, cls: "term")
            canvas.text(valueTexts[i], x: width - right + 12, y: y, size: small, cls: "value")
        }
        canvas.endGroup()
        return canvas.rendered()
    }
}
