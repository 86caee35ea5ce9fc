internal import Foundation
import GSLSupport

/// A Weibull AFT fit restated as a proportional-hazards model, h(t|x) = λγt^(γ−1)·exp(x'β_PH):
/// shape γ = 1/σ, log λ = −μ/σ (μ the intercept), β_PH = −β/σ, hazard ratio exp(β_PH), with
/// delta-method standard errors from the AFT variance on (β, log σ) — the standard
/// transformation (Klein & Moeschberger 2003, §12.2; R's `SurvRegCensCov::ConvertWeibull`).
public struct WeibullHazardScale: Sendable {
    /// One parameter on the proportional-hazards scale.
    public struct Row: Sendable {
        /// "shape", "log(lambda)" or the covariate's term.
        public let term: String
        /// The estimate on the hazard scale (γ, log λ or β_PH).
        public let estimate: Double
        /// Its delta-method standard error.
        public let se: Double
        /// exp(estimate) for a covariate (the hazard ratio); nil for shape and log λ.
        public let hazardRatio: Double?
        /// Lower limit of the hazard ratio's interval; nil for shape and log λ.
        public let lower: Double?
        /// Upper limit of the hazard ratio's interval; nil for shape and log λ.
        public let upper: Double?
    }
    /// "shape" (γ), "log(lambda)", then one row per covariate.
    public let rows: [Row]

    /// Nil unless the model is a Weibull with a single scale.
    public init?(_ model: SurvregModel) {
        guard model.options.distribution == .weibull, model.logScales.count == 1 else { return nil }
        let nvar = model.coefficients.count
        let p = nvar + 1
        let logSigma = model.logScales[0]
        let sigma = exp(logSigma)
        let v = model.variance
        let zCrit = Normal.quantile(1 - (1 - model.options.confidenceLevel) / 2)
        func se(_ gradient: [Double]) -> Double {
            var s = 0.0
            for a in 0..<p { for b in 0..<p { s += gradient[a] * v[a * p + b] * gradient[b] } }
            return s.squareRoot()
        }
        let notEstimable = model.aliased
        var rows: [Row] = []
        // γ = exp(−log σ): dγ/dlog σ = −γ.
        var g = [Double](repeating: 0, count: p)
        g[nvar] = -1 / sigma
        rows.append(Row(term: "shape", estimate: 1 / sigma, se: se(g), hazardRatio: nil, lower: nil, upper: nil))
        for j in 0..<nvar {
            // −β_j/σ: derivative −1/σ wrt β_j and β_j/σ wrt log σ.
            var g = [Double](repeating: 0, count: p)
            g[j] = -1 / sigma
            g[nvar] = model.coefficients[j] / sigma
            // An aliased coefficient has no estimate on either scale (NA, as in the AFT table).
            let estimate = notEstimable[j] ? .nan : -model.coefficients[j] / sigma
            let s = notEstimable[j] ? .nan : se(g)
            if j == 0 {
                rows.append(Row(term: "log(lambda)", estimate: estimate, se: s, hazardRatio: nil, lower: nil, upper: nil))
            } else {
                rows.append(Row(term: model.columnNames[j], estimate: estimate, se: s, hazardRatio: exp(estimate),
                                lower: exp(estimate - zCrit * s), upper: exp(estimate + zCrit * s)))
            }
        }
        self.rows = rows
    }
}
