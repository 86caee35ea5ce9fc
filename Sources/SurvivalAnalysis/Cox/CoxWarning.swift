/// Something the reader of a Cox fit must know, as R's `coxph` warns it: a typed value, worded
/// for people by SurvivalReports (`CoxWarningText`), never by the estimation code.
public enum CoxWarning: Sendable, Equatable, Hashable {
    /// Weights that are not whole numbers: the robust (sandwich) variance is used, as R's coxph does.
    case fractionalWeights
    /// A term with one value throughout: its coefficient is not estimable (R prints NA).
    case zeroVariance(term: String)
    /// A term collinear with earlier terms (singular information): not estimable (NA).
    case collinear(term: String)
    /// A term whose values are too large for double precision: its mean or its spread overflows
    /// when the column is centred and scaled (as R's `coxph` centres it), which leaves it aliased
    /// (NA). It would otherwise read as zero variance or collinearity, which it is not.
    case overflow(term: String)
    /// An iteration limit of 0: the coefficients are the initial values 0.
    case noIterations
    /// Newton–Raphson ran out of iterations without converging.
    case notConverged(iterationLimit: Int)
    /// Non-convergence with the log-likelihood still rising: some coefficient may be infinite.
    case divergent
    /// The log-likelihood converged before variable `variable` (1-based) did, as R's
    /// `coxph.fit` warns: its coefficient may be infinite (separation).
    case possiblyInfinite(variable: Int, term: String)
}
