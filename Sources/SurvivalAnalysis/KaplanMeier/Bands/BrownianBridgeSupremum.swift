internal import Foundation
import GSLSupport

/// The distribution of sup |W⁰(x)| over a ≤ x ≤ b for a standard Brownian bridge W⁰ on [0, 1]:
/// the law behind the Hall–Wellner confidence band (Klein & Moeschberger 2003, §4.4, table C.3).
///
/// Method (written for survkit, not taken from a table): given W⁰(a) = y and W⁰(b) = z, the path
/// on [a, b] is a Brownian bridge of duration D = b − a, so the probability of staying inside
/// (−c, c) is the killed heat kernel over the bridge density. The kernel is the classical image
/// series p_D(y, z) = Σₖ [φ_D(z − y − 4kc) − φ_D(z + y − 2c − 4kc)] (Feller, vol. II, X.5), and the
/// joint density of (W⁰(a), W⁰(b)) is φ_a(y) φ_D(z − y) φ_{1−b}(z) / φ_1(0). The z-integral of
/// each Gaussian image against φ_{1−b} is closed form (normal CDFs); the y-integral is done by
/// composite Gauss–Legendre quadrature (smooth integrand, error far below 1e-10). With a = 0 and
/// b = 1 it reduces to Kolmogorov's series 1 + 2 Σ (−1)ᵏ e^{−2k²c²}.
enum BrownianBridgeSupremum {
    /// P(sup_{a ≤ x ≤ b} |W⁰(x)| ≤ c), for 0 ≤ a < b ≤ 1 and c > 0.
    static func probability(c: Double, from a: Double, to b: Double) -> Double {
        guard c > 0 else { return 0 }
        let d = b - a, v = 1 - b
        let norm = 1 / Normal.pdf(0)
        // Image k sits 4kc away and is a Gaussian of variance at most 1, so past
        // √80 / (4c) images the neglected terms are below e^{-40}.
        let images = Int((80.0.squareRoot() / (4 * c)).rounded(.up)) + 2
        /// ∫_{−c}^{c} φ_D(z − m) φ_V(z) dz, with φ_s the N(0, s) density.
        func inner(_ m: Double) -> Double {
            let total = d + v
            let weight = gaussian(m, variance: total)
            // b = 1: the bridge is pinned at z = 0, inside (−c, c), so the integral is the density there.
            if v <= 0 { return gaussian(m, variance: d) }
            let mean = m * v / total
            let sd = (d * v / total).squareRoot()
            return weight * (Normal.cdf((c - mean) / sd) - Normal.cdf((-c - mean) / sd))
        }
        func kernelIntegral(_ y: Double) -> Double {
            var sum = 0.0
            for k in -images...images {
                let shift = 4 * Double(k) * c
                sum += inner(y + shift) - inner(2 * c - y + shift)
            }
            return sum
        }
        let p: Double
        if a <= 0 {
            p = norm * kernelIntegral(0)
        } else {
            p = norm * GaussLegendre.integrate(from: -c, to: c, panels: 24) { y in
                gaussian(y, variance: a) * kernelIntegral(y)
            }
        }
        return min(max(p, 0), 1)
    }

    /// The c with P(sup_{a ≤ x ≤ b} |W⁰(x)| ≤ c) = level, by bisection to 1e-12.
    static func criticalValue(level: Double, from a: Double, to b: Double) -> Double {
        var lo = 1e-3, hi = 1.0
        while probability(c: hi, from: a, to: b) < level { hi *= 2 }
        while hi - lo > 1e-12 * hi {
            let mid = (lo + hi) / 2
            if probability(c: mid, from: a, to: b) < level { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    @inline(__always)
    static func gaussian(_ x: Double, variance: Double) -> Double {
        exp(-x * x / (2 * variance)) / (2 * Double.pi * variance).squareRoot()
    }
}
