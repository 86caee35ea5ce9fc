/// The restricted mean survival time: the area under Ŝ from 0 to τ, with its standard error.
public struct RestrictedMean: Sendable, Equatable {
    /// The truncation time τ.
    public var tau: Double
    /// ∫₀^τ Ŝ(t) dt, R's `rmean`.
    public var estimate: Double
    /// R's `se(rmean)`.
    public var standardError: Double

    /// A restricted mean and its standard error.
    public init(tau: Double, estimate: Double, standardError: Double) {
        self.tau = tau
        self.estimate = estimate
        self.standardError = standardError
    }
}

extension SurvivalCurve {
    /// The restricted mean to `tau`, as R's `print(fit, rmean = tau)` (`survival:::survmean`).
    ///
    /// With curve times t₁ < … < t_K ≤ τ, rectangles r₁ = t₁·1 and rⱼ = (tⱼ − tⱼ₋₁)·Ŝ(tⱼ₋₁) up to
    /// t_{K+1} = τ; the mean is Σ rⱼ and its variance Σₖ Aₖ² dₖ/(nₖ(nₖ − dₖ)), where Aₖ is the area
    /// under Ŝ from tₖ to τ and a term with nₖ = dₖ counts as 0 (Greenwood-type, as R, also for
    /// the Nelson–Aalen curve). Before the first time the mean is τ with standard error 0 (R's
    /// print refuses a τ below the smallest time; survkit returns this exact value). With case
    /// weights nₖ and dₖ are the weighted counts, as `survmean` reads them from the fit, whatever
    /// standard error the curve itself carries.
    /// - Precondition: τ finite and ≥ 0.
    /// - Complexity: O(m).
    public func restrictedMean(tau: Double) -> RestrictedMean {
        precondition(tau >= 0 && tau.isFinite, "tau must be finite and non-negative")
        var kept = 0
        while kept < count, time[kept] <= tau { kept += 1 }
        guard kept > 0 else { return RestrictedMean(tau: tau, estimate: tau, standardError: 0) }
        // Rectangle j (0-based, j = 0...kept): width to the next point, height Ŝ before it.
        @inline(__always) func rectangle(_ j: Int) -> Double {
            let right = j < kept ? time[j] : tau
            let left = j == 0 ? 0 : time[j - 1]
            let height = j == 0 ? 1 : survival[j - 1]
            return (right - left) * height
        }
        // Compensated, as R's sum() (long double): a curve at 1 to τ gives exactly τ, so the
        // restricted mean time lost τ − mean is 0, not a rounding error of either sign.
        var mean = CompensatedSum()
        for j in 0...kept { mean.add(rectangle(j)) }
        // As R: cumulative sums of the rectangles from the right, times each row's hazard term.
        var variance = 0.0
        var area = 0.0
        for k in stride(from: kept - 1, through: 0, by: -1) {
            area += rectangle(k + 1)
            let r = weighted?.risk[k] ?? Double(nRisk[k]), d = weighted?.event[k] ?? Double(nEvent[k])
            let term = r - d == 0 ? 0 : d / (r * (r - d))
            variance += area * area * term
        }
        return RestrictedMean(tau: tau, estimate: mean.value, standardError: variance.squareRoot())
    }
}
