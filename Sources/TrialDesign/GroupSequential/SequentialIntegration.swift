import PlatformSupport
import GSLSupport

/// The sub-density of Z_k on the continuation region of look k — the density of "the trial
/// reached look k, did not stop there, and Z_k = z" — held on an ``IntegrationGrid`` as
/// Simpson-weighted values wᵢ·h_k(zᵢ).
struct SubDensity: Sendable {
    /// t_k, the information fraction of the look.
    let informationRate: Double
    let points: [Double]
    let weighted: [Double]

    /// The probability of continuing past this look.
    var mass: Double { weighted.reduce(0, +) }
}

/// The recursive numerical integration of Armitage, McPherson & Rowe (1969) in the form of
/// Jennison & Turnbull (2000, ch. 19) for the joint distribution of sequential Z statistics.
///
/// Model: Z_k = S_k/√t_k where S is a Brownian motion with drift θ in information time, so
/// Z_k ~ N(θ√t_k, 1) and, given Z_{k−1} = z, √t_k·Z_k ~ N(√t_{k−1}·z + θΔ_k, Δ_k) with
/// Δ_k = t_k − t_{k−1}. Then
///
///     h_1(z) = φ(z − θ√t_1)
///     h_k(y) = ∫ h_{k−1}(z) · √t_k/√Δ_k · φ((y√t_k − z√t_{k−1} − θΔ_k)/√Δ_k) dz
///     P(continue to k, Z_k ≥ b) = ∫ h_{k−1}(z) · Φ̄((b√t_k − z√t_{k−1} − θΔ_k)/√Δ_k) dz
///
/// each integral over the previous look's continuation region. Every step costs O(m) for a
/// boundary probability and O(m²) (less, as the kernel is cut at 10 standard deviations) for
/// the next sub-density, m ≈ 12r grid points. This is also rpact's algorithm
/// (`getGroupSequentialProbabilitiesCpp`), which uses a fixed 91-point Newton–Cotes grid.
///
/// The mean of the score √t_k·Z_k need not be θ·t_k: with `scoreMeans` it is any value μ_k per
/// look (a drift that does not grow as √t, as under non-proportional hazards; the canonical
/// joint distribution of Jennison & Turnbull 2000, §3.1, with E[Z_k] = μ_k/√t_k), and θΔ_k
/// above becomes μ_k − μ_{k−1}. The increments stay independent with variance Δ_k.
struct SequentialIntegrator: Sendable {
    /// θ, the drift: E[Z_k] = θ√t_k (0 under the null hypothesis).
    let drift: Double
    /// E[√t·Z] at each look's information rate t, replacing θ·t when given.
    let scoreMeans: [Double: Double]?
    /// r, Jennison & Turnbull's grid-size parameter.
    let gridSize: Int

    /// Beyond this many standard deviations the normal kernel is below 1e-22 and is skipped.
    private static let kernelCutoff = 10.0

    init(drift: Double, gridSize: Int = GroupSequentialDesign.defaultGridSize) {
        self.drift = drift
        self.scoreMeans = nil
        self.gridSize = gridSize
    }

    /// An integrator whose score √t_k·Z_k has mean `scoreMeans[t_k]` at each look's rate t_k.
    init(scoreMeans: [Double: Double], gridSize: Int = GroupSequentialDesign.defaultGridSize) {
        self.drift = 0
        self.scoreMeans = scoreMeans
        self.gridSize = gridSize
    }

    /// E[√t·Z] at the look with rate t minus that at the previous look's rate (θΔ without
    /// `scoreMeans`, computed as before so that those results keep every bit).
    private func meanIncrement(from previous: Double, to t: Double) -> Double {
        guard let scoreMeans else { return drift * (t - previous) }
        return scoreMeans[t]! - scoreMeans[previous]!
    }

    /// E[Z] at the look with information rate t.
    private func mean(_ t: Double) -> Double { scoreMeans.map { $0[t]! / t.squareRoot() } ?? drift * t.squareRoot() }

    /// P(continue to the look at `rate`, Z ≥ b), after `previous` (nil: this is the first look).
    /// - Complexity: O(m).
    func probabilityAbove(_ b: Double, rate t: Double, after previous: SubDensity?) -> Double {
        if b == .infinity { return 0 }
        guard let previous else {
            if b == -.infinity { return 1 }
            return Normal.upperTail(b - mean(t))
        }
        if b == -.infinity { return previous.mass }
        let (_, a1, sd) = transition(from: previous.informationRate, to: t)
        var sum = 0.0
        let shift = b * t.squareRoot() - meanIncrement(from: previous.informationRate, to: t)
        for i in previous.points.indices {
            sum += previous.weighted[i] * Normal.upperTail((shift - a1 * previous.points[i]) / sd)
        }
        return sum
    }

    /// P(continue to the look at `rate`, Z ≤ a), after `previous` (nil: this is the first look).
    /// - Complexity: O(m).
    func probabilityBelow(_ a: Double, rate t: Double, after previous: SubDensity?) -> Double {
        if a == -.infinity { return 0 }
        guard let previous else {
            if a == .infinity { return 1 }
            return Normal.cdf(a - mean(t))
        }
        if a == .infinity { return previous.mass }
        let (_, a1, sd) = transition(from: previous.informationRate, to: t)
        var sum = 0.0
        let shift = a * t.squareRoot() - meanIncrement(from: previous.informationRate, to: t)
        for i in previous.points.indices {
            sum += previous.weighted[i] * Normal.cdf((shift - a1 * previous.points[i]) / sd)
        }
        return sum
    }

    /// The sub-density at the look at `rate` on the continuation interval (lower, upper).
    /// - Complexity: O(m²) at most.
    func advance(from previous: SubDensity?, rate t: Double, lower: Double, upper: Double) -> SubDensity {
        let mean = self.mean(t)
        let grid = IntegrationGrid(mean: mean, lower: lower, upper: upper, gridSize: gridSize)
        var values = [Double](repeating: 0, count: grid.points.count)
        let inverseRootTwoPi = 0.398_942_280_401_432_7
        guard let previous else {
            for j in grid.points.indices {
                let x = grid.points[j] - mean
                values[j] = grid.weights[j] * inverseRootTwoPi * exp(-0.5 * x * x)
            }
            return SubDensity(informationRate: t, points: grid.points, weighted: values)
        }
        let (a0, a1, sd) = transition(from: previous.informationRate, to: t)
        let scale = a0 / sd * inverseRootTwoPi
        let meanShift = meanIncrement(from: previous.informationRate, to: t)
        let cutoff = SequentialIntegrator.kernelCutoff * sd
        previous.points.withUnsafeBufferPointer { z in
            previous.weighted.withUnsafeBufferPointer { h in
                let n = z.count
                // The previous points are increasing, so the window of z with a non-negligible
                // kernel, |y√t − z√t₋ − θΔ| ≤ cutoff, slides monotonically with y.
                var from = 0, to = 0
                for j in grid.points.indices {
                    let centre = grid.points[j] * a0 - meanShift
                    while from < n && centre - a1 * z[from] > cutoff { from += 1 }
                    if to < from { to = from }
                    while to < n && a1 * z[to] - centre <= cutoff { to += 1 }
                    var sum = 0.0
                    var i = from
                    while i < to {
                        let u = (centre - a1 * z[i]) / sd
                        sum += h[i] * exp(-0.5 * u * u)
                        i += 1
                    }
                    values[j] = grid.weights[j] * scale * sum
                }
            }
        }
        return SubDensity(informationRate: t, points: grid.points, weighted: values)
    }

    /// (√t_k, √t_{k−1}, √Δ_k).
    private func transition(from previous: Double, to t: Double) -> (Double, Double, Double) {
        (t.squareRoot(), previous.squareRoot(), (t - previous).squareRoot())
    }
}
