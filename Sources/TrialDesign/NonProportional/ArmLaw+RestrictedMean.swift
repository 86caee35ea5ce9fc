internal import Foundation

extension ArmLaw {
    /// The restricted mean survival time μ(τ) = ∫₀^τ S(u) du, in closed form: on a piece
    /// [s, e) of constant hazard h the uncured survival integrates to S_u(s)(1 − e^{−h(e−s)})/h,
    /// and the cured fraction π adds π τ (S = π + (1 − π) S_u).
    /// - Precondition: τ ≥ 0.
    /// - Complexity: O(pieces).
    public func restrictedMean(to tau: Double) -> Double {
        precondition(tau >= 0, "tau must be ≥ 0")
        let u = uncured
        var area = 0.0, survival = 1.0
        for k in u.hazards.indices {
            let start = u.times[k]
            guard tau > start else { break }
            let end = k + 1 < u.times.count ? min(u.times[k + 1], tau) : tau
            let h = u.hazards[k], width = end - start
            area += survival * -expm1(-h * width) / h
            survival *= exp(-h * width)
        }
        return cureFraction * tau + (1 - cureFraction) * area
    }
}
