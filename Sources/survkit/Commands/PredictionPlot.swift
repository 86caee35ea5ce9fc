import SurvivalReports
import TrialDesign

extension SurvKit.Predict {
    /// The figure of `survkit predict --plot`: the expected cumulative events over calendar time
    /// (the mean over the replicates) with the prediction band (the replicates' central
    /// quantiles at the interval level), the target event line and the cut and predicted date.
    /// Every number is computed by ``EventPrediction``; this only collects them for the figure.
    static func figure(_ prediction: EventPrediction, timeUnit: String?, title: String?) -> LineFigure {
        let curve = prediction.curve
        let level = NumberText.significant(prediction.settings.intervalLevel * 100, digits: 3)
        let target = prediction.settings.targetEvents
        let unit = timeUnit.map { " (\($0))" } ?? ""
        return LineFigure(
            series: [.init(label: "expected events, \(level)% prediction band", x: curve.map(\.time), y: curve.map(\.mean),
                           band: curve.map { ($0.lower, $0.upper) })],
            xLabel: "Calendar time" + unit, yLabel: "Cumulative events", yRange: nil,
            horizontalLines: [(Double(target), "target \(target) events")],
            verticalLines: [(prediction.cut, "cut"),
                            (prediction.predictedTime, "event \(target) at \(NumberText.significant(prediction.predictedTime, digits: 4))")],
            title: title)
    }
}
