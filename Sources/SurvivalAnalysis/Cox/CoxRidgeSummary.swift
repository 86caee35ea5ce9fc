import GSLSupport

/// What a ridge-penalised Cox fit reports beyond the coefficient table, as R's
/// `print(coxph(... + ridge(..., theta = θ)))`: the sandwich standard errors `se2`, the
/// effective degrees of freedom and the likelihood-ratio test on them.
public struct CoxRidgeSummary: Sendable {
    /// The penalty that was applied.
    public let penalty: CoxRidgePenalty
    /// (θ/2)·Σ vⱼβ̂ⱼ² at the estimate (R's `fit$penalty`).
    public let penaltyValue: Double
    /// √diag((I + K)⁻¹ I (I + K)⁻¹) per design column (R's `se2`, `sqrt(diag(fit$var2))`).
    public let se2: [Double]
    /// tr((I + K)⁻¹ I), R's `fit$df`: the effective number of parameters.
    public let degreesOfFreedom: Double
    /// 2(ℓ(β̂) − ℓ(0)) on the unpenalised partial likelihood.
    public let likelihoodRatioChisq: Double
    /// Upper χ² tail of the likelihood-ratio statistic on ``degreesOfFreedom`` (R's printed p).
    public let likelihoodRatioPValue: Double

    static func fit(_ data: CoxRiskSets, ridge: CoxRidgePenalty, ties: CoxTies,
                    settings: CoxSettings) throws(CoxError) -> (CoxEstimate, CoxRidgeSummary) {
        try settings.validate()
        guard data.eventCount > 0 else { throw .noEvents }
        guard data.columns > 0 else { throw .dimensionMismatch("a Cox model needs at least one covariate column") }
        let outcome = CoxRidgeNewtonRaphson.fit(data, ties: ties, settings: settings,
                                                weights: ridge.scaledWeights(data))
        let estimate = CoxEstimate(data: data, outcome: outcome.fit, settings: settings)
        let p = data.columns
        let se2 = (0..<p).map { j in
            outcome.fit.aliased[j] ? Double.nan : data.scales[j] * outcome.sandwich[j * p + j].squareRoot()
        }
        let chisq = 2 * (outcome.fit.loglik - outcome.fit.loglikNull)
        let df = outcome.degreesOfFreedom
        let pValue = df > 0 && chisq.isFinite ? ChiSquared.upperTail(max(chisq, 0), degreesOfFreedom: df) : .nan
        return (estimate, CoxRidgeSummary(penalty: ridge, penaltyValue: outcome.penalty, se2: se2,
                                          degreesOfFreedom: df, likelihoodRatioChisq: chisq,
                                          likelihoodRatioPValue: pValue))
    }
}
