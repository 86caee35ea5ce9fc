import PlatformSupport
import GSLSupport

/// Expected events, the average hazard ratio and log-rank power of a two-arm trial whose
/// hazards need not be proportional: piecewise-exponential laws per arm, a cure fraction,
/// piecewise accrual and exponential dropout (the analytic side of gsDesign2's `ahr` and
/// `gs_power_ahr`, fixed design).
///
/// A patient in arm a entering at u is followed to the analysis at calendar time T; with
/// dropout hazard η the event is observed by T with probability ∫₀^{T−u} f_a(x) e^{−ηx} dx.
/// Swapping the order of integration, the expected events of arm a by T are
///     D_a(T) = N p_a ∫₀^T f_a(x) e^{−ηx} G(T − x) dx,
/// where G(v) is the share of the N patients enrolled by calendar time v (piecewise linear)
/// and p_a the allocation share: one integral over follow-up time x. It is evaluated by
/// composite 20-point Gauss–Legendre rules between the breakpoints of the integrand (the
/// hazards' cut points and T minus the accrual's), so it is exact to rounding for the smooth
/// pieces of piecewise-exponential laws.
///
/// The average hazard ratio is gsDesign2's: AHR = exp(Σ_j D_j log HR_j / Σ_j D_j) over the
/// intervals of constant HR, D_j the expected events of both arms in interval j — here the
/// integral exp(∫ log HR(x) dD(x) / D), which is that sum for piecewise laws and also covers a
/// cure fraction, whose HR varies continuously. Power is by the AHR method: Schoenfeld's
/// formula with the expected events and the AHR in place of a constant HR,
///     power = Φ(√(D p_T p_C) |log AHR| − z_{1−α/s}) (+ the opposite tail when two-sided),
/// chosen because it is what gsDesign2 plans with and reduces to rpact's Schoenfeld power
/// under proportional hazards. It ignores the loss of efficiency of the unweighted log-rank
/// test when the HR varies (the weighted statistic's variance differs from D p_T p_C), which is
/// why ``logRankPower(patients:at:alpha:sides:)`` also gives the at-risk (Lakatos-type)
/// approximation and the docs compare both with simulation.
public struct NonProportionalDesign: Sendable {
    /// The control arm's survival law.
    public let control: ArmLaw
    /// The treatment arm's survival law.
    public let treatment: ArmLaw
    /// The share of patients on treatment.
    public let treatmentShare: Double
    /// Exponential dropout hazard (both arms).
    public let dropoutHazard: Double
    /// Accrual: piece start times (from 0) and relative rates; enrolment ends at `accrualEnd`.
    public let accrualTimes: [Double]
    /// Accrual intensities (patients per time unit) of the accrual intervals.
    public let accrualRates: [Double]
    /// End of accrual.
    public let accrualEnd: Double

    /// - Precondition: 0 < treatmentShare < 1, dropoutHazard ≥ 0, accrual times start at 0 and
    ///   increase, rates ≥ 0 with a positive total over [0, accrualEnd].
    public init(control: ArmLaw, treatment: ArmLaw, treatmentShare: Double = 0.5, dropoutHazard: Double = 0,
                accrualTimes: [Double] = [0], accrualRates: [Double] = [1], accrualEnd: Double) {
        precondition(treatmentShare > 0 && treatmentShare < 1 && dropoutHazard >= 0 && accrualEnd > 0)
        precondition(accrualTimes.first == 0 && accrualTimes.count == accrualRates.count)
        self.control = control
        self.treatment = treatment
        self.treatmentShare = treatmentShare
        self.dropoutHazard = dropoutHazard
        self.accrualTimes = accrualTimes
        self.accrualRates = accrualRates
        self.accrualEnd = accrualEnd
    }

    /// G(v): the share of patients enrolled by calendar time v.
    public func enrolledShare(by v: Double) -> Double {
        var total = 0.0, upTo = 0.0
        for (k, start) in accrualTimes.enumerated() {
            let end = min(k + 1 < accrualTimes.count ? accrualTimes[k + 1] : accrualEnd, accrualEnd)
            guard end > start else { continue }
            total += accrualRates[k] * (end - start)
            if v > start { upTo += accrualRates[k] * (min(v, end) - start) }
        }
        return upTo / total
    }

    /// Expected events of each arm at calendar time T, over follow-up times in [from, to)
    /// (all of them by default), for `patients` patients.
    public func expectedEvents(patients: Double, at time: Double, followUpFrom from: Double = 0,
                               to: Double = .infinity) -> (control: Double, treatment: Double) {
        let c = integrate(from: from, to: min(to, time), at: time) { x in self.control.density(at: x) }
        let t = integrate(from: from, to: min(to, time), at: time) { x in self.treatment.density(at: x) }
        return (patients * (1 - treatmentShare) * c, patients * treatmentShare * t)
    }

    /// The average hazard ratio at calendar time T (independent of the number of patients).
    public func averageHazardRatio(at time: Double) -> Double {
        let pc = 1 - treatmentShare, pt = treatmentShare
        let weighted = integrate(from: 0, to: time, at: time) { x in
            let fc = pc * self.control.density(at: x), ft = pt * self.treatment.density(at: x)
            let lc = self.control.hazard(at: x), lt = self.treatment.hazard(at: x)
            return fc + ft > 0 && lc > 0 && lt > 0 ? (fc + ft) * log(lt / lc) : 0
        }
        let total = integrate(from: 0, to: time, at: time) { x in
            pc * self.control.density(at: x) + pt * self.treatment.density(at: x)
        }
        return exp(weighted / total)
    }

    /// Power of the two-sided (`sides` 2) or one-sided level-α log-rank test by the AHR method,
    /// with the expected events at `time`.
    public func power(patients: Double, at time: Double, alpha: Double, sides: Int = 2) -> Double {
        let e = expectedEvents(patients: patients, at: time)
        return Self.power(events: e.control + e.treatment, averageHazardRatio: averageHazardRatio(at: time),
                          treatmentShare: treatmentShare, alpha: alpha, sides: sides)
    }

    /// The asymptotic drift of the unweighted log-rank z statistic at calendar time T, from the
    /// expected numbers at risk y_a(x) = N p_a G(T − x) S_a(x) e^{−ηx} at follow-up time x
    /// (the "at-risk" form of Schoenfeld's approximation; Lakatos 1988 without the Markov
    /// chain): the score U = Σ (d_T − d y_T/y) has mean N ∫ a c/(a + c) (λ_T − λ_C) dx and
    /// variance N ∫ a c (p_T f_T + p_C f_C)/(a + c)² dx, with a = p_T S_T, c = p_C S_C and
    /// the factor G(T − x) e^{−ηx} inside both integrals. Unlike the AHR method it accounts for the
    /// log-rank test's loss of efficiency when the hazard ratio varies over time.
    public func logRankDrift(patients: Double, at time: Double) -> Double {
        let pt = treatmentShare, pc = 1 - treatmentShare
        let mean = integrate(from: 0, to: time, at: time) { x in
            let a = pt * self.treatment.survival(at: x), c = pc * self.control.survival(at: x)
            return a + c > 0 ? a * c / (a + c) * (self.treatment.hazard(at: x) - self.control.hazard(at: x)) : 0
        }
        let variance = integrate(from: 0, to: time, at: time) { x in
            let a = pt * self.treatment.survival(at: x), c = pc * self.control.survival(at: x)
            let f = pt * self.treatment.density(at: x) + pc * self.control.density(at: x)
            return a + c > 0 ? a * c * f / ((a + c) * (a + c)) : 0
        }
        return patients.squareRoot() * mean / variance.squareRoot()
    }

    /// Power of the log-rank test from ``logRankDrift(patients:at:)``: Φ(|δ| − z) (+ Φ(−|δ| − z) two-sided).
    public func logRankPower(patients: Double, at time: Double, alpha: Double, sides: Int = 2) -> Double {
        let drift = abs(logRankDrift(patients: patients, at: time))
        let z = Normal.upperQuantile(alpha / Double(sides))
        return Normal.cdf(drift - z) + (sides == 2 ? Normal.cdf(-drift - z) : 0)
    }

    /// Schoenfeld's power with D events and hazard ratio (here the AHR) θ: with drift
    /// δ = √(D p (1 − p)) |log θ| and z = Φ⁻¹(1 − α/s), Φ(δ − z) one-sided and
    /// Φ(δ − z) + Φ(−δ − z) two-sided (rejection in either direction, as rpact's `overallReject`).
    public static func power(events: Double, averageHazardRatio: Double, treatmentShare: Double, alpha: Double,
                             sides: Int = 2) -> Double {
        let drift = (events * treatmentShare * (1 - treatmentShare)).squareRoot() * abs(log(averageHazardRatio))
        let z = Normal.upperQuantile(alpha / Double(sides))
        return Normal.cdf(drift - z) + (sides == 2 ? Normal.cdf(-drift - z) : 0)
    }

    /// ∫ integrand(x) e^{−ηx} G(T − x) dx over [a, b] by composite Gauss–Legendre between the
    /// integrand's breakpoints.
    func integrate(from a: Double, to b: Double, at time: Double, _ integrand: (Double) -> Double) -> Double {
        guard b > a else { return 0 }
        var cuts = Set<Double>([a, b])
        for c in control.breakpoints + treatment.breakpoints where c > a && c < b { cuts.insert(c) }
        for t in accrualTimes + [accrualEnd] { let x = time - t; if x > a && x < b { cuts.insert(x) } }
        let sorted = cuts.sorted()
        var sum = 0.0
        for k in 0..<(sorted.count - 1) {
            let lo = sorted[k], hi = sorted[k + 1]
            // Panels of at most a tenth of the span keep the exponential factors well resolved.
            let panels = 8
            let width = (hi - lo) / Double(panels)
            for p in 0..<panels {
                let mid = lo + (Double(p) + 0.5) * width, half = width / 2
                for (node, weight) in zip(Self.nodes, Self.weights) {
                    for x in [mid - half * node, mid + half * node] {
                        sum += half * weight * integrand(x) * exp(-dropoutHazard * x) * enrolledShare(by: time - x)
                    }
                }
            }
        }
        return sum
    }

    /// 20-point Gauss–Legendre: the 10 positive nodes and their weights (Abramowitz & Stegun 25.4).
    static let nodes: [Double] = [
        0.0765265211334973337546404, 0.2277858511416450780804962, 0.3737060887154195606725482,
        0.5108670019508270980043641, 0.6360536807265150254528367, 0.7463319064601507926143051,
        0.8391169718222188233945291, 0.9122344282513259058677524, 0.9639719272779137912676661,
        0.9931285991850949247861224,
    ]
    static let weights: [Double] = [
        0.1527533871307258506980843, 0.1491729864726037467878287, 0.1420961093183820513292983,
        0.1316886384491766268984945, 0.1181945319615184173123774, 0.1019301198172404350367501,
        0.0832767415767047487247581, 0.0626720483341090635695065, 0.0406014298003869413310400,
        0.0176140071391521183118620,
    ]
}
