internal import Foundation
import GSLSupport

/// Predicted quantiles of survival time for one covariate pattern, as R's
/// `predict(fit, newdata, type = "quantile", p = …, se.fit = TRUE)`.
public struct SurvregPrediction: Sendable {
    /// One predicted quantile with its standard error and interval.
    public struct Quantile: Sendable {
        /// The probability p (the median is 0.5).
        public let probability: Double
        /// The p-quantile of T.
        public let time: Double
        /// Its delta-method standard error (R's `se.fit`).
        public let se: Double
        /// Confidence limits: on the log scale then exponentiated for log-time models
        /// (so they stay positive), else time ± z·se.
        public let lower: Double
        /// Upper confidence limit (see `lower`).
        public let upper: Double
    }
    /// The `term=value` pairs as given.
    public let values: [(name: String, value: String)]
    /// The scale stratum used, when the model has scale strata.
    public let stratum: String?
    /// x'β for the pattern.
    public let linearPredictor: Double
    /// The quantiles asked for, in the order given.
    public let quantiles: [Quantile]
}

extension SurvregModel {
    /// Quantiles for one pattern: q = x'β + w_p·σ on the model scale (w_p the standard
    /// family's p-quantile), var(q) = dᵀVd with d = (x, w_p·σ at the stratum's log σ), then
    /// exp(q) with SE exp(q)·se for log-time models (R's `se/dtrans(pred)`).
    /// - Complexity: O(p² · quantiles).
    public func predictQuantiles(_ assignments: [(name: String, value: String)],
                                 probabilities: [Double]) throws(CoxPredictionError) -> SurvregPrediction {
        var byName: [String: String] = [:]
        for (name, value) in assignments { byName[name] = value }
        let known = Set(terms.map(\.name) + strataColumns)
        for (name, _) in assignments where !known.contains(name) { throw .unknownName(name) }
        let coxTerms = terms.map {
            CoxTerm(name: $0.name, kind: $0.kind, columns: ($0.columns.lowerBound - 1)..<($0.columns.upperBound - 1))
        }
        // The text values typed as the Cox prediction types them (numbers for covariates).
        var typed: [String: CoxValue] = [:]
        for (name, value) in try CoxDesign.typed(assignments.filter { a in coxTerms.contains { $0.name == a.name } },
                                                 terms: coxTerms) { typed[name] = value }
        let design = try CoxDesign.row(terms: coxTerms, columns: columnNames.count - 1, for: typed)
        let x = [1.0] + design
        var scaleIndex = 0
        var stratum: String?
        if logScales.count > 1 {
            let missing = strataColumns.filter { byName[$0] == nil }
            guard missing.isEmpty else { throw .partialStrata(missing: missing) }
            let label = strataColumns.count == 1 ? byName[strataColumns[0]]!
                : strataColumns.map { "\($0)=\(byName[$0]!)" }.joined(separator: ", ")
            guard let k = scaleLabels.firstIndex(where: { $0 == label || $0 == "\(strataColumns[0])=\(label)" })
            else { throw .unknownStratum(label) }
            scaleIndex = k
            stratum = scaleLabels[k]
        }
        let nvar = coefficients.count
        let p = parameterCount
        var eta = 0.0
        for j in 0..<nvar { eta += x[j] * coefficients[j] }
        // With an aliased (NA) coefficient R's predict.survreg gives NA (x %*% coef).
        if aliased.contains(true) { eta = .nan }
        let sigma = scales[logScales.isEmpty ? 0 : scaleIndex]
        let zCrit = Normal.quantile(1 - (1 - options.confidenceLevel) / 2)
        let family = options.distribution.family
        let quantiles = probabilities.map { prob -> SurvregPrediction.Quantile in
            let w = family.quantile(prob)
            let q = eta + w * sigma
            var d = [Double](repeating: 0, count: p)
            for j in 0..<nvar { d[j] = x[j] }
            if !logScales.isEmpty { d[nvar + scaleIndex] = w * sigma }
            var v = 0.0
            for a in 0..<p { for b in 0..<p { v += d[a] * variance[a * p + b] * d[b] } }
            let se = v.squareRoot()
            if options.distribution.logTime {
                let t = exp(q)
                return .init(probability: prob, time: t, se: se * t,
                             lower: exp(q - zCrit * se), upper: exp(q + zCrit * se))
            }
            return .init(probability: prob, time: q, se: se, lower: q - zCrit * se, upper: q + zCrit * se)
        }
        return SurvregPrediction(values: assignments, stratum: stratum, linearPredictor: eta, quantiles: quantiles)
    }
}
