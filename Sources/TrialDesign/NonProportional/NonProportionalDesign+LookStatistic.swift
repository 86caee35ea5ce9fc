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
            let (mean, variance) = weightedLogRankMoments(at: time, weights: method == .fh ? weights! : .logRank)
            let information = patients * variance
            return LookStatistic(information: information,
                                 drift: information > 0 ? -patients * mean / information.squareRoot() : 0)
        case .rmst:
            preconditionFailure("the RMST difference has no group-sequential law here")
        }
    }
}
