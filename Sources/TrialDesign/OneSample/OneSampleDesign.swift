import PlatformSupport
import GSLSupport
import SurvivalAnalysis

/// Sample size and power of a single-arm trial tested by the one-sample log-rank test against a
/// historical control's hazard λ₀ (piecewise exponential), by Wu (2015, Pharm Stat 14:26),
/// "Sample size calculation for the one-sample log-rank test".
///
/// The arm's true hazard is HR·λ₀ (proportional to the historical one, Wu's assumption). A
/// patient with observed time Z (event indicator δ) adds O = δ and E = Λ₀(Z); with the
/// probability of being still under observation Gc(t) = e^{−ηt}·P(entered by T − t) (uniform
/// accrual over A, analysis at T = A + F, dropout hazard η):
///     p₀ = ∫ S₁ λ₀ Gc,  p₁ = HR·p₀ (= E[δ]),  p₀₀ = ∫ Λ₀ λ₀ S₁ Gc,  p₀₁ = HR·p₀₀,
///     ω = p₁ − p₀,  σ² = p₁ − p₁² + 2p₀₀ − p₀² − 2p₀₁ + 2p₀p₁  (Var(O − E) per patient under H1).
/// The test rejects when O − E < −z·√V, V = E (Finkelstein, Muzikansky & Schoenfeld 2003) or
/// V = (O + E)/2 (Wu's variance, `wuVariance`), whose per-patient limit c² is p₀ or (p₀ + p₁)/2:
///     power = Φ((√n |ω| − z c)/σ),   n = ((z c + z_{1−β} σ)/ω)²,
/// z = z_{1−α/s} (two-sided: the opposite tail ignored). Wu's own formula is the Finkelstein case.
/// The integrals are composite 20-point Gauss–Legendre between the hazard's cut points and F.
public struct OneSampleDesign: Sendable {
    /// The historical control's hazard.
    public let historical: HistoricalHazard
    /// The arm's hazard over the historical one.
    public let hazardRatio: Double
    /// Duration of uniform accrual.
    public let accrualTime: Double
    /// Follow-up after accrual ends.
    public let followUp: Double
    /// Exponential dropout hazard.
    public let dropoutHazard: Double

    /// - Precondition: positive hazard ratio and accrual time, follow-up and dropout ≥ 0.
    public init(historical: HistoricalHazard, hazardRatio: Double, accrualTime: Double, followUp: Double,
                dropoutHazard: Double = 0) {
        precondition(hazardRatio > 0 && accrualTime > 0 && followUp >= 0 && dropoutHazard >= 0)
        self.historical = historical
        self.hazardRatio = hazardRatio
        self.accrualTime = accrualTime
        self.followUp = followUp
        self.dropoutHazard = dropoutHazard
    }

    /// Wu's per-patient quantities.
    public struct Moments: Sendable, Equatable {
        /// E[E] per patient.
        public let p0: Double
        /// E[O] per patient.
        public let p1: Double
        /// ∫ Λ₀ λ₀ S₁ Gc.
        public let p00: Double
        /// ∫ Λ₀ λ₁ S₁ Gc.
        public let p01: Double
        /// ω = p₁ − p₀, the mean of O − E per patient.
        public var omega: Double { p1 - p0 }
        /// σ, the standard deviation of O − E per patient under the alternative.
        public var sigma: Double { (p1 - p1 * p1 + 2 * p00 - p0 * p0 - 2 * p01 + 2 * p0 * p1).squareRoot() }
    }

    /// The moments by integration.
    /// - Complexity: O(pieces × nodes).
    public var moments: Moments {
        let p0 = integrate { t, lambda0, cumulative in lambda0 * exp(-self.hazardRatio * cumulative) }
        let p00 = integrate { t, lambda0, cumulative in cumulative * lambda0 * exp(-self.hazardRatio * cumulative) }
        return Moments(p0: p0, p1: hazardRatio * p0, p00: p00, p01: hazardRatio * p00)
    }

    /// The per-patient limit c of √V: √p₀ (Finkelstein) or √((p₀ + p₁)/2) (Wu).
    static func scale(_ m: Moments, wuVariance: Bool) -> Double {
        (wuVariance ? (m.p0 + m.p1) / 2 : m.p0).squareRoot()
    }

    /// Power with `patients` patients, level α over `sides` tails.
    public func power(patients: Double, alpha: Double, sides: Int, wuVariance: Bool) -> Double {
        let m = moments
        let z = Normal.upperQuantile(alpha / Double(sides))
        return Normal.cdf((patients.squareRoot() * abs(m.omega) - z * Self.scale(m, wuVariance: wuVariance)) / m.sigma)
    }

    /// The (continuous) patients reaching `power`.
    public func patients(power: Double, alpha: Double, sides: Int, wuVariance: Bool) -> Double {
        let m = moments
        let z = Normal.upperQuantile(alpha / Double(sides))
        let n = (z * Self.scale(m, wuVariance: wuVariance) + Normal.upperQuantile(1 - power) * m.sigma) / m.omega
        return n * n
    }

    /// The hazard λ₀ in force at t.
    func historicalHazard(at t: Double) -> Double {
        var k = 0
        while k < historical.times.count && t >= historical.times[k] { k += 1 }
        return historical.hazards[k]
    }

    /// ∫₀^T integrand(t, λ₀(t), Λ₀(t)) Gc(t) dt.
    private func integrate(_ integrand: (Double, Double, Double) -> Double) -> Double {
        let end = accrualTime + followUp
        var cuts = Set<Double>([0, end])
        for c in historical.times where c < end { cuts.insert(c) }
        if followUp > 0 { cuts.insert(followUp) }
        let sorted = cuts.sorted()
        var sum = 0.0
        for k in 0..<(sorted.count - 1) {
            let lo = sorted[k], hi = sorted[k + 1], panels = 8
            let width = (hi - lo) / Double(panels)
            for p in 0..<panels {
                let mid = lo + (Double(p) + 0.5) * width, half = width / 2
                for (node, weight) in zip(NonProportionalDesign.nodes, NonProportionalDesign.weights) {
                    for t in [mid - half * node, mid + half * node] {
                        let observed = exp(-dropoutHazard * t) * min(1, (end - t) / accrualTime)
                        sum += half * weight * integrand(t, historicalHazard(at: t), historical.cumulativeHazard(t)) * observed
                    }
                }
            }
        }
        return sum
    }
}
