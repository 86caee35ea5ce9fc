import SurvivalAnalysis

/// The Cox hazard-ratio estimate of one simulated trial, through the lean array entry point of
/// `survkit cox` (``CoxRegression``).
enum ReplicateCox {
    /// β̂ of `treated` (1 = treatment, 0 = control) in h(t) = h₀(t) exp(β · treated), Efron ties
    /// and R's `coxph.control()` defaults; NaN when the fit fails, does not converge, or R would
    /// warn that the coefficient may be infinite (all events in one arm).
    /// - Complexity: O(n log n) to sort plus O(n) per Newton–Raphson iteration.
    static func logHazardRatio(time: [Double], event: [Bool], treated: [Double]) -> Double {
        guard let fit = try? CoxRegression.fit(time: time, event: event, covariates: treated, columns: 1),
              fit.converged, !fit.possiblyInfinite[0], !fit.aliased[0] else { return .nan }
        return fit.coefficients[0]
    }
}
