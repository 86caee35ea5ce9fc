/// The accrual × follow-up grid of patients needed as a heat map, with the contour (thick cell
/// edges) that separates the pairs where the planned patients suffice from those where they do
/// not. Rendering only: the patients of each cell come from TrialDesign's `SensitivityAnalysis`.
public struct SensitivityHeatMap: Sendable {
    /// Accrual durations (columns).
    public var accrualTimes: [Double]
    /// Follow-up durations (rows).
    public var followUps: [Double]
    /// patients[f][a]: patients to enrol at follow-up f and accrual a (nil: not computable).
    public var patients: [[Int?]]
    /// The planned patients whose contour is drawn (nil: none).
    public var planned: Int?
    /// The time unit for the axis labels, if known.
    public var timeUnit: String?
    /// The figure's title, if any.
    public var title: String?

    /// A heat map of the patients needed over accrual × follow-up, with the contour of the planned patients when given.
    public init(accrualTimes: [Double], followUps: [Double], patients: [[Int?]], planned: Int?, timeUnit: String?, title: String?) {
        precondition(patients.count == followUps.count && patients.allSatisfy { $0.count == accrualTimes.count })
        self.accrualTimes = accrualTimes; self.followUps = followUps; self.patients = patients
        self.planned = planned; self.timeUnit = timeUnit; self.title = title
    }

    /// A light-to-dark blue ramp (one hue, so it reads in grey and with colour-vision deficiencies).
    static let ramp = ["#EFF3FF", "#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"]

    /// The figure as SVG text (deterministic bytes).
    public func svg() -> String {
        let small = 12.0, left = 86.0, right = 24.0
        var top = 12.0
        if title != nil { top += 28 }
        let noteY = top + 12
        top += 26
        let cellWidth = min(90, (760 - left - right) / Double(accrualTimes.count))
        let cellHeight = 30.0
        let plot = (x: left, y: top, width: cellWidth * Double(accrualTimes.count), height: cellHeight * Double(followUps.count))
        let bottom = plot.y + plot.height
        let noteWidth = planned == nil ? 0 : 8 + TextBox.width("Thick line: boundary of the pairs where \(planned!) patients suffice (darker = more patients needed)", fontSize: small)
        var canvas = SVGCanvas(width: max(plot.x + plot.width + right, noteWidth + right), height: bottom + 52)
        canvas.setPlotArea(x: plot.x, y: plot.y, width: plot.width, height: plot.height)
        canvas.title(title ?? "Patients needed over accrual and follow-up")
        if let title { canvas.text(title, x: 8, y: 28, size: 15, bold: true, cls: "title") }
        if let planned {
            canvas.text("Thick line: boundary of the pairs where \(planned) patients suffice (darker = more patients needed)",
                        x: 8, y: noteY, size: small, cls: "note")
        }
        let values = patients.flatMap { $0 }.compactMap { $0 }
        let low = Double(values.min() ?? 0), high = Double(values.max() ?? 1)
        func colour(_ v: Int) -> String {
            let f = high > low ? (Double(v) - low) / (high - low) : 0
            return Self.ramp[min(Self.ramp.count - 1, Int(f * Double(Self.ramp.count)))]
        }
        // Rows: follow-up, shortest at the top.
        canvas.beginGroup(class: "plot-data", clipped: true)
        for (f, row) in patients.enumerated() {
            for (a, value) in row.enumerated() {
                let x = plot.x + Double(a) * cellWidth, y = plot.y + Double(f) * cellHeight
                canvas.rect(x: x, y: y, width: cellWidth, height: cellHeight, fill: value.map(colour) ?? "#FFFFFF",
                            stroke: "#FFFFFF", cls: "cell")
            }
        }
        if let planned {
            var contour = PathData()
            func suffices(_ f: Int, _ a: Int) -> Bool { (patients[f][a] ?? Int.max) <= planned }
            for f in patients.indices {
                for a in accrualTimes.indices {
                    let x = plot.x + Double(a) * cellWidth, y = plot.y + Double(f) * cellHeight
                    if a + 1 < accrualTimes.count, suffices(f, a) != suffices(f, a + 1) {
                        contour.move(x + cellWidth, y); contour.vertical(y + cellHeight)
                    }
                    if f + 1 < patients.count, suffices(f, a) != suffices(f + 1, a) {
                        contour.move(x, y + cellHeight); contour.horizontal(x + cellWidth)
                    }
                }
            }
            if !contour.isEmpty { canvas.path(contour, stroke: Palette.ink, width: 3, cls: "contour") }
        }
        canvas.endGroup()
        canvas.beginGroup(class: "cell-labels")
        for (f, row) in patients.enumerated() {
            for (a, value) in row.enumerated() {
                let x = plot.x + (Double(a) + 0.5) * cellWidth, y = plot.y + (Double(f) + 0.5) * cellHeight + 4
                let dark = value.map { colour($0) == Self.ramp[4] || colour($0) == Self.ramp[5] } ?? false
                canvas.text(value.map(String.init) ?? "-", x: x, y: y, size: small, anchor: .middle,
                            fill: dark ? "#FFFFFF" : Palette.ink, cls: "cell-value")
            }
        }
        canvas.endGroup()
        canvas.beginGroup(class: "axes")
        let unit = timeUnit.map { " (\($0))" } ?? ""
        for (a, t) in accrualTimes.enumerated() {
            canvas.text(NumberText.roundTrip(t), x: plot.x + (Double(a) + 0.5) * cellWidth, y: bottom + 18, size: small,
                        anchor: .middle, cls: "x-tick")
        }
        for (f, t) in followUps.enumerated() {
            canvas.text(NumberText.roundTrip(t), x: plot.x - 8, y: plot.y + (Double(f) + 0.5) * cellHeight + 4, size: small,
                        anchor: .end, cls: "y-tick")
        }
        canvas.text("Accrual time\(unit)", x: plot.x + plot.width / 2, y: bottom + 38, anchor: .middle, cls: "x-label")
        canvas.text("Follow-up\(unit)", x: 24, y: plot.y + plot.height / 2, anchor: .middle, rotate: true, cls: "y-label")
        canvas.endGroup()
        return canvas.rendered()
    }
}
