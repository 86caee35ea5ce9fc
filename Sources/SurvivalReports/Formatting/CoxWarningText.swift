import SurvivalAnalysis

/// The words of a `CoxWarning` (SurvivalAnalysis), as the text and JSON reports print it (close to R's own
/// `coxph` warnings, so a reader can search for them).
public enum CoxWarningText {
    /// The warning in words, as R's `coxph` words it where R has one.
    public static func words(_ warning: CoxWarning) -> String {
        switch warning {
        case .fractionalWeights:
            return "weights are not whole numbers: robust (sandwich) variance used, as R's coxph does"
        case .zeroVariance(let term):
            return "'\(term)' has zero variance: its coefficient is not estimable (NA)"
        case .overflow(let term):
            return "'\(term)' has values too large for double precision (its mean or spread overflows): "
                + "its coefficient is not estimable (NA); rescale it"
        case .collinear(let term):
            return "'\(term)' is collinear with earlier terms (singular information): its coefficient is not estimable (NA)"
        case .noIterations:
            return "no iterations were run (iteration limit 0): coefficients are the initial values 0"
        case .notConverged(let limit):
            return "ran out of iterations (limit \(limit)) and did not converge"
        case .divergent:
            return "one or more coefficients may be infinite"
        case let .possiblyInfinite(variable, term):
            return "log-likelihood converged before variable \(variable) ('\(term)'); coefficient may be infinite"
        }
    }
}
