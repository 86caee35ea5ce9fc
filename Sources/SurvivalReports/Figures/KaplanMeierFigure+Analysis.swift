import SurvivalAnalysis

extension KaplanMeierFigure.Curve {
    /// The figure's view of one analysed curve: its rows, band, censorings, median and risk table,
    /// copied as computed by SurvivalAnalysis' `KaplanMeierAnalysis` and `RiskTable` (nothing is estimated here).
    /// - Complexity: O(m) for m curve rows.
    public init(_ summary: CurveSummary, label: String, band: Bool, riskTable: RiskTable, cumulativeEvents: Bool) {
        let curve = summary.curve
        var censorTime: [Double] = [], censorSurvival: [Double] = []
        for i in 0..<curve.count where curve.nCensor[i] > 0 {
            censorTime.append(curve.time[i])
            censorSurvival.append(curve.survival[i])
        }
        self.init(label: label, time: curve.time, survival: curve.survival,
                  lower: band ? summary.band.lower : nil, upper: band ? summary.band.upper : nil,
                  censorTime: censorTime, censorSurvival: censorSurvival, n: curve.n, events: curve.events,
                  median: summary.median.time, medianLower: summary.median.lower, medianUpper: summary.median.upper,
                  numberAtRisk: riskTable.numberAtRisk,
                  cumulativeEvents: cumulativeEvents ? riskTable.cumulativeEvents : nil)
    }
}
