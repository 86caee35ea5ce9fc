/// Group-sequential boundaries per look on the Z scale, each efficacy point labelled with its
/// bound on the hazard-ratio scale, with the harm bound (two-sided designs), the futility bound
/// and observed Z values when given. Rendering only: bounds and hazard ratios come computed.
public struct BoundaryFigure: Sendable {
    /// Cumulative information rates of the looks (x axis).
    public var informationRates: [Double]
    /// Efficacy critical values on the Z scale.
    public var efficacy: [Double]
    /// Draw −c_k too (two-sided symmetric designs).
    public var harm: Bool
    /// Futility bounds on the Z scale; nil where a look has none.
    public var futility: [Double?]
    /// The efficacy bound as a hazard ratio per look (nil: not shown); `hazardRatioSign` ≤ or ≥.
    public var hazardRatios: [Double?]
    /// `≤` or `≥` before each hazard-ratio label: benefit is a hazard ratio below or above 1.
    public var hazardRatioSign: String
    /// Observed (information fraction, Z) at the looks done.
    public var observed: [(rate: Double, z: Double)]
    /// The figure's title, if any.
    public var title: String?

    /// A boundary plot from the looks' information rates, critical values, futility bounds and the hazard ratios they correspond to.
    public init(informationRates: [Double], efficacy: [Double], harm: Bool, futility: [Double?], hazardRatios: [Double?],
                hazardRatioSign: String, observed: [(rate: Double, z: Double)], title: String?) {
        precondition(efficacy.count == informationRates.count)
        self.informationRates = informationRates; self.efficacy = efficacy; self.harm = harm; self.futility = futility
        self.hazardRatios = hazardRatios; self.hazardRatioSign = hazardRatioSign; self.observed = observed; self.title = title
    }

    /// The figure as SVG text (deterministic bytes).
    public func svg() -> String {
        let width = 760.0, left = 64.0, right = 40.0, small = 12.0
        var top = 12.0
        if title != nil { top += 28 }
        let legendY = top + 12
        top += 30
        let plot = (x: left, y: top, width: width - left - right, height: 300.0)
        let bottom = plot.y + plot.height
        var canvas = SVGCanvas(width: width, height: bottom + 50)
        canvas.setPlotArea(x: plot.x, y: plot.y, width: plot.width, height: plot.height)
        canvas.title(title ?? "Group-sequential boundaries")
        if let title { canvas.text(title, x: left, y: 28, size: 15, bold: true, cls: "title") }

        var values = efficacy + futility.compactMap { $0 } + observed.map(\.z) + [0]
        if harm { values += efficacy.map { -$0 } }
        // An infinite bound (no alpha spent at a look: `--spending-values 0,...`, as rpact's Inf)
        // is drawn at the plot's edge; the axis covers the finite values (it trapped on ±inf).
        values = values.filter(\.isFinite)
        let yTicks = NiceTicks(covering: values.min()! - 0.3, values.max()! + 0.6, target: 6)
        let xTicks = NiceTicks(covering: 0, 1, target: 6)
        let xs = LinearScale(domain: (0, 1), range: (plot.x, plot.x + plot.width))
        let ys = LinearScale(domain: (yTicks.lower, yTicks.upper), range: (bottom, plot.y))

        // Legend.
        canvas.beginGroup(class: "legend")
        var lx = left
        func legend(_ text: String, _ colour: String, dash: String? = nil) {
            canvas.line(lx, legendY - 4, lx + 22, legendY - 4, stroke: colour, width: 2, dash: dash)
            canvas.text(text, x: lx + 28, y: legendY, size: small)
            lx += 28 + TextBox.width(text, fontSize: small) + 18
        }
        legend(hazardRatios.contains { $0 != nil } ? "efficacy bound (labels: Z, and HR where known)" : "efficacy bound", Palette.colour(0))
        if harm { legend("harm bound", Palette.colour(1), dash: "5 3") }
        if futility.contains(where: { $0 != nil }) { legend("futility bound", Palette.colour(2), dash: "2 2") }
        if !observed.isEmpty { legend("observed Z", Palette.ink) }
        canvas.endGroup()

        canvas.beginGroup(class: "axes")
        for t in yTicks.values {
            canvas.line(plot.x, ys(t), plot.x + plot.width, ys(t), stroke: t == 0 ? "#999999" : Palette.grid)
            canvas.text(yTicks.label(t), x: plot.x - 8, y: ys(t) + 4, size: small, anchor: .end, cls: "y-tick")
        }
        for t in xTicks.values {
            canvas.line(xs(t), bottom, xs(t), bottom + 5, stroke: Palette.ink)
            canvas.text(xTicks.label(t), x: xs(t), y: bottom + 19, size: small, anchor: .middle, cls: "x-tick")
        }
        canvas.line(plot.x, bottom, plot.x + plot.width, bottom, stroke: Palette.ink)
        canvas.line(plot.x, plot.y, plot.x, bottom, stroke: Palette.ink)
        canvas.text("Information fraction (events / maximum events)", x: plot.x + plot.width / 2, y: bottom + 38,
                    anchor: .middle, cls: "x-label")
        canvas.text("Z (log-rank)", x: 18, y: plot.y + plot.height / 2, anchor: .middle, rotate: true, cls: "y-label")
        canvas.endGroup()

        canvas.beginGroup(class: "plot-data", clipped: true)
        func series(_ zs: [Double?], colour: String, dash: String?, cls: String) {
            var path = PathData()
            var started = false
            for (rate, z) in zip(informationRates, zs) {
                guard let z else { continue }
                if started { path.line(xs(rate), ys.clamped(z)) } else { path.move(xs(rate), ys.clamped(z)); started = true }
            }
            if started { canvas.path(path, stroke: colour, width: 2, dash: dash, cls: cls) }
            for (rate, z) in zip(informationRates, zs) {
                if let z { canvas.circle(cx: xs(rate), cy: ys.clamped(z), r: 4, fill: colour, cls: cls + "-point") }
            }
        }
        series(efficacy, colour: Palette.colour(0), dash: nil, cls: "efficacy")
        if harm { series(efficacy.map { -$0 }, colour: Palette.colour(1), dash: "5 3", cls: "harm") }
        series(futility, colour: Palette.colour(2), dash: "2 2", cls: "futility")
        for o in observed {
            var diamond = PathData()
            let cx = xs(o.rate), cy = ys.clamped(o.z)
            diamond.move(cx, cy - 6); diamond.line(cx + 6, cy); diamond.line(cx, cy + 6); diamond.line(cx - 6, cy); diamond.close()
            canvas.path(diamond, stroke: nil, fill: Palette.ink, cls: "observed")
        }
        canvas.endGroup()

        // Bound labels sit under their point; observed labels to the right of their diamond.
        canvas.beginGroup(class: "labels")
        for (k, (rate, c)) in zip(informationRates, efficacy).enumerated() {
            var text = "Z ≥ \(NumberText.fixed(c, decimals: 3))"
            if k < hazardRatios.count, let hr = hazardRatios[k] { text += ", HR \(hazardRatioSign) \(NumberText.significant(hr, digits: 3))" }
            let anchor: TextAnchor = rate > 0.85 ? .end : rate < 0.15 ? .start : .middle
            canvas.text(text, x: xs(rate), y: ys.clamped(c) + 22, size: small, anchor: anchor, cls: "bound-label")
        }
        for o in observed {
            let right = o.rate < 0.7
            canvas.text("observed Z = \(NumberText.fixed(o.z, decimals: 3))", x: xs(o.rate) + (right ? 10 : -10),
                        y: ys.clamped(o.z) + 4, size: small, anchor: right ? .start : .end, cls: "observed-label")
        }
        canvas.endGroup()
        return canvas.rendered()
    }
}
