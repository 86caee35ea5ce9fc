/// A generalised inverse of a symmetric positive semi-definite matrix through an LDLᵀ
/// factorisation that drops pivots below a tolerance, as survival's `cholesky2`/`chsolve2`
/// do for `coxph` and as a generalised inverse of a log-rank variance matrix needs.
///
/// A pivot is dropped when it is below `tolerance` × the largest diagonal element; its
/// direction gets a zero in every solution, so `solve` returns one particular solution and
/// `rank` counts the kept pivots. GSL's Cholesky refuses singular matrices, hence this small
/// routine (the matrices here are k × k for k groups).
struct PivotDroppingCholesky {
    /// survival's `coxph.control(toler.chol = .Machine$double.eps^0.75)`.
    static let tolerance = 1.8189894035458565e-12

    let dimension: Int
    let rank: Int
    /// Row-major: D on the diagonal, the unit lower-triangular L below it.
    private let factor: [Double]

    /// - Complexity: O(p³).
    init(symmetric matrix: [Double], dimension p: Int) {
        precondition(matrix.count == p * p)
        var m = matrix
        var largest = 0.0
        for i in 0..<p where m[i * p + i] > largest { largest = m[i * p + i] }
        let eps = largest == 0 ? PivotDroppingCholesky.tolerance : largest * PivotDroppingCholesky.tolerance
        var rank = 0
        for i in 0..<p {
            let pivot = m[i * p + i]
            guard pivot.isFinite, pivot >= eps else {
                m[i * p + i] = 0
                for j in (i + 1)..<max(i + 1, p) { m[j * p + i] = 0 }
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
        factor = m
    }

    /// A solution x of A x = b (exact when A has full rank).
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
}
