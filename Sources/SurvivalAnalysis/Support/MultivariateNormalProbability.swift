import GSLSupport

/// P(a < Z < b) for a multivariate normal Z ~ N(0, Σ) of small dimension (the 2–4 statistics
/// of a MaxCombo test), by Genz's separation-of-variables method (Genz 1992, J Comput Graph
/// Stat 1:141; Genz & Bretz 2009, §4.1) integrated with a randomised Richtmyer lattice rule.
///
/// Σ = L Lᵀ by a Cholesky factorisation that pivots on the largest remaining variance and
/// stops at the numerical rank r, so a singular Σ (MaxCombo's default set: the FH(0,0) score is
/// the sum of the FH(1,0) and FH(0,1) scores) is handled as in mvtnorm: a row whose variance is
/// explained by earlier columns constrains the last of those columns it loads on. Then
/// P = ∫_{[0,1]^{r−1}} ∏ᵢ (eᵢ − dᵢ) with dᵢ = Φ(lowerᵢ(y₁…yᵢ₋₁)), eᵢ = Φ(upperᵢ(…)),
/// yᵢ = Φ⁻¹(dᵢ + wᵢ(eᵢ − dᵢ)); the last variable is integrated exactly.
///
/// The points are closed rank-1 lattices — equally spaced (dimension 1), Fibonacci (2), or
/// prime-size lattices with component-by-component generating vectors (3–12,
/// ``cbcLattices``) — or, beyond 12 dimensions, a Kronecker sequence frac(j·√pₖ), after a
/// baker's (tent) transform, shifted by ``shiftCount`` fixed pseudo-random vectors (SplitMix64
/// from a constant seed), so the result is the same bytes on every run. The points per shift
/// grow from about 1000 to 65,536 (dimension 1), 75,025 (2) or 131,071 (3–12) until three
/// standard errors over the shifts are below ``targetError``; the estimate and that error
/// bound are returned. The bound is conservative: in the tests the result
/// matches mvtnorm's Miwa algorithm (GenzBretz for singular Σ) within 1e-6, mostly 1e-8.
package enum MultivariateNormalProbability {
    /// The error bound aimed at (absolute, 3 standard errors over the shifts).
    package static let targetError = 1e-8
    /// Number of random shifts of the lattice; their spread gives the error estimate.
    package static let shiftCount = 12
    static let smallestPoints = 1 << 10
    static let largestPoints = 1 << 16
    /// Remaining variance below this (relative to the largest diagonal) ends the factorisation.
    static let rankTolerance = 1e-10

    /// The probability with its error bound and the lattice size used.
    package struct Result: Sendable, Equatable {
        /// The estimated probability.
        package let probability: Double
        /// Three standard errors of the estimate over the shifts.
        package let errorBound: Double
        /// Lattice points per shift at the end.
        package let pointsPerShift: Int
        /// The rank of Σ used.
        package let rank: Int
    }

    /// P(lower < Z < upper) for Z ~ N(0, `covariance`) (m × m, row-major, positive
    /// semi-definite). Bounds may be ±∞.
    /// - Precondition: m ≥ 1, matching lengths, lower ≤ upper, a symmetric matrix with positive diagonal.
    /// - Complexity: O(N · r · m) for N ≤ 12 · 2¹⁸ lattice points in all.
    /// `target` is the error bound aimed at (default ``targetError``; a simulation that only
    /// compares p with α can take a looser one).
    package static func probability(lower: [Double], upper: [Double], covariance: [Double],
                                    target: Double = targetError) -> Result {
        let m = lower.count
        precondition(m >= 1 && upper.count == m && covariance.count == m * m)
        let factor = Factor(covariance, m)
        let r = factor.rank
        // Rows grouped by the column whose variable they bound: rows boundStart[i]..<boundStart[i+1]
        // of boundRow / boundLoading constrain variable i.
        var boundRow: [Int] = [], boundLoading: [Double] = [], boundStart: [Int] = [0]
        for i in 0..<r {
            for row in 0..<m where factor.lastColumn[row] == i {
                boundRow.append(row)
                boundLoading.append(factor.l[row * m + i])
            }
            boundStart.append(boundRow.count)
        }
        let dimension = r - 1
        var w = [Double](repeating: 0, count: max(dimension, 1))
        var y = [Double](repeating: 0, count: r)
        return factor.l.withUnsafeBufferPointer { l in
        lower.withUnsafeBufferPointer { lower in
        upper.withUnsafeBufferPointer { upper in
        boundRow.withUnsafeBufferPointer { boundRow in
        boundLoading.withUnsafeBufferPointer { boundLoading in
        boundStart.withUnsafeBufferPointer { boundStart in
        w.withUnsafeMutableBufferPointer { w in
        y.withUnsafeMutableBufferPointer { y in
            func integrand() -> Double {
                var product = 1.0
                for i in 0..<r {
                    var lo = -Double.infinity, hi = Double.infinity
                    for q in boundStart[i]..<boundStart[i + 1] {
                        let row = boundRow[q], loading = boundLoading[q]
                        var s = 0.0
                        for j in 0..<i { s += l[row * m + j] * y[j] }
                        let a = (lower[row] - s) / loading, b = (upper[row] - s) / loading
                        if loading > 0 { lo = max(lo, a); hi = min(hi, b) } else { lo = max(lo, b); hi = min(hi, a) }
                    }
                    guard hi > lo else { return 0 }
                    let d = Normal.cdf(lo), e = Normal.cdf(hi)
                    guard e > d else { return 0 }
                    product *= e - d
                    if i + 1 < r {
                        // Clamped away from 0 and 1 so Φ⁻¹ stays finite.
                        let u = min(max(d + w[i] * (e - d), Double.leastNormalMagnitude), 1 - Double.ulpOfOne / 2)
                        y[i] = Normal.quantile(u)
                    }
                }
                return product
            }
            if dimension == 0 {
                return Result(probability: integrand(), errorBound: 0, pointsPerShift: 1, rank: r)
            }
            return lattice(dimension: dimension, r: r, w: w, target: target, integrand: integrand)
        }}}}}}}}
    }

    /// The randomised lattice rule over [0,1]^dimension, refining until the error bound is
    /// met; `integrand` reads the point from `w`.
    ///
    /// Dimensions 1–12 use closed rank-1 lattices (``closedLattices(dimension:)``), whose error
    /// on a smooth periodic integrand falls faster than 1/N; each size is a fresh lattice.
    /// Higher dimensions use the Kronecker sequence frac(j √p), whose first n points are among
    /// its first 2n (each doubling only adds points), with an error of order 1/N.
    private static func lattice(dimension: Int, r: Int, w: UnsafeMutableBufferPointer<Double>, target: Double,
                                integrand: () -> Double) -> Result {
        var random = SplitMix64(seed: 0x5EED_CAFE_F00D_0001)
        let shifts = (0..<shiftCount).map { _ in (0..<dimension).map { _ in random.nextUnit() } }
        @inline(__always) func fold(_ x: Double) -> Double {
            let f = x - x.rounded(.down)
            return abs(2 * f - 1)   // baker's transform: periodises the integrand
        }
        func finish(_ means: [Double], _ n: Int) -> Result? {
            let mean = means.reduce(0, +) / Double(shiftCount)
            var ss = 0.0
            for v in means { ss += (v - mean) * (v - mean) }
            let error = 3 * (ss / Double(shiftCount * (shiftCount - 1))).squareRoot()
            guard error <= target || n >= largestPoints else { return nil }
            return Result(probability: min(max(mean, 0), 1), errorBound: error, pointsPerShift: n, rank: r)
        }
        if let sizes = closedLattices(dimension: dimension) {
            for (level, lattice) in sizes.enumerated() {
                let n = lattice.n
                var means = [Double](repeating: 0, count: shiftCount)
                for (s, shift) in shifts.enumerated() {
                    var sum = 0.0
                    for j in 0..<n {
                        for k in 0..<dimension {
                            w[k] = fold(Double(j * lattice.z[k] % n) / Double(n) + shift[k])
                        }
                        sum += integrand()
                    }
                    means[s] = sum / Double(n)
                }
                if let result = finish(means, level == sizes.count - 1 ? Int.max : n) {
                    return Result(probability: result.probability, errorBound: result.errorBound, pointsPerShift: n, rank: r)
                }
            }
        }
        // Beyond the tabled dimensions: the extensible Kronecker sequence.
        let generators = Self.primes.prefix(dimension).map { Double($0).squareRoot() }
        var sums = [Double](repeating: 0, count: shiftCount)
        var done = 0
        var n = smallestPoints
        while true {
            var means = [Double](repeating: 0, count: shiftCount)
            for (s, shift) in shifts.enumerated() {
                var sum = sums[s]
                for j in (done + 1)...n {
                    for k in 0..<dimension { w[k] = fold(Double(j) * generators[k] + shift[k]) }
                    sum += integrand()
                }
                sums[s] = sum
                means[s] = sum / Double(n)
            }
            done = n
            if let result = finish(means, n) { return result }
            n *= 2
        }
    }

    /// The closed rank-1 lattices tried in turn for a dimension, as (points, generating
    /// vector); nil beyond the table (``cbcLattices``).
    static func closedLattices(dimension: Int) -> [(n: Int, z: [Int])]? {
        switch dimension {
        case 1: return stride(from: 10, through: 16, by: 1).map { (1 << $0, [1]) }
        case 2: return fibonacciLattices.map { ($0.n, [1, $0.z]) }
        case 3...cbcDimensions: return cbcLattices.map { ($0.n, Array($0.z.prefix(dimension))) }
        default: return nil
        }
    }

    /// Fibonacci lattices (F_k, F_{k−1}) from 1597 to 75025 points.
    static let fibonacciLattices: [(n: Int, z: Int)] = [
        (1597, 987), (2584, 1597), (4181, 2584), (6765, 4181), (10946, 6765), (17711, 10946),
        (28657, 17711), (46368, 28657), (75025, 46368),
    ]

    /// Dimensions covered by ``cbcLattices``.
    static let cbcDimensions = 12
    /// Rank-1 lattices for dimensions 3–12: a prime number of points n (1021 … 131071) and a
    /// generating vector built component by component (Sloan, Kuo & Joe 2002) to minimise the
    /// worst-case error P₂ in the weighted Korobov space with weights 1/j, by the fast CBC
    /// algorithm of Nuyens & Cools (2006) — the kind of rule Genz & Bretz (2009, §4.2.2)
    /// recommend for this integrand. After the baker's transform their error falls about as
    /// N⁻², against N⁻¹ for the Kronecker sequence. Generated by scripts/lattice-generators.py.
    static let cbcLattices: [(n: Int, z: [Int])] = [
        (1021, [1, 374, 156, 285, 305, 253, 535, 347, 399, 478, 228, 669]),
        (2039, [1, 1577, 753, 595, 1259, 237, 864, 49, 1826, 1355, 738, 1415]),
        (4093, [1, 2378, 3641, 3804, 509, 3682, 589, 650, 4006, 2269, 832, 2065]),
        (8191, [1, 4734, 5221, 4566, 4380, 2226, 3115, 2589, 7690, 1673, 5445, 5756]),
        (16381, [1, 3711, 5711, 6593, 2765, 16051, 8313, 7060, 10139, 7298, 11699, 14977]),
        (32749, [1, 9726, 17775, 8575, 11069, 11438, 2097, 9220, 15832, 22808, 3300, 25683]),
        (65521, [1, 24876, 5411, 42062, 24076, 1901, 45362, 42966, 11209, 20250, 29843, 18448]),
        (131071, [1, 81308, 11743, 126468, 105818, 63712, 125862, 75878, 63003, 86927, 31771, 44629]),
    ]

    /// P(lower < Z < upper) for a correlation matrix; as ``probability(lower:upper:covariance:)``.
    package static func probability(lower: [Double], upper: [Double], correlation: [Double],
                                    target: Double = targetError) -> Result {
        probability(lower: lower, upper: upper, covariance: correlation, target: target)
    }

    static let primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71]

    /// Pivoted Cholesky to numerical rank: rows in the original order, columns in pivot order.
    struct Factor {
        var l: [Double]
        var rank = 0
        /// For row i, the last column with a non-negligible loading: the variable it bounds.
        var lastColumn: [Int]

        init(_ sigma: [Double], _ m: Int) {
            l = [Double](repeating: 0, count: m * m)
            lastColumn = [Int](repeating: 0, count: m)
            var remaining = (0..<m).map { sigma[$0 * m + $0] }
            var used = [Bool](repeating: false, count: m)
            let scale = remaining.max() ?? 1
            for c in 0..<m {
                var pivot = -1
                for i in 0..<m where !used[i] && (pivot < 0 || remaining[i] > remaining[pivot]) { pivot = i }
                guard pivot >= 0, remaining[pivot] > Self.tolerance * scale else { break }
                used[pivot] = true
                let diagonal = remaining[pivot].squareRoot()
                l[pivot * m + c] = diagonal
                for i in 0..<m where !used[i] {
                    var s = sigma[i * m + pivot]
                    for k in 0..<c { s -= l[i * m + k] * l[pivot * m + k] }
                    l[i * m + c] = s / diagonal
                    remaining[i] -= l[i * m + c] * l[i * m + c]
                }
                lastColumn[pivot] = c
                rank = c + 1
            }
            for i in 0..<m where !used[i] {
                // A dependent row: bound the last column it loads on (mvtnorm does the same).
                var last = 0, size = 0.0
                for k in 0..<rank { size = max(size, abs(l[i * m + k])) }
                for k in 0..<rank where abs(l[i * m + k]) > 1e-8 * size { last = k }
                for k in (last + 1)..<max(rank, last + 1) { l[i * m + k] = 0 }
                lastColumn[i] = last
            }
        }

        static var tolerance: Double { MultivariateNormalProbability.rankTolerance }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): fixed shifts for the lattice, not for simulation.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform on [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
