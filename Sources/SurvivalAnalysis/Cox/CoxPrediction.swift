import PlatformSupport
import GSLSupport

/// The predicted cumulative hazard and survival curve of a subject with given covariates, as
/// R's `survfit(fit, newdata = ...)` (`stype = 2`: S = exp(−Λ); Efron-adjusted hazard for an
/// Efron fit).
///
/// At each distinct time of the subject's stratum: Λ₀ increments as in ``CoxBaselineHazard``,
/// Λ(t) = Λ₀(t)·exp(β·(x* − x̄)), and the variance of Λ (Tsiatis 1981, R's `agsurv`)
/// [Σ dN/S₀² + dᵀ V d]·exp(2β·(x* − x̄)) with d(t) = Λ₀(t)x* − Σ x̄(s)dΛ₀(s) and V the
/// coefficients' variance (robust when the model uses it). The confidence interval is R's
/// default "log" one: S·exp(∓z·se(Λ)), the upper bound capped at 1.
public struct CoxPrediction: Sendable {
    /// The predicted curve at one distinct time of the stratum (one row of `summary(survfit(fit, newdata))`).
    public struct Point: Sendable {
        /// The event or censoring time.
        public let time: Double
        /// Weighted number at risk, with an event and censored at this time.
        public let atRisk: Double
        /// Weighted number of events at this time.
        public let events: Double
        /// Weighted number censored at this time.
        public let censored: Double
        /// Λ(t) for the subject's covariates.
        public let cumulativeHazard: Double
        /// Standard error of the cumulative hazard (R's `std.err` of a Cox curve).
        public let standardError: Double
        /// S(t) = exp(−Λ(t)).
        public let survival: Double
        /// Lower confidence limit of S(t) (log interval).
        public let lower: Double
        /// Upper confidence limit of S(t) (log interval, capped at 1).
        public let upper: Double
        /// Λ₀(t) at the covariate means R centres on (R's `basehaz(fit)`).
        public let baselineCumulativeHazard: Double
    }
    /// The predicted curve in one stratum (the only one for an unstratified model).
    public struct Curve: Sendable {
        /// `inst=1` for a stratified model, nil otherwise.
        public let stratum: String?
        /// The curve's points in time order.
        public let points: [Point]
    }
    /// The values the curve is for, as given (typed numbers as their shortest round-trip text).
    public let values: [(name: String, value: String)]
    /// exp(β·(x* − x̄)).
    public let relativeRisk: Double
    /// Confidence level of the intervals (R's `conf.int`, default 0.95).
    public let confidenceLevel: Double
    /// One curve per stratum of the prediction.
    public let curves: [Curve]
}

extension CoxModel {
    /// The predicted curve for one subject (R's `survfit(fit, newdata)`). Give every term's
    /// value; for a stratified model give every strata column for that stratum's curve, or
    /// none for one curve per stratum.
    /// - Complexity: O(n·p + n·p²) over the rows of the strata predicted.
    ///
    /// Values as text, as a user types them (`age=60`): a covariate's text must read as a
    /// finite number, a factor's or stratum's is its level label. The typed overload
    /// overload taking ``CoxValue``s takes numbers as numbers.
    public func predictSurvival(_ values: [(name: String, value: String)]) throws(CoxPredictionError) -> CoxPrediction {
        try predict(CoxDesign.typed(values, terms: terms), echo: values)
    }

    /// The predicted curve for one subject (R's `survfit(fit, newdata)`) from typed values:
    /// `.number` for a numeric covariate, `.level` for a factor or strata column (a number
    /// given for a factor picks the level that reads as that number, as R's numeric factor
    /// levels do). Rules and errors as the text overload.
    /// - Complexity: O(n·p + n·p²) over the rows of the strata predicted.
    public func predictSurvival(_ values: [(name: String, value: CoxValue)]) throws(CoxPredictionError) -> CoxPrediction {
        try predict(values, echo: values.map { ($0.name, $0.value.description) })
    }

    private func predict(_ values: [(name: String, value: CoxValue)],
                         echo: [(name: String, value: String)]) throws(CoxPredictionError) -> CoxPrediction {
        var assignments: [String: CoxValue] = [:]
        for (name, value) in values {
            guard terms.contains(where: { $0.name == name }) || strataColumns.contains(name) else {
                throw .unknownName(name)
            }
            assignments[name] = value
        }
        let design = try CoxDesign.row(terms: terms, columns: columnNames.count, for: assignments)
        let givenStrata = strataColumns.filter { assignments[$0] != nil }
        var wanted: Int32?
        if !strataColumns.isEmpty && !givenStrata.isEmpty {
            guard givenStrata.count == strataColumns.count else {
                throw .partialStrata(missing: strataColumns.filter { assignments[$0] == nil })
            }
            let label = strataColumns.map { "\($0)=\(assignments[$0]!.description)" }.joined(separator: ", ")
            guard let code = strataLevels.firstIndex(of: label) else { throw .unknownStratum(label) }
            wanted = Int32(code)
        }

        let data = riskSets
        let p = data.columns
        let beta = estimate.scaledBeta.map { $0.isNaN ? 0 : $0 }
        var x2 = [Double](repeating: 0, count: p)
        var linear = 0.0
        for j in 0..<p {
            x2[j] = (design[j] - data.means[j]) * data.scales[j]
            linear += beta[j] * x2[j]
        }
        let risk2 = exp(linear)
        let v = robustScaledVariance ?? estimate.scaledVariance
        let z = Normal.quantile((1 + options.confidenceLevel) / 2)

        let eta = data.linearPredictor(scaledBeta: beta)
        let steps = CoxHazardSteps(data, risk: CoxHazardSteps.relativeRisk(eta), ties: options.ties, withMeans: true)
        var curves: [CoxPrediction.Curve] = []
        var g = 0
        while g < steps.groups.count {
            // The groups of one stratum.
            let stratum = data.stratum[steps.groups[g].lowerBound]
            var last = g
            while last + 1 < steps.groups.count && data.stratum[steps.groups[last + 1].lowerBound] == stratum { last += 1 }
            defer { g = last + 1 }
            if let wanted, wanted != stratum { continue }
            var atRisk = 0.0
            for k in g...last { for i in steps.groups[k] { atRisk += data.weight[i] } }
            var hazard = 0.0, variance = 0.0
            var meanHazard = [Double](repeating: 0, count: p)
            var d = [Double](repeating: 0, count: p)
            var points: [CoxPrediction.Point] = []
            for k in g...last {
                var events = 0.0, censored = 0.0
                for i in steps.groups[k] {
                    if data.event[i] { events += data.weight[i] } else { censored += data.weight[i] }
                }
                hazard += steps.hazardAll[k]
                variance += steps.varianceStep[k]
                for j in 0..<p { meanHazard[j] += steps.meanAll[k * p + j] }
                for j in 0..<p { d[j] = hazard * x2[j] - meanHazard[j] }
                var quadratic = 0.0
                for i in 0..<p { for j in 0..<p { quadratic += d[i] * v[i * p + j] * d[j] } }
                let se = ((variance + quadratic) * risk2 * risk2).squareRoot()
                let cumulative = hazard * risk2
                let survival = exp(-cumulative)
                points.append(CoxPrediction.Point(
                    time: data.time[steps.groups[k].lowerBound], atRisk: atRisk, events: events, censored: censored,
                    cumulativeHazard: cumulative, standardError: se, survival: survival,
                    lower: survival > 0 ? survival * exp(-z * se) : .nan,
                    upper: survival > 0 ? min(1, survival * exp(z * se)) : .nan,
                    baselineCumulativeHazard: hazard))
                atRisk -= events + censored
            }
            curves.append(CoxPrediction.Curve(stratum: strataLevels.isEmpty ? nil : strataLevels[Int(stratum)],
                                              points: points))
        }
        return CoxPrediction(values: echo, relativeRisk: risk2, confidenceLevel: options.confidenceLevel,
                             curves: curves)
    }
}
