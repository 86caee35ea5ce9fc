internal import Foundation

/// The baseline cumulative hazard of a fitted Cox model at the covariate means, per stratum
/// and distinct time, as R's `survfit(fit, ctype =)` / `basehaz(fit)`: with `.breslow` the
/// increments Σwᵢ/S₀ (ctype 1, Nelson–Aalen type), with `.efron` Efron's Σₖ w̄/S₀ₖ (ctype 2,
/// Fleming–Harrington type). R's default is the fit's own tie rule; `cox --baseline` lets an
/// Efron fit report the Breslow estimator and vice versa.
public struct CoxBaselineHazard: Sendable {
    /// One distinct time of one stratum.
    public struct Row: Sendable {
        /// The stratum's label (`inst=1`), or nil for an unstratified model.
        public let stratum: String?
        /// The time.
        public let time: Double
        /// Weighted number at risk just before `time`.
        public let atRisk: Double
        /// Weighted number of events at `time`.
        public let events: Double
        /// Λ̂₀(time) at the covariate means (R's `fit$means`).
        public let cumulativeHazard: Double
        /// The increment of Λ̂₀ at `time` (0 at a time with no events).
        public let hazard: Double
        /// exp(−Λ̂₀(time)), R's `survfit(fit)$surv` at the means (its default `stype = 2`).
        public let survival: Double
    }
    /// The estimator used for the increments.
    public let estimator: CoxTies
    /// Rows in stratum order, then time order; every distinct time (with or without events).
    public let rows: [Row]
}

extension CoxModel {
    /// The baseline cumulative hazard with `estimator`'s increments (default: the fit's ties).
    /// - Complexity: O(n).
    public func baselineHazard(estimator: CoxTies? = nil) -> CoxBaselineHazard {
        let data = riskSets
        let estimator = estimator ?? options.ties
        let eta = data.linearPredictor(scaledBeta: estimate.scaledBeta.map { $0.isNaN ? 0 : $0 })
        let steps = CoxHazardSteps(data, risk: CoxHazardSteps.relativeRisk(eta), ties: estimator, withMeans: false)
        var rows: [CoxBaselineHazard.Row] = []
        var g = 0
        while g < steps.groups.count {
            let stratum = data.stratum[steps.groups[g].lowerBound]
            var last = g
            while last + 1 < steps.groups.count && data.stratum[steps.groups[last + 1].lowerBound] == stratum { last += 1 }
            var atRisk = 0.0
            for k in g...last { for i in steps.groups[k] { atRisk += data.weight[i] } }
            var hazard = 0.0
            let label = strataLevels.isEmpty ? nil : strataLevels[Int(stratum)]
            for k in g...last {
                var events = 0.0, leaving = 0.0
                for i in steps.groups[k] {
                    leaving += data.weight[i]
                    if data.event[i] { events += data.weight[i] }
                }
                hazard += steps.hazardAll[k]
                rows.append(CoxBaselineHazard.Row(stratum: label, time: data.time[steps.groups[k].lowerBound],
                                                  atRisk: atRisk, events: events, cumulativeHazard: hazard,
                                                  hazard: steps.hazardAll[k], survival: exp(-hazard)))
                atRisk -= leaving
            }
            g = last + 1
        }
        return CoxBaselineHazard(estimator: estimator, rows: rows)
    }
}
