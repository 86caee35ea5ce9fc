import PlatformSupport
import GSLSupport

/// Restricted mean survival time (RMST) per group to a horizon τ and the contrasts of each
/// group with the reference group (the first level unless another is named), as R's survRM2 `rmst2` reports them for two arms
/// (Uno et al. 2014, J Clin Oncol 32:2380; Royston & Parmar 2013).
///
/// Per group: the area under the Kaplan–Meier curve from 0 to τ with the standard error of R's
/// `print(survfit, rmean = τ)` (``SurvivalCurve/restrictedMean(tau:)``), the Wald interval
/// μ ± z σ, and the restricted mean time lost τ − μ (same σ). For group g against the reference r (written 0 below):
/// - difference μ_g − μ₀, σ = √(σ_g² + σ₀²), interval ± z σ, p = 2(1 − Φ(|Δ/σ|));
/// - ratio μ_g/μ₀ on the log scale: σ = √(σ_g²/μ_g² + σ₀²/μ₀²), interval exp(log ratio ± z σ);
/// - ratio of the times lost (τ − μ_g)/(τ − μ₀), the same way.
/// τ defaults to the smallest of the groups' largest follow-up times (event or censored), so
/// every curve is defined to τ. A τ given beyond a group whose last time is censored extends
/// that curve flat, as R's `print.survfit` does, and is recorded in ``curvesExtended``.
public struct RestrictedMeanComparison: Sendable, Equatable {
    /// One group's RMST and RMTL.
    public struct Group: Sendable, Equatable {
        /// The group's label, `column=level`.
        public let label: String
        /// Patients in the group.
        public let n: Int
        /// Events in the group.
        public let events: Int
        /// The largest time observed in the group (event or censored).
        public let lastTime: Double
        /// The group's RMST to τ with its standard error.
        public let restrictedMean: RestrictedMean
        /// Lower confidence limit of the RMST.
        public let lower: Double
        /// Upper confidence limit of the RMST.
        public let upper: Double
        /// τ − RMST; its standard error is the RMST's.
        public var timeLost: Double { restrictedMean.tau - restrictedMean.estimate }
        /// Lower confidence limit of the RMTL (τ − upper RMST limit).
        public var timeLostLower: Double { restrictedMean.tau - upper }
        /// Upper confidence limit of the RMTL (τ − lower RMST limit).
        public var timeLostUpper: Double { restrictedMean.tau - lower }
    }

    /// An estimate with its Wald interval and two-sided p-value (against 0 for a difference,
    /// 1 for a ratio).
    public struct Estimate: Sendable, Equatable {
        /// The point estimate (a difference, or a ratio on its own scale).
        public let estimate: Double
        /// Standard error: of the difference, or of the log ratio.
        public let standardError: Double
        /// Lower confidence limit.
        public let lower: Double
        /// Upper confidence limit.
        public let upper: Double
        /// Two-sided Wald p-value.
        public let pValue: Double
    }

    /// Group g against the reference group.
    public struct Contrast: Sendable, Equatable {
        /// Index of the compared group in ``groups``.
        public let group: Int
        /// Index of the reference group in ``groups``.
        public let reference: Int
        /// RMST(group) − RMST(reference), as survRM2's `rmst2` reports.
        public let difference: Estimate
        /// RMST(group) / RMST(reference), interval from the log ratio.
        public let ratio: Estimate
        /// RMTL(group) / RMTL(reference), interval from the log ratio.
        public let timeLostRatio: Estimate
    }

    /// The truncation time τ.
    public let tau: Double
    /// True when τ was the default (smallest largest follow-up time).
    public let tauIsDefault: Bool
    /// Confidence level of the intervals.
    public let confidenceLevel: Double
    /// One entry per group, in level order.
    public let groups: [Group]
    /// Each group against the reference group.
    public let contrasts: [Contrast]
    /// Groups whose curve is undefined beyond their last time (censored) and was extended flat to τ.
    public let curvesExtended: [Int]
    /// The data file, for the report.
    public let source: String
    /// The time column.
    public let timeColumn: String
    /// The event column.
    public let eventColumn: String
    /// The group column.
    public let groupColumn: String
    /// Rows used.
    public let rowsUsed: Int
    /// Rows left out for missing values, by column.
    public let omissions: Omissions

    /// Why the comparison cannot be made.
    public enum Failure: Error, Equatable, Sendable {
        case noGroupColumn
        case singleGroup(column: String, level: String?)
        case stratified
        case badTau(Double)
        case badConfidenceLevel(Double)
        /// τ at or below 0.
        case tauNotPositive(Double)
        /// The reference level asked for is not a level of the group column (in the rows used).
        case unknownReference(level: String, levels: [String])
    }

    /// Computes the comparison.
    /// - Parameters:
    ///   - data: The survival data; its group column defines the groups.
    ///   - tau: The horizon τ; nil uses the default (the smallest of the groups' largest times).
    ///   - confidenceLevel: Level of the Wald intervals, in (0, 1).
    ///   - reference: The group level every other group is compared with (the subtrahend of the
    ///     difference, the denominator of the ratios: survRM2 reports arm1 − arm0 and arm1/arm0 with
    ///     this level as arm0); nil uses the first level.
    /// - Complexity: O(n log n) for the curves plus O(m) per group of m distinct times.
    public init(_ data: SurvivalData, tau: Double? = nil, confidenceLevel: Double = 0.95,
                reference: String? = nil) throws(Failure) {
        guard let group = data.group else { throw .noGroupColumn }
        let column = data.spec.group ?? "group"
        guard group.levels.count >= 2 else { throw .singleGroup(column: column, level: group.levels.first) }
        guard data.strata == nil else { throw .stratified }
        guard confidenceLevel > 0 && confidenceLevel < 1 else { throw .badConfidenceLevel(confidenceLevel) }
        if let tau { guard tau.isFinite else { throw .badTau(tau) } }
        var referenceIndex = 0
        if let reference {
            guard let i = group.levels.firstIndex(of: reference) else {
                throw .unknownReference(level: reference, levels: group.levels)
            }
            referenceIndex = i
        }
        let curves = KaplanMeier.curves(data)
        let k = group.levels.count
        var last = [Double](repeating: -.infinity, count: k)
        for (i, g) in group.codes.enumerated() { last[Int(g)] = max(last[Int(g)], data.time[i]) }
        let horizon = tau ?? last.min()!
        guard horizon > 0 else { throw .tauNotPositive(horizon) }
        let z = Normal.upperQuantile((1 - confidenceLevel) / 2)

        var summaries: [Group] = []
        var extended: [Int] = []
        for g in 0..<k {
            let curve = curves[g]
            let rm = curve.restrictedMean(tau: horizon)
            summaries.append(Group(label: group.levels[g], n: curve.n, events: curve.events, lastTime: last[g],
                                   restrictedMean: rm, lower: rm.estimate - z * rm.standardError,
                                   upper: rm.estimate + z * rm.standardError))
            // Undefined beyond the last time unless the curve has reached 0 there.
            if horizon > last[g], let s = curve.survival.last, s > 0 { extended.append(g) }
        }
        func wald(_ estimate: Double, _ se: Double, logScale: Bool) -> Estimate {
            let centre = logScale ? log(estimate) : estimate
            // survRM2's 2·pnorm(−|est/se|): with se = 0 and a finite non-zero estimate |z| = ∞ and
            // p = 0; 0/0 and ∞/∞ (a reference losing no time) are NaN, reported as null.
            let p = se > 0 ? Normal.twoSidedP(centre / se)
                : (se == 0 && centre.isFinite && centre != 0 ? 0 : .nan)
            let lo = centre - z * se, hi = centre + z * se
            return logScale ? Estimate(estimate: estimate, standardError: se, lower: exp(lo), upper: exp(hi), pValue: p)
                : Estimate(estimate: estimate, standardError: se, lower: lo, upper: hi, pValue: p)
        }
        var contrasts: [Contrast] = []
        let r = summaries[referenceIndex].restrictedMean
        for g in 0..<k where g != referenceIndex {
            let m = summaries[g].restrictedMean
            let difference = wald(m.estimate - r.estimate,
                                  (m.standardError * m.standardError + r.standardError * r.standardError).squareRoot(),
                                  logScale: false)
            let vm = m.standardError * m.standardError, vr = r.standardError * r.standardError
            let ratio = wald(m.estimate / r.estimate,
                             (vm / (m.estimate * m.estimate) + vr / (r.estimate * r.estimate)).squareRoot(), logScale: true)
            let lostG = horizon - m.estimate, lostR = horizon - r.estimate
            let lostRatio = wald(lostG / lostR, (vm / (lostG * lostG) + vr / (lostR * lostR)).squareRoot(), logScale: true)
            contrasts.append(Contrast(group: g, reference: referenceIndex, difference: difference, ratio: ratio, timeLostRatio: lostRatio))
        }
        self.tau = horizon
        tauIsDefault = tau == nil
        self.confidenceLevel = confidenceLevel
        groups = summaries
        self.contrasts = contrasts
        curvesExtended = extended
        source = data.source
        timeColumn = data.spec.time
        eventColumn = data.spec.event
        groupColumn = column
        rowsUsed = data.rowsUsed
        omissions = data.omissions
    }
}
