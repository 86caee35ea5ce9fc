/// A fixed term in the linear predictor, η = βᵀx + o, whose coefficient is 1 and not
/// estimated (R's `coxph(Surv(t, d) ~ x + offset(o))`). R adds the offset to every
/// linear predictor — the partial likelihood, its value at β = 0, the residuals and the
/// concordance — and so does survkit.
extension CoxRiskSets {
    /// These risk sets with `offset` (one value per input row, in input order) added to
    /// every linear predictor.
    /// - Precondition: `offset.count == count` and every value finite (checked by the caller).
    /// - Complexity: O(n).
    func withOffset(_ offset: [Double]) -> CoxRiskSets {
        precondition(offset.count == count)
        var copy = self
        copy.offset = order.map { offset[$0] }
        return copy
    }
}
