/// A generalised inverse of a symmetric positive semi-definite matrix through an LDLᵀ
/// factorisation that drops pivots below a threshold, as survival's C routines do: `cholesky2`/
/// `chsolve2` for `coxph` and for a generalised inverse of a log-rank variance matrix, and
/// `cholesky3`/`chinv2` inside `survreg6` (``Threshold``).
///
/// A dropped pivot's direction gets a zero in every solution, so `solve` returns one particular
/// solution and `rank` counts the kept pivots. GSL's Cholesky refuses singular matrices, hence
/// this small routine (the matrices here are k × k for k groups, or p × p for p coefficients).
struct PivotDroppingCholesky {
    /// `coxph.control(toler.chol = .Machine$double.eps^0.75)`, and survreg.control's default.
    static let tolerance = 1.8189894035458565e-12

    /// Where the threshold for dropping a pivot lies — the one place survival's two routines
    /// differ.
    enum Threshold {
        /// `cholesky2`: `tolerance` × the largest diagonal element (`tolerance` when none is
        /// positive); a dropped pivot's column below it is zeroed.
        case relativeToLargest
        /// `cholesky3` as `survreg6` calls it: `tolerance` itself when no diagonal is negative,
        /// else `tolerance` × the most negative diagonal; the column below is left as it is.
        case survreg
    }

    let dimension: Int
    let rank: Int
    /// False when some pivot was below −8 × the threshold (the negative return of survival's
    /// routines), which makes survreg's Newton–Raphson fall back on the outer-product matrix.
    let positiveDefinite: Bool
    /// Row-major: D on the diagonal, the unit lower-triangular L below it.
    private let factor: [Double]

    /// - Complexity: O(p³).
    init(symmetric matrix: [Double], dimension p: Int, threshold: Threshold = .relativeToLargest) {
        precondition(matrix.count == p * p)
        var m = matrix
        let eps: Double
        switch threshold {
        case .relativeToLargest:
            var largest = 0.0
            for i in 0..<p where m[i * p + i] > largest { largest = m[i * p + i] }
            eps = largest == 0 ? Self.tolerance : largest * Self.tolerance
        case .survreg:
            var smallest = 0.0
            for i in 0..<p where m[i * p + i] < smallest { smallest = m[i * p + i] }
            eps = smallest == 0 ? Self.tolerance : smallest * Self.tolerance
        }
        var rank = 0
        var nonNegative = true
        for i in 0..<p {
            let pivot = m[i * p + i]
            guard pivot.isFinite, pivot >= eps else {
                m[i * p + i] = 0
                if pivot < -8 * eps { nonNegative = false }
                if threshold == .relativeToLargest {
                    for j in (i + 1)..<max(i + 1, p) { m[j * p + i] = 0 }
                }
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

    /// A solution x of A x = b (exact when A has full rank), zero on dropped pivots (`chsolve2`).
    /// - Complexity: O(p²).
    func solve(_ b: [Double]) -> [Double] {
        let p = dimension
        precondition(b.count == p)
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

    /// The generalised inverse with zero rows and columns for dropped pivots (`chinv2`),
    /// row-major and symmetrised.
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
