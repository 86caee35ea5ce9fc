internal import Foundation
import GSLSupport

/// The distribution of sup |W⁰(x)| / √(x(1 − x)) over a ≤ x ≤ b for a standard Brownian bridge W⁰:
/// the law behind the equal-precision (Nair 1984) confidence band (Klein & Moeschberger 2003, §4.4,
/// table C.4).
///
/// Method (written for survkit): with t = x/(1 − x), W⁰(x)/√(x(1 − x)) = W(t)/√t for a Brownian
/// motion W, and with u = log t that is a stationary Ornstein–Uhlenbeck process U (generator
/// ½f″ − ½xf′) observed for a time T = log(b(1 − a)/(a(1 − b))). P(sup |U| ≤ e) = ⟨1, e^{TL} 1⟩_φ
/// with L killed at ±e; the ground-state transform f = g/√φ turns −L into the Schrödinger operator
/// H = −½ d² + x²/8 − ¼ on (−e, e) with Dirichlet ends, so P = Σₖ e^{−Tλₖ} ⟨√φ, gₖ⟩². H is
/// discretised by Galerkin on the even cosine basis e^{−½} cos((2j − 1)πx/(2e)), j = 1…N, whose x²
/// matrix is closed form; the eigenpairs come from GSL's symmetric eigensolver and ⟨√φ, basis⟩ from
/// Gauss–Legendre quadrature. With N = 80 the probability is converged to about 1e-11.
enum EqualPrecisionSupremum {
    /// Size of the cosine basis.
    static let basisSize = 80

    /// P(sup_{a ≤ x ≤ b} |W⁰(x)|/√(x(1 − x)) ≤ e), for 0 < a < b < 1 and e > 0.
    static func probability(e: Double, from a: Double, to b: Double) -> Double {
        guard e > 0 else { return 0 }
        let t = log(b * (1 - a) / (a * (1 - b)))
        let n = basisSize
        let k = (1...n).map { Double(2 * $0 - 1) * Double.pi / (2 * e) }
        /// (1/e²)∫_{−e}^{e} x² cos(pπx/e) dx / 2 … the closed form of ⟨x²⟩ pieces: 2/3 at p = 0,
        /// 4(−1)^p/(p²π²) otherwise (in units of e²).
        func j(_ p: Int) -> Double {
            p == 0 ? 2.0 / 3 : 4 * (p % 2 == 0 ? 1.0 : -1.0) / (Double(p * p) * Double.pi * Double.pi)
        }
        var h = [Double](repeating: 0, count: n * n)
        for r in 0..<n {
            for c in 0..<n {
                let x2 = e * e / 2 * (j(abs(r - c)) + j(r + c + 1))
                h[r * n + c] = x2 / 8 + (r == c ? 0.5 * k[r] * k[r] - 0.25 : 0)
            }
        }
        let eigen = SymmetricEigen(symmetric: h, dimension: n)
        // ⟨basis_j, √φ⟩, √φ(x) = (2π)^{−1/4} e^{−x²/4}.
        let scale = pow(2 * Double.pi, -0.25) / e.squareRoot()
        let v = k.map { kj in
            scale * GaussLegendre.integrate(from: -e, to: e, panels: 64) { x in cos(kj * x) * exp(-x * x / 4) }
        }
        var p = 0.0
        for m in 0..<n {
            var dot = 0.0
            for r in 0..<n { dot += eigen.vectors[r * n + m] * v[r] }
            p += exp(-t * eigen.values[m]) * dot * dot
        }
        return min(max(p, 0), 1)
    }

    /// The e with P(sup |W⁰(x)|/√(x(1 − x)) ≤ e over [a, b]) = level, by bisection to 1e-12.
    static func criticalValue(level: Double, from a: Double, to b: Double) -> Double {
        var lo = 0.5, hi = 2.0
        while probability(e: hi, from: a, to: b) < level { hi *= 1.5 }
        while probability(e: lo, from: a, to: b) > level { lo /= 2 }
        while hi - lo > 1e-12 * hi {
            let mid = (lo + hi) / 2
            if probability(e: mid, from: a, to: b) < level { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
