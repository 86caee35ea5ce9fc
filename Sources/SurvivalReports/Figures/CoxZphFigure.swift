import SurvivalAnalysis

/// R's `plot(cox.zph(fit))` as SVG: per term a panel of the scaled Schoenfeld residuals β(t)
/// against the transformed time, the natural-spline smooth and its ±2 SE band (dashed), the x
/// axis labelled with original times (R's `plot.cox.zph` for km and rank, 1-2-5 times for log,
/// nice ticks for identity). Rendering only: residuals, smooths and ticks come computed
/// (``CoxZphResiduals``, ``CoxZphResiduals/smooths(degreesOfFreedom:points:)``,
/// ``CoxZphResiduals/axisTicks()``).
public struct CoxZphFigure: Sendable {
    /// The residuals drawn as points.
    public var residuals: CoxZphResiduals
    /// One smooth per term (nil: R skips a singular fit; the panel says so).
    public var smooths: [CoxZphSmooth?]
    /// The x ticks with their times; empty for the identity transform (nice ticks on time).
    public var ticks: [CoxZphTick]
    /// The figure's title, if any.
    public var title: String?

    /// A figure of `residuals` with their `smooths` and x `ticks`.
    public init(residuals: CoxZphResiduals, smooths: [CoxZphSmooth?], ticks: [CoxZphTick], title: String?) {
        self.residuals = residuals; self.smooths = smooths; self.ticks = ticks; self.title = title
    }

    static let width = 760.0, left = 70.0, right = 28.0, panelHeight = 230.0, panelGap = 78.0, small = 12.0

    /// The x-axis caption of a transform.
    static func xLabel(_ transform: CoxZphTransform) -> String {
        switch transform {
        case .km: return "Time (Kaplan–Meier scale)"
        case .rank: return "Time (rank scale)"
        case .identity: return "Time"
        case .log: return "Time (log scale)"
        }
    }

    /// The figure as SVG text (deterministic bytes).
    public func svg() -> String {
        var top = 12.0
        if title != nil { top += 28 }
        let legendY = top + 12
        top += 34
        let height = top + Double(residuals.terms.count) * (Self.panelHeight + Self.panelGap)
        var canvas = SVGCanvas(width: Self.width, height: height)
        canvas.title(title ?? "Scaled Schoenfeld residuals (cox.zph)")
        if let title { canvas.text(title, x: Self.left, y: 28, size: 15, bold: true, cls: "title") }
        drawLegend(&canvas, y: legendY)
        for t in residuals.terms.indices {
            drawPanel(&canvas, term: t, top: top + Double(t) * (Self.panelHeight + Self.panelGap))
        }
        return canvas.rendered()
    }

    private func drawLegend(_ canvas: inout SVGCanvas, y: Double) {
        canvas.beginGroup(class: "legend")
        var x = Self.left
        canvas.circle(cx: x + 4, cy: y - 4, r: 2.5, fill: "#888888")
        canvas.text("Scaled Schoenfeld residual", x: x + 14, y: y, size: Self.small)
        x += 14 + TextBox.width("Scaled Schoenfeld residual", fontSize: Self.small) + 22
        canvas.line(x, y - 4, x + 22, y - 4, stroke: Palette.colour(0), width: 2)
        canvas.text("Spline smooth (4 df)", x: x + 28, y: y, size: Self.small)
        x += 28 + TextBox.width("Spline smooth (4 df)", fontSize: Self.small) + 22
        canvas.line(x, y - 4, x + 22, y - 4, stroke: Palette.colour(0), width: 1.2, dash: "5 3")
        canvas.text("± 2 SE", x: x + 28, y: y, size: Self.small)
        canvas.endGroup()
    }

    private func drawPanel(_ canvas: inout SVGCanvas, term t: Int, top: Double) {
        let plot = (x: Self.left, y: top, width: Self.width - Self.left - Self.right, height: Self.panelHeight)
        let bottom = plot.y + plot.height
        let points = residuals.transformedTime.indices.compactMap { e in
            residuals.beta[t][e].map { (x: residuals.transformedTime[e], y: $0) }
        }
        let smooth = t < smooths.count ? smooths[t] : nil
        let ys = points.map(\.y) + (smooth.map { $0.fit + $0.lower + $0.upper } ?? [])
        let yTicks = NiceTicks(covering: ys.min() ?? 0, ys.max() ?? 1, target: 6)
        let xValues = points.map(\.x)
        let xLow = xValues.min() ?? 0, xHigh = xValues.max() ?? 1
        let niceX = residuals.transform == .identity || ticks.isEmpty ? NiceTicks(covering: xLow, xHigh, target: 7) : nil
        let xDomain = niceX.map { ($0.lower, $0.upper) } ?? (xLow, xHigh > xLow ? xHigh : xLow + 1)
        let xs = LinearScale(domain: xDomain, range: (plot.x, plot.x + plot.width))
        let yScale = LinearScale(domain: (yTicks.lower, yTicks.upper), range: (bottom, plot.y))
        let name = residuals.terms[t]

        canvas.beginGroup(class: "panel", extra: " data-term=\"\(SVGCanvas.escaped(name))\"")
        canvas.beginGroup(class: "axes")
        for v in yTicks.values {
            canvas.line(plot.x, yScale(v), plot.x + plot.width, yScale(v), stroke: Palette.grid)
            canvas.text(yTicks.label(v), x: plot.x - 8, y: yScale(v) + 4, size: Self.small, anchor: .end, cls: "y-tick")
        }
        // x ticks left to right; a label that would touch the previous one is left out.
        let xTicks: [(position: Double, label: String)] = niceX.map { n in n.values.map { ($0, n.label($0)) } }
            ?? ticks.map { ($0.position, Self.timeLabel($0.time)) }
        var lastBox: TextBox?
        for tick in xTicks.sorted(by: { $0.position < $1.position }) where tick.position >= xDomain.0 && tick.position <= xDomain.1 {
            let box = TextBox(text: tick.label, x: xs(tick.position), y: bottom + 19, fontSize: Self.small, anchor: .middle)
            if let lastBox, lastBox.maxX + 4 > box.minX { continue }
            canvas.line(xs(tick.position), bottom, xs(tick.position), bottom + 5, stroke: Palette.ink)
            canvas.text(tick.label, x: xs(tick.position), y: bottom + 19, size: Self.small, anchor: .middle, cls: "x-tick")
            lastBox = box
        }
        canvas.line(plot.x, bottom, plot.x + plot.width, bottom, stroke: Palette.ink)
        canvas.line(plot.x, plot.y, plot.x, bottom, stroke: Palette.ink)
        canvas.text(Self.xLabel(residuals.transform), x: plot.x + plot.width / 2, y: bottom + 38, anchor: .middle, cls: "x-label")
        canvas.text("Beta(t) for \(name)", x: 18, y: plot.y + plot.height / 2, anchor: .middle, rotate: true, cls: "y-label")
        canvas.endGroup()

        canvas.beginGroup(class: "plot-data")
        // The panel's extent, for readers (and tests) checking that marks stay inside it.
        canvas.rect(x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "none", cls: "plot-area")
        for point in points {
            canvas.circle(cx: xs.clamped(point.x), cy: yScale.clamped(point.y), r: 2, fill: "#888888", cls: "residual")
        }
        if let smooth {
            func line(_ values: [Double]) -> PathData {
                var path = PathData()
                for (i, (x, y)) in zip(smooth.x, values).enumerated() {
                    if i == 0 { path.move(xs.clamped(x), yScale.clamped(y)) } else { path.line(xs.clamped(x), yScale.clamped(y)) }
                }
                return path
            }
            canvas.path(line(smooth.upper), stroke: Palette.colour(0), width: 1.2, dash: "5 3", cls: "band-upper")
            canvas.path(line(smooth.lower), stroke: Palette.colour(0), width: 1.2, dash: "5 3", cls: "band-lower")
            canvas.path(line(smooth.fit), stroke: Palette.colour(0), width: 2, cls: "smooth")
        }
        canvas.endGroup()
        if smooth == nil {
            canvas.text("No smooth: the spline fit is singular (too few distinct times)", x: plot.x + 8, y: plot.y + 16,
                        size: Self.small, cls: "note")
        }
        canvas.endGroup()
    }

    /// A time as R's `format()` prints a 2-significant-digit number: no trailing zeros.
    static func timeLabel(_ time: Double) -> String {
        if time == time.rounded(), abs(time) < 1e15 { return String(Int(time)) }
        return NiceTicks(explicit: [time]).label(time)
    }
}
