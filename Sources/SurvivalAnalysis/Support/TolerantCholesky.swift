import GSLSupport

/// Solves and inverts a symmetric non-negative definite matrix that may be singular, the way
/// R's `survival` does for Cox information matrices (`cholesky2`, `chsolve2`, `chinv2`).
///
/// A column is *aliased* when, in an LDLᵀ factorisation taken in column order, its pivot falls
/// below `tolerance × (largest diagonal)` (or is not finite): it is a linear combination of the
/// columns before it, up to rounding. Aliased columns are left out — their solution entries and
/// their rows and columns of the inverse are zero, which R reports as an NA coefficient — and the
/// remaining block, which is positive definite, is solved and inverted by GSL's Cholesky
/// (`GSLSupport.Cholesky`). Pivoting in column order matters: of two collinear covariates the
/// later one is the aliased one, as in R.
struct TolerantCholesky: Sendable {
    let dimension: Int
    /// True for each aliased column.
    let aliased: [Bool]
    /// Number of columns kept.
    var rank: Int { kept.count }

    private let kept: [Int]
    /// GSL factor of the kept block; nil only if GSL refused a block the pivots accepted.
    private let block: Cholesky?
    /// Unit-lower L (below the diagonal) and D (on it) of the tolerant LDLᵀ, row-major.
    private let ldl: [Double]

    /// - Parameter matrix: row-major symmetric `dimension × dimension`.
    /// - Complexity: O(p³).
    init(symmetric matrix: [Double], dimension p: Int, tolerance: Double) {
        precondition(matrix.count == p * p)
        var m = matrix
        var aliased = [Bool](repeating: false, count: p)
        var largest = 0.0
        for i in 0..<p where m[i * p + i] > largest { largest = m[i * p + i] }
        if largest == 0 || !largest.isFinite {
            // No usable diagonal (every column constant, or the matrix is not finite).
            aliased = [Bool](repeating: true, count: p)
            for k in m.indices { m[k] = 0 }
        } else {
            let eps = largest * tolerance
            for i in 0..<p {
                let pivot = m[i * p + i]
                if !pivot.isFinite || pivot < eps {
                    m[i * p + i] = 0
                    aliased[i] = true
                    continue
                }
                for j in (i + 1)..<max(i + 1, p) {
                    let t = m[j * p + i] / pivot
                    m[j * p + i] = t
                    m[j * p + j] -= t * t * pivot
                    for k in (j + 1)..<max(j + 1, p) { m[k * p + j] -= t * m[k * p + i] }
                }
            }
        }
        let kept = (0..<p).filter { !aliased[$0] }
        var sub = [Double](repeating: 0, count: kept.count * kept.count)
        for (r, i) in kept.enumerated() {
            for (c, j) in kept.enumerated() { sub[r * kept.count + c] = matrix[i * p + j] }
        }
        self.dimension = p
        self.aliased = aliased
        self.kept = kept
        self.ldl = m
        self.block = kept.isEmpty ? nil : try? Cholesky(symmetric: sub, dimension: kept.count)
    }

    /// x with A·x = b on the kept columns and x = 0 on the aliased ones.
    func solve(_ b: [Double]) -> [Double] {
        precondition(b.count == dimension)
        var x = [Double](repeating: 0, count: dimension)
        guard !kept.isEmpty else { return x }
        if let block, let y = try? block.solve(kept.map { b[$0] }) {
            for (r, i) in kept.enumerated() { x[i] = y[r] }
            return x
        }
        return ldlSolve(b)
    }

    /// The inverse of the kept block, with zero rows and columns for aliased columns
    /// (R's `chinv2`), row-major.
    func inverse() -> [Double] {
        let p = dimension
        var result = [Double](repeating: 0, count: p * p)
        guard !kept.isEmpty else { return result }
        let q = kept.count
        if let block, let inv = try? block.inverse() {
            for (r, i) in kept.enumerated() {
                for (c, j) in kept.enumerated() { result[i * p + j] = inv[r * q + c] }
            }
            return result
        }
        for j in kept {
            var e = [Double](repeating: 0, count: p)
            e[j] = 1
            let column = ldlSolve(e)
            for i in 0..<p { result[i * p + j] = column[i] }
        }
        return result
    }

    /// bᵀA⁻b, the quadratic form of Wald and score tests (R's `coxph.wtest`).
    func quadraticForm(_ b: [Double]) -> Double {
        let x = solve(b)
        var s = 0.0
        for i in 0..<dimension { s += b[i] * x[i] }
        return s
    }

    /// Forward and back substitution through the tolerant LDLᵀ (R's `chsolve2`).
    private func ldlSolve(_ b: [Double]) -> [Double] {
        let p = dimension
        var y = b
        for i in 0..<p {
            var t = y[i]
            for j in 0..<i { t -= y[j] * ldl[i * p + j] }
            y[i] = t
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            if ldl[i * p + i] == 0 { y[i] = 0; continue }
            var t = y[i] / ldl[i * p + i]
            for j in (i + 1)..<max(i + 1, p) { t -= y[j] * ldl[j * p + i] }
            y[i] = t
        }
        return y
    }
}
