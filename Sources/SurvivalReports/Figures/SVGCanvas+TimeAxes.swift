extension SVGCanvas {
    /// The axes of a curve-over-time panel (KM and cumulative incidence figures): horizontal
    /// grid lines with y labels, x ticks with time labels, the two axis lines and their titles,
    /// in one `axes` group — one drawing for every such figure, so they look alike.
    /// - Parameters:
    ///   - plot: the plot area.
    ///   - xTicks: the time ticks, drawn through `xs`.
    ///   - yTicks: the probability ticks, drawn through `ys`.
    ///   - timeUnit: the unit in the x title ("Time (months)"), or nil for "Time".
    ///   - yTitle: the y axis title.
    ///   - fontSize: the tick labels' font size.
    mutating func timeAxes(plot: (x: Double, y: Double, width: Double, height: Double),
                           xTicks: NiceTicks, xs: LinearScale, yTicks: NiceTicks, ys: LinearScale,
                           timeUnit: String?, yTitle: String, fontSize: Double) {
        let bottom = plot.y + plot.height
        beginGroup(class: "axes")
        for t in yTicks.values {
            line(plot.x, ys(t), plot.x + plot.width, ys(t), stroke: Palette.grid)
            text(yTicks.label(t), x: plot.x - 8, y: ys(t) + 4, size: fontSize, anchor: .end, cls: "y-tick")
        }
        for t in xTicks.values {
            line(xs(t), bottom, xs(t), bottom + 5, stroke: Palette.ink)
            text(xTicks.label(t), x: xs(t), y: bottom + 19, size: fontSize, anchor: .middle, cls: "x-tick")
        }
        line(plot.x, bottom, plot.x + plot.width, bottom, stroke: Palette.ink)
        line(plot.x, plot.y, plot.x, bottom, stroke: Palette.ink)
        text(timeUnit.map { "Time (\($0))" } ?? "Time", x: plot.x + plot.width / 2, y: bottom + 36,
             anchor: .middle, cls: "x-label")
        text(yTitle, x: 18, y: plot.y + plot.height / 2, anchor: .middle, rotate: true, cls: "y-label")
        endGroup()
    }
}
