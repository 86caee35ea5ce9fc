/// The tolerant LDLᵀ factorisation survival uses inside `survreg6` (`cholesky3` with no sparse
/// terms, then `chsolve2` / `chinv2`). Unlike `cholesky2` the threshold is not relative to the
/// largest diagonal: it is `tolerance` itself when every diagonal is positive, else
/// `tolerance × (most negative diagonal)`. Pivots below it are set to zero (their solution
/// entries and variance rows become 0), and a pivot below −8 × the threshold marks the matrix as
/// not positive definite, which makes the Newton–Raphson step use the outer-product matrix.
struct SurvregCholesky {
    /// `survreg.control(toler.chol = .Machine$double.eps^0.75)`.
    static let tolerance = 1.8189894035458565e-12

    let dimension: Int
    let rank: Int
    /// False when some pivot was clearly negative (R's negative return of `cholesky2`).
    let positiveDefinite: Bool
    /// Row-major: D on the diagonal, unit-lower L below it.
    private var factor: [Double]

    /// - Complexity: O(p³).
    init(symmetric matrix: [Double], dimension p: Int) {
        var m = matrix
        var smallest = 0.0
        for i in 0..<p where m[i * p + i] < smallest { smallest = m[i * p + i] }
        let eps = smallest == 0 ? SurvregCholesky.tolerance : smallest * SurvregCholesky.tolerance
        var rank = 0
        var nonNegative = true
        for i in 0..<p {
            let pivot = m[i * p + i]
            if !pivot.isFinite || pivot < eps {
                m[i * p + i] = 0
                if pivot < -8 * eps { nonNegative = false }
                continue
            }
            rank += 1
            for j in (i + 1)..<max(i + 1, p) {
                let t = m[j * p + i] / pivot
                m[j * p + i] = t
                m[j * p + j] -= t * t * pivot
                for k in (j + 1)..<max(j + 1, p) { m[k * p + j] -= t * m[k * p + i] }
            }
        }
        dimension = p
        self.rank = rank
        positiveDefinite = nonNegative
        factor = m
    }

    /// x with A·x = b, zero on dropped pivots (`chsolve2`).
    /// - Complexity: O(p²).
    func solve(_ b: [Double]) -> [Double] {
        let p = dimension
        var y = b
        for i in 0..<p {
            var t = y[i]
            for j in 0..<i { t -= y[j] * factor[i * p + j] }
            y[i] = t
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            let d = factor[i * p + i]
            if d == 0 { y[i] = 0; continue }
            var t = y[i] / d
            for j in (i + 1)..<max(i + 1, p) { t -= y[j] * factor[j * p + i] }
            y[i] = t
        }
        return y
    }

    /// The generalised inverse with zero rows and columns for dropped pivots (`chinv2`), row-major.
    /// - Complexity: O(p³).
    func inverse() -> [Double] {
        let p = dimension
        var inv = [Double](repeating: 0, count: p * p)
        for c in 0..<p where factor[c * p + c] != 0 {
            var e = [Double](repeating: 0, count: p)
            e[c] = 1
            let col = solve(e)
            for r in 0..<p { inv[r * p + c] = col[r] }
        }
        // Symmetrise the rounding.
        for a in 0..<p {
            for b in 0..<a {
                let v = (inv[a * p + b] + inv[b * p + a]) / 2
                inv[a * p + b] = v
                inv[b * p + a] = v
            }
        }
        return inv
    }
}
