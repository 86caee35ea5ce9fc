internal import CGSL

/// The chi-square distribution (GSL `gsl_cdf_chisq_*`).
package enum ChiSquared {
    /// P(X > x) for X ~ χ²(df), as R's `pchisq(x, df, lower.tail = FALSE)`.
    package static func upperTail(_ x: Double, degreesOfFreedom df: Double) -> Double {
        GSL.prepare()
        if x.isNaN || df <= 0 { return .nan }
        if x <= 0 { return 1 }
        return gsl_cdf_chisq_Q(x, df)
    }

    /// The quantile: x with P(X ≤ x) = p.
    package static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        GSL.prepare()
        if p.isNaN || p < 0 || p > 1 || df <= 0 { return .nan }
        if p == 1 { return .infinity }
        return gsl_cdf_chisq_Pinv(p, df)
    }
}
