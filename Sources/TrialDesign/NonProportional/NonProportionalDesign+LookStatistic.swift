import PlatformSupport
import GSLSupport
import SurvivalAnalysis

/// The information and drift of a test statistic at one calendar time: the two numbers that
/// define its canonical group-sequential law (Z_k ~ N(drift_k, 1), corr √(I_j / I_k)).
public struct LookStatistic: Sendable, Equatable {
    /// The statistical information I (the variance of the score, or D p_T p_C for the AHR method).
    public let information: Double
    /// E[Z], positive when the treatment arm does better (fewer events than under equal hazards).
    public let drift: Double
}

extension NonProportionalDesign {
    /// The information and the drift of `method`'s z statistic for `patients` patients at
    /// calendar time T, as gsDesign2's `gs_info_ahr` and `gs_info_wlr` compute them per analysis:
    /// - ``NonProportionalMethod/ahr``: I = D p_T p_C with D the expected events, drift
    ///   −√I · log AHR (Schoenfeld's formula with the AHR at T);
    /// - ``NonProportionalMethod/logrank`` and ``NonProportionalMethod/fh``: I the at-risk
    ///   variance of the (weighted) log-rank score N ∫ w² a c (p_T f_T + p_C f_C)/(a + c)² W dx
    ///   and drift −mean/√I, the mean N ∫ w a c/(a + c)(λ_T − λ_C) W dx as in
    ///   ``weightedLogRankDrift(patients:at:weights:)`` (w = 1 for `logrank`).
    /// The sign is that of the benefit of treatment (the opposite of ``logRankDrift(patients:at:)``).
    /// - Precondition: `method` is not ``NonProportionalMethod/rmst``; `weights` is given for `fh`.
    /// - Complexity: O((pieces + accrual pieces) × nodes × pieces).
    public func lookStatistic(method: NonProportionalMethod, patients: Double, at time: Double,
                              weights: FlemingHarrington? = nil) -> LookStatistic {
        let pt = treatmentShare, pc = 1 - treatmentShare
        switch method {
        case .ahr:
            let e = expectedEvents(patients: patients, at: time)
            let information = (e.control + e.treatment) * pt * pc
            return LookStatistic(information: information, drift: -information.squareRoot() * log(averageHazardRatio(at: time)))
        case .logrank, .fh:
            let w = method == .fh ? weights! : FlemingHarrington.logRank
            func weight(_ a: Double, _ c: Double) -> Double { w.weight(survivalBefore: a + c) }
            let mean = integrate(from: 0, to: time, at: time) { x in
                let a = pt * self.treatment.survival(at: x), c = pc * self.control.survival(at: x)
                return a + c > 0 ? weight(a, c) * a * c / (a + c) * (self.treatment.hazard(at: x) - self.control.hazard(at: x)) : 0
            }
            let variance = integrate(from: 0, to: time, at: time) { x in
                let a = pt * self.treatment.survival(at: x), c = pc * self.control.survival(at: x)
                let f = pt * self.treatment.density(at: x) + pc * self.control.density(at: x), v = weight(a, c)
                return a + c > 0 ? v * v * a * c * f / ((a + c) * (a + c)) : 0
            }
            let information = patients * variance
            return LookStatistic(information: information,
                                 drift: information > 0 ? -patients * mean / information.squareRoot() : 0)
        case .rmst:
            preconditionFailure("the RMST difference has no group-sequential law here")
        }
    }
}
