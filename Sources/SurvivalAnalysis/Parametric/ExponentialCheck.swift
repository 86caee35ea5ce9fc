internal import Foundation
import GSLSupport

/// The design-assumption check: in each group, is the hazard constant? An intercept-only
/// exponential and Weibull fit per group, the likelihood-ratio test of shape = 1 (1 df), the
/// constant hazard λ = exp(−μ) with the Wald interval exp(−μ ± z·se) and the Weibull shape.
/// Equivalent to R's `survreg(Surv(t, e) ~ 1, subset = group == g, dist = "exponential")` and
/// `dist = "weibull"`; the hazard is per unit of the data's time.
public struct ExponentialCheck: Sendable {
    /// One group's constant-hazard check.
    public struct Arm: Sendable {
        /// The group's label.
        public let group: String
        /// Rows in the group.
        public let n: Int
        /// Events in the group.
        public let events: Int
        /// Events per unit time (the exponential MLE, Σ events / Σ time, with weights).
        public let hazard: Double
        /// Lower Wald limit of the hazard, exp(−μ − z·se).
        public let hazardLower: Double
        /// Upper Wald limit of the hazard, exp(−μ + z·se).
        public let hazardUpper: Double
        /// The exponential's median, log 2 / λ.
        public let median: Double
        /// Weibull shape 1/σ; nil with fewer than two events.
        public let shape: Double?
        /// Lower Wald limit of the shape, from log σ; nil with fewer than two events.
        public let shapeLower: Double?
        /// Upper Wald limit of the shape; nil with fewer than two events.
        public let shapeUpper: Double?
        /// Likelihood-ratio chi-square of Weibull against exponential (1 df).
        public let lrChisq: Double?
        /// Its p-value: a small value says the hazard is not constant.
        public let lrPValue: Double?
    }
    /// One check per group, in the group's level order.
    public let arms: [Arm]
    /// What the fits noticed (a Weibull fit's warnings, a group with one event).
    public let warnings: [String]

    /// - Throws: ``SurvregError/groupWithoutEvents(group:)`` when a group has no events.
    /// - Complexity: O(groups · iterations · n).
    public init(_ data: SurvivalData, group: Factor, confidenceLevel: Double) throws {
        let zCrit = Normal.quantile(1 - (1 - confidenceLevel) / 2)
        var arms: [Arm] = []
        var warnings: [String] = []
        for (code, label) in group.levels.enumerated() {
            let rows = (0..<data.count).filter { Int(group.codes[$0]) == code }
            var subset = data
            subset.time = rows.map { data.time[$0] }
            subset.event = rows.map { data.event[$0] }
            subset.lines = rows.map { data.lines[$0] }
            subset.weights = data.weights.map { w in rows.map { w[$0] } }
            subset.covariates = []
            subset.factors = []
            subset.strata = nil
            subset.cluster = nil
            subset.group = nil
            guard subset.eventCount > 0 else { throw SurvregError.groupWithoutEvents(group: label) }
            let exponential = try SurvregModel.fit(subset, options: SurvregOptions(distribution: .exponential))
            let mu = exponential.coefficients[0]
            let se = exponential.variance[0].squareRoot()
            var shape: Double?, lower: Double?, upper: Double?, chisq: Double?, p: Double?
            if subset.eventCount >= 2 {
                let weibull = try SurvregModel.fit(subset, options: SurvregOptions(distribution: .weibull))
                let logSigma = weibull.logScales[0]
                let seLog = weibull.variance[3].squareRoot()
                shape = exp(-logSigma)
                lower = exp(-logSigma - zCrit * seLog)
                upper = exp(-logSigma + zCrit * seLog)
                let lr = max(0, 2 * (weibull.loglik - exponential.loglik))
                chisq = lr
                p = ChiSquared.upperTail(lr, degreesOfFreedom: 1)
                warnings += weibull.warnings.map { "group \(label), Weibull: \($0)" }
            } else {
                warnings.append("group \(label) has one event: the Weibull shape and the test are not estimable")
            }
            arms.append(Arm(group: label, n: rows.count, events: subset.eventCount, hazard: exp(-mu),
                            hazardLower: exp(-mu - zCrit * se), hazardUpper: exp(-mu + zCrit * se),
                            median: log(2) * exp(mu), shape: shape, shapeLower: lower, shapeUpper: upper,
                            lrChisq: chisq, lrPValue: p))
        }
        self.arms = arms
        self.warnings = warnings
    }
}
