/// The variance–covariance matrix of the coefficients, as R's `vcov(fit)` / `fit$var`.
extension CoxModel {
    /// R's `fit$var`, row-major p × p in the covariates' units: the robust (sandwich) variance
    /// when ``robust``, else I(β̂)⁻¹ — (I + K)⁻¹ for a ridge fit, I(β̂)⁻¹ for a Firth fit.
    /// Rows and columns of aliased terms are 0, as in R.
    /// - Complexity: O(p²).
    public var varianceMatrix: [Double] {
        guard let robust = robustScaledVariance else { return estimate.variance }
        let p = estimate.columns
        var v = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0..<p { v[i * p + j] = robust[i * p + j] * estimate.scales[i] * estimate.scales[j] }
        }
        return v
    }

    /// R's `fit$naive.var`: the model-based I(β̂)⁻¹ when the robust variance is reported, else nil.
    public var naiveVarianceMatrix: [Double]? { robustScaledVariance == nil ? nil : estimate.variance }
}
