import PlatformSupport

/// Firth's penalised partial likelihood for the Cox model (Heinze & Schemper 2001,
/// Biometrics 57:114–119), Breslow ties: ℓ*(β) = ℓ(β) + ½ log|I(β)|, whose maximum is finite
/// under monotone likelihood (separation). Its modified score is
///   U*ⱼ = Uⱼ + ½ tr(I⁻¹ ∂I/∂βⱼ),
/// and ∂I/∂βⱼ sums, over the death times, dₜ times the third central moment
/// E[(x − x̄)ₖ(x − x̄)ₗ(x − x̄)ⱼ] of the covariates in the risk set weighted by exp(η).
///
/// One backward pass over the sorted risk sets with running sums S₀, S₁, S₂, S₃ of exp(η)
/// times x, xxᵀ and the x⊗x⊗x cube, reset at each stratum: O(n·p³) per evaluation, so
/// ``maximumColumns`` bounds p. Evaluated on the centred and scaled axis of ``CoxRiskSets``;
/// ℓ and the location of the maximum do not depend on it, and ½log|I| differs from its value
/// in the covariates' units by Σ log cⱼ, which ``Value/penalisedLoglik`` removes.
struct CoxFirthLikelihood {
    /// The most design columns a Firth fit takes (its cost grows with p³).
    static let maximumColumns = 20

    struct Value {
        /// ℓ(β), the unpenalised log partial likelihood.
        var loglik: Double
        /// ℓ*(β) = ℓ(β) + ½ log|I(β)| with I in the covariates' own units.
        var penalisedLoglik: Double
        /// U*(β) on the scaled axis.
        var modifiedScore: [Double]
        /// I(β) on the scaled axis, row-major.
        var information: [Double]
    }

    let data: CoxRiskSets
    /// Σ log cⱼ over the columns' scale factors: ½log|I_scaled| − ½log|I| .
    private let logScaleSum: Double

    init(data: CoxRiskSets) {
        self.data = data
        logScaleSum = data.scales.reduce(0) { $0 + log($1) }
    }

    /// ℓ*, U* and I at β (scaled axis), or nil when I is not positive definite there
    /// (a constant or collinear column, or exp(η) out of range).
    /// - Complexity: O(n·p³).
    func evaluate(at beta: [Double]) -> Value? {
        let p = data.columns
        let n = data.count
        let eta = data.linearPredictor(scaledBeta: beta)
        var s0 = 0.0
        var s1 = [Double](repeating: 0, count: p)
        var s2 = [Double](repeating: 0, count: p * p)
        var s3 = [Double](repeating: 0, count: p * p * p)
        var loglik = 0.0
        var score = [Double](repeating: 0, count: p)
        var information = [Double](repeating: 0, count: p * p)
        var derivative = [Double](repeating: 0, count: p * p * p)   // ∂I_kl/∂β_j at (k·p + l)·p + j
        var i = n - 1
        while i >= 0 {
            if data.lastInStratum[i] {
                s0 = 0
                for k in 0..<p { s1[k] = 0 }
                for k in s2.indices { s2[k] = 0 }
                for k in s3.indices { s3[k] = 0 }
            }
            let t = data.time[i]
            var deaths = 0
            while i >= 0 && data.time[i] == t {
                let r = exp(eta[i])
                let row = i * p
                s0 += r
                for k in 0..<p {
                    let rk = r * data.x[row + k]
                    s1[k] += rk
                    for l in 0..<p {
                        let rkl = rk * data.x[row + l]
                        s2[k * p + l] += rkl
                        for j in 0..<p { s3[(k * p + l) * p + j] += rkl * data.x[row + j] }
                    }
                }
                if data.event[i] {
                    deaths += 1
                    loglik += eta[i]
                    for k in 0..<p { score[k] += data.x[row + k] }
                }
                i -= 1
                if i >= 0 && data.lastInStratum[i] { break }   // ties do not cross strata
            }
            guard deaths > 0 else { continue }
            let d = Double(deaths)
            loglik -= d * log(s0)
            let m = s1.map { $0 / s0 }
            for k in 0..<p {
                score[k] -= d * m[k]
                for l in 0..<p {
                    let e2kl = s2[k * p + l] / s0
                    information[k * p + l] += d * (e2kl - m[k] * m[l])
                    for j in 0..<p {
                        let central = s3[(k * p + l) * p + j] / s0 - e2kl * m[j] - s2[k * p + j] / s0 * m[l]
                            - s2[l * p + j] / s0 * m[k] + 2 * m[k] * m[l] * m[j]
                        derivative[(k * p + l) * p + j] += d * central
                    }
                }
            }
        }
        guard loglik.isFinite, let factor = SmallCholesky(information, dimension: p) else { return nil }
        let inverse = factor.inverse()
        var modified = score
        for j in 0..<p {
            var trace = 0.0
            for k in 0..<p { for l in 0..<p { trace += inverse[l * p + k] * derivative[(k * p + l) * p + j] } }
            modified[j] += trace / 2
        }
        let penalised = loglik + factor.logDeterminant / 2 - logScaleSum
        guard penalised.isFinite, modified.allSatisfy(\.isFinite) else { return nil }
        return Value(loglik: loglik, penalisedLoglik: penalised, modifiedScore: modified, information: information)
    }
}

/// A plain Cholesky factorisation of a small symmetric positive definite matrix, for the
/// log-determinant and inverse the Firth penalty needs; nil when a pivot is not positive.
struct SmallCholesky {
    let dimension: Int
    /// Lower factor L (row-major), I = LLᵀ.
    private var lower: [Double]

    init?(_ matrix: [Double], dimension p: Int) {
        dimension = p
        lower = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var s = matrix[i * p + j]
                for k in 0..<j { s -= lower[i * p + k] * lower[j * p + k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    lower[i * p + i] = s.squareRoot()
                } else {
                    lower[i * p + j] = s / lower[j * p + j]
                }
            }
        }
    }

    /// log|A| = 2 Σ log Lᵢᵢ.
    var logDeterminant: Double {
        var s = 0.0
        for i in 0..<dimension { s += log(lower[i * dimension + i]) }
        return 2 * s
    }

    /// A⁻¹ b.
    func solve(_ b: [Double]) -> [Double] {
        let p = dimension
        var y = b
        for i in 0..<p {
            var s = y[i]
            for k in 0..<i { s -= lower[i * p + k] * y[k] }
            y[i] = s / lower[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, p) { s -= lower[k * p + i] * y[k] }
            y[i] = s / lower[i * p + i]
        }
        return y
    }

    /// A⁻¹, row-major.
    func inverse() -> [Double] {
        let p = dimension
        var result = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[j] = 1
            let column = solve(e)
            for i in 0..<p { result[i * p + j] = column[i] }
        }
        return result
    }
}
