import PlatformSupport

/// Grid points and composite Simpson weights for integrating over one continuation interval
/// of a group-sequential test, as Jennison & Turnbull (2000, §19.2) lay them out.
///
/// The base grid for Z_k, centred at its mean μ = θ√t_k, has 6r − 1 points: logarithmically
/// spaced in the tails and evenly spaced (step 3/(2r)) over μ ± 3,
///
///     x_i = μ − 3 − 4·log(r/i),          i = 1 … r−1
///     x_i = μ − 3 + 3(i − r)/(2r),       i = r … 5r
///     x_i = μ + 3 + 4·log(r/(6r − i)),   i = 5r+1 … 6r−1.
///
/// It is trimmed to the interval (lower, upper) — whose finite ends become grid points — and
/// the midpoint of every pair of neighbours is added, so Simpson's rule applies on each piece:
/// weights d/6, 4d/6, d/6 for a piece of length d. The error is O(r⁻⁴); r = 32 (about 380
/// points) keeps boundary probabilities accurate to about 1e-10.
struct IntegrationGrid: Sendable {
    let points: [Double]
    let weights: [Double]

    var isEmpty: Bool { points.isEmpty }

    /// - Complexity: O(r).
    init(mean: Double, lower: Double, upper: Double, gridSize r: Int) {
        let n = 6 * r - 1
        let rd = Double(r)
        func base(_ i: Int) -> Double {
            let id = Double(i)
            if i < r { return mean - 3 - 4 * log(rd / id) }
            if i <= 5 * r { return mean - 3 + 3 * (id - rd) / (2 * rd) }
            return mean + 3 + 4 * log(rd / (6 * rd - id))
        }
        let first = base(1), last = base(n)
        let start = max(lower, first)
        let end = min(upper, last)
        guard start < end else {
            points = []
            weights = []
            return
        }
        var knots: [Double] = [start]
        knots.reserveCapacity(n + 2)
        for i in 1...n {
            let x = base(i)
            if x > start && x < end { knots.append(x) }
        }
        knots.append(end)

        let m = 2 * knots.count - 1
        var z = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        for j in 0..<(knots.count - 1) {
            let a = knots[j], b = knots[j + 1]
            let d = b - a
            z[2 * j] = a
            z[2 * j + 1] = 0.5 * (a + b)
            w[2 * j] += d / 6
            w[2 * j + 1] += 4 * d / 6
            w[2 * j + 2] += d / 6
        }
        z[m - 1] = knots[knots.count - 1]
        points = z
        weights = w
    }
}
