import GSLSupport
import SurvivalAnalysis

extension NonProportionalDesign {
    /// The asymptotic drift of the Fleming–Harrington FH(ρ, γ) weighted log-rank z statistic at
    /// calendar time T: ``logRankDrift(patients:at:)`` with the weight
    /// w(x) = S̄(x)^ρ (1 − S̄(x))^γ in the score's mean and w² in its variance,
    ///     mean N ∫ w a c/(a + c) (λ_T − λ_C) W dx,  variance N ∫ w² a c (p_T f_T + p_C f_C)/(a + c)² W dx,
    /// a = p_T S_T, c = p_C S_C, W = G(T − x) e^{−ηx}. S̄ = p_T S_T + p_C S_C is the limit of the
    /// pooled Kaplan–Meier estimate whose left limit `logrank --rho --gamma` weights by (Fleming &
    /// Harrington 1991, 7.2): with the same censoring in both arms, its hazard is the at-risk
    /// weighted mean of the arms' hazards, −d log S̄. This is the at-risk form of the weighted
    /// log-rank's asymptotic distribution used by npsurvSS (Yung & Liu 2019) and gsDesign2's
    /// `gs_power_wlr` (there with the weight at the pooled survival too). FH(0, 0) is the
    /// unweighted drift.
    /// - Complexity: O((pieces + accrual pieces) × nodes × pieces).
    public func weightedLogRankDrift(patients: Double, at time: Double, weights: FlemingHarrington) -> Double {
        let (mean, variance) = weightedLogRankMoments(at: time, weights: weights)
        return variance > 0 ? patients.squareRoot() * mean / variance.squareRoot() : 0
    }

    /// The weighted log-rank score's mean and variance per patient at the analysis at `time`:
    /// ∫ w a c/(a + c) (λ_T − λ_C) W and ∫ w² a c f/(a + c)² W, with a, c the arms' shares of the
    /// survival, f the pooled density, W the share enrolled and not dropped out (the integrand
    /// factor of ``integrate(from:to:at:_:)``) and w the FH weight at the pooled limit survival.
    /// Shared by the fixed design's drift and the group-sequential looks
    /// (``lookStatistic(method:patients:at:weights:)``).
    /// - Complexity: O((pieces + accrual pieces) × nodes × pieces).
    func weightedLogRankMoments(at time: Double, weights: FlemingHarrington) -> (mean: Double, variance: Double) {
        let pt = treatmentShare, pc = 1 - treatmentShare
        func weight(_ a: Double, _ c: Double) -> Double { weights.weight(survivalBefore: a + c) }
        let mean = integrate(from: 0, to: time, at: time) { x in
            let a = pt * self.treatment.survival(at: x), c = pc * self.control.survival(at: x)
            return a + c > 0 ? weight(a, c) * a * c / (a + c) * (self.treatment.hazard(at: x) - self.control.hazard(at: x)) : 0
        }
        let variance = integrate(from: 0, to: time, at: time) { x in
            let a = pt * self.treatment.survival(at: x), c = pc * self.control.survival(at: x)
            let f = pt * self.treatment.density(at: x) + pc * self.control.density(at: x), w = weight(a, c)
            return a + c > 0 ? w * w * a * c * f / ((a + c) * (a + c)) : 0
        }
        return (mean, variance)
    }
}

extension NonProportionalDesign {
    /// Power of a test whose z statistic has drift δ: Φ(|δ| − z_{1−α/s}) (+ Φ(−|δ| − z_{1−α/s})
    /// two-sided), as ``logRankPower(patients:at:alpha:sides:)``.
    public static func power(drift: Double, alpha: Double, sides: Int = 2) -> Double {
        let d = abs(drift), z = Normal.upperQuantile(alpha / Double(sides))
        return Normal.cdf(d - z) + (sides == 2 ? Normal.cdf(-d - z) : 0)
    }
}
