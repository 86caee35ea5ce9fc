/// Which estimate of the survival function a curve holds.
///
/// Both are computed in the same pass over the sorted times, as R's `survfitkm` does:
/// - ``kaplanMeier``: the product-limit estimate Ŝ(t) = ∏_{tᵢ ≤ t} (1 − dᵢ/nᵢ) with Greenwood's
///   variance of −log Ŝ, Σ dᵢ / (nᵢ(nᵢ − dᵢ)) (R: `survfit(...)`, i.e. `stype = 1, ctype = 1`).
/// - ``nelsonAalen``: the Nelson–Aalen cumulative hazard Ĥ(t) = Σ_{tᵢ ≤ t} dᵢ/nᵢ with variance
///   Σ dᵢ/nᵢ², and the survival exp(−Ĥ) (Fleming–Harrington / Breslow) whose log has that same
///   standard error (R: `survfit(..., stype = 2, ctype = 1)`; its `cumhaz` and `std.chaz`).
public enum SurvivalEstimator: String, Sendable, CaseIterable {
    case kaplanMeier = "kaplan-meier"
    case nelsonAalen = "nelson-aalen"
}
