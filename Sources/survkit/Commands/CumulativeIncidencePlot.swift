import SurvivalAnalysis
import SurvivalReports

/// Assembles a cumulative incidence figure from computed curves and Gray's tests, for
/// ``CumulativeIncidenceFigure`` to draw.
enum CumulativeIncidencePlot {
    static func figure(curves: [CumulativeIncidenceCurve], tests: [GrayTest]?, plotTimes: [Double]?, band: Bool,
                       title: String?, groupColumn: String?, timeUnit: String?) -> CumulativeIncidenceFigure {
        let last = curves.compactMap { $0.rows.last?.time }.max() ?? 1
        let ticks = plotTimes.map { NiceTicks(explicit: $0, from: 0) } ?? NiceTicks(covering: 0, max(last, 0), target: 7)
        let drawn = curves.map { c in
            let group = c.group.map { ", \(groupColumn ?? "group")=\($0)" } ?? ""
            return CumulativeIncidenceFigure.Curve(
                label: "\(c.causeLabel)\(group)", time: c.rows.map(\.time), incidence: c.rows.map(\.incidence),
                band: band ? (c.rows.map { $0.lower ?? .nan }, c.rows.map { $0.upper ?? .nan }) : nil)
        }
        let annotations = (tests ?? []).map { "Gray's test, \($0.causeLabel): p = \(NumberText.pValue($0.pValue))" }
        return CumulativeIncidenceFigure(curves: drawn, ticks: ticks, timeUnit: timeUnit, title: title, annotations: annotations)
    }
}
