import SurvivalAnalysis

/// The baseline-hazard file written by `survkit cox --baseline-file FILE.csv`.
public struct CoxBaselineTable: Sendable {
    /// The baseline hazard at the covariate means.
    public let baseline: CoxBaselineHazard

    /// A table of `baseline`.
    public init(_ baseline: CoxBaselineHazard) { self.baseline = baseline }

    /// `[stratum,]time,n_risk,n_event,hazard,cumhaz,survival`, one row per distinct time of
    /// each stratum (R's `survfit(fit)` at the means: `n.risk`, `n.event`, `cumhaz`, `surv`).
    /// - Complexity: O(rows).
    public func csv() -> String {
        let stratified = baseline.rows.contains { $0.stratum != nil }
        var w = CSVWriter(header: (stratified ? ["stratum"] : []) + ["time", "n_risk", "n_event", "hazard", "cumhaz", "survival"])
        for r in baseline.rows {
            w.append((stratified ? [.text(r.stratum ?? "")] : [])
                     + [.number(r.time), .number(r.atRisk), .number(r.events), .number(r.hazard),
                        .number(r.cumulativeHazard), .number(r.survival)])
        }
        return w.rendered()
    }
}
