internal import CGSL

/// The standard normal distribution (GSL `gsl_cdf_ugaussian_*`).
package enum Normal {
    /// Φ(x).
    package static func cdf(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }

    /// 1 − Φ(x), accurate in the far upper tail.
    package static func upperTail(_ x: Double) -> Double { gsl_cdf_ugaussian_Q(x) }

    /// Two-sided p-value 2·(1 − Φ(|z|)), as R's `2 * pnorm(-abs(z))`.
    package static func twoSidedP(_ z: Double) -> Double { 2 * gsl_cdf_ugaussian_P(-abs(z)) }

    /// The density φ(x).
    package static func pdf(_ x: Double) -> Double { gsl_ran_ugaussian_pdf(x) }

    /// Φ⁻¹(p) for p in (0, 1); ±∞ at the ends, NaN outside.
    package static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// Φ⁻¹(1 − q), accurate for small q (GSL `Qinv`).
    package static func upperQuantile(_ q: Double) -> Double {
        if q.isNaN || q < 0 || q > 1 { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return -.infinity }
        return gsl_cdf_ugaussian_Qinv(q)
    }
}
