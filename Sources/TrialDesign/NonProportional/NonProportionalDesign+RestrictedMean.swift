internal import Foundation

extension NonProportionalDesign {
    /// The RMST comparison to τ of a trial with `patients` patients analysed at calendar time T.
    ///
    /// The Kaplan–Meier RMST of an arm with n patients is asymptotically normal with variance
    /// V/n, V = ∫₀^τ A(t)² dΛ(t) / π(t), A(t) = ∫_t^τ S(u) du, π(t) = S(t) C(t) the probability of
    /// being at risk at follow-up time t (the Greenwood-type variance of the RMST, Andersen et al.
    /// 1993 IV.3; the large-sample form of the variance `print(survfit, rmean = tau)` and survRM2
    /// estimate, Uno et al. 2014). Here C(t) = e^{−ηt} G(T − t): not dropped out, and entered by
    /// T − t so still followed at T (G the share enrolled by then). So
    ///     V = ∫₀^τ A(t)² f(t) / (S(t)² e^{−ηt} G(T − t)) dt,
    /// integrated by composite 20-point Gauss–Legendre between the breakpoints of the integrand,
    /// A(t) from the closed-form ``ArmLaw/restrictedMean(to:)``. This is the analytic power of
    /// Royston & Parmar (2013, BMC Med Res Methodol 13:152) with the at-risk probability from
    /// the accrual, follow-up and dropout instead of a simulated one.
    ///
    /// When τ > T (or an accrual piece of rate 0 leaves nobody followed to τ) the variance is
    /// infinite and the standard error `.infinity`.
    /// - Precondition: τ > 0.
    /// - Complexity: O((pieces + accrual pieces) × nodes × pieces).
    public func restrictedMeanComparison(patients: Double, at time: Double, tau: Double) -> RestrictedMeanComparison {
        precondition(tau > 0, "tau must be positive")
        let vc = restrictedMeanVariance(control, at: time, tau: tau)
        let vt = restrictedMeanVariance(treatment, at: time, tau: tau)
        let se = (vc / (patients * (1 - treatmentShare)) + vt / (patients * treatmentShare)).squareRoot()
        return RestrictedMeanComparison(tau: tau, control: control.restrictedMean(to: tau),
                                        treatment: treatment.restrictedMean(to: tau), standardError: se)
    }

    /// V of one arm (per patient of that arm); `.infinity` when somebody can be at risk with
    /// no chance of being followed (π(t) = 0 where A(t)² f(t) > 0).
    func restrictedMeanVariance(_ law: ArmLaw, at time: Double, tau: Double) -> Double {
        guard tau <= time else { return .infinity }
        let mean = law.restrictedMean(to: tau)
        var cuts = Set<Double>([0, tau])
        for c in law.breakpoints where c > 0 && c < tau { cuts.insert(c) }
        for t in accrualTimes + [accrualEnd] { let x = time - t; if x > 0 && x < tau { cuts.insert(x) } }
        let sorted = cuts.sorted()
        var sum = 0.0
        for k in 0..<(sorted.count - 1) {
            let lo = sorted[k], hi = sorted[k + 1]
            let panels = 8
            let width = (hi - lo) / Double(panels), half = width / 2
            for p in 0..<panels {
                let mid = lo + (Double(p) + 0.5) * width
                for (node, weight) in zip(Self.nodes, Self.weights) {
                    for x in [mid - half * node, mid + half * node] {
                        let density = law.density(at: x)
                        guard density > 0 else { continue }
                        let followed = exp(-dropoutHazard * x) * enrolledShare(by: time - x)
                        guard followed > 0 else { return .infinity }
                        let a = mean - law.restrictedMean(to: x), s = law.survival(at: x)
                        sum += half * weight * a * a * density / (s * s * followed)
                    }
                }
            }
        }
        return sum
    }
}
