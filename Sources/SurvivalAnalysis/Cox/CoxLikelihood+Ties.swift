import PlatformSupport

/// How the deaths at one time enter ℓ, U and I (R's `coxfit6_iter`), given the running sums
/// of the rest of the risk set (denom, a, cmat) and of the deaths (deadRisk, a2, cmat2).
extension CoxLikelihood {
    /// The deaths of the tied time being read: how many, their total weight and w·exp(η).
    struct TiedDeaths {
        var count = 0
        var weight = 0.0
        var risk = 0.0
    }

    /// One row of the time being read (R's `coxfit6_iter` order): a death goes to the deaths'
    /// sums (a2, cmat2) and adds w·η to ℓ and w·x to U; a censored row joins the risk set's
    /// sums (denom, a, cmat) at once.
    @inline(__always)
    static func addRow(_ row: UnsafePointer<Double>, risk: Double, weight: Double, eta: Double, isDeath: Bool,
                       p: Int, deaths: inout TiedDeaths, denom: inout Double, loglik: inout Double,
                       a: UnsafeMutableBufferPointer<Double>, a2: UnsafeMutableBufferPointer<Double>,
                       cmat: UnsafeMutableBufferPointer<Double>, cmat2: UnsafeMutableBufferPointer<Double>,
                       u: UnsafeMutableBufferPointer<Double>) {
        if isDeath {
            deaths.count += 1
            deaths.weight += weight
            deaths.risk += risk
            loglik += weight * eta
            accumulate(row, risk: risk, p: p, into: a2, cmat2)
            for k in 0..<p { u[k] += weight * row[k] }
        } else {
            denom += risk
            accumulate(row, risk: risk, p: p, into: a, cmat)
        }
    }

    /// The deaths of one time by the tie rule (Breslow, or Efron when there are several),
    /// then the deaths' sums cleared for the next time.
    @inline(__always)
    static func addDeaths(_ deaths: Int, deadWeight: Double, deadRisk: Double, efron: Bool, p: Int,
                          denom: inout Double, loglik: inout Double,
                          a: UnsafeMutableBufferPointer<Double>, a2: UnsafeMutableBufferPointer<Double>,
                          cmat: UnsafeMutableBufferPointer<Double>, cmat2: UnsafeMutableBufferPointer<Double>,
                          u: UnsafeMutableBufferPointer<Double>, imat: UnsafeMutableBufferPointer<Double>) {
        if !efron || deaths == 1 {
            addBreslowDeaths(deadWeight: deadWeight, deadRisk: deadRisk, p: p, denom: &denom, loglik: &loglik,
                             a: a, a2: a2, cmat: cmat, cmat2: cmat2, u: u, imat: imat)
        } else {
            addEfronDeaths(deaths: deaths, deadWeight: deadWeight, deadRisk: deadRisk, p: p, denom: &denom,
                           loglik: &loglik, a: a, a2: a2, cmat: cmat, cmat2: cmat2, u: u, imat: imat)
        }
        for k in 0..<p { a2[k] = 0 }
        for k in 0..<cmat2.count { cmat2[k] = 0 }
    }

    /// Breslow: all d deaths see the whole risk set, S₀ = denom + deadRisk.
    @inline(__always)
    static func addBreslowDeaths(deadWeight: Double, deadRisk: Double, p: Int,
                                 denom: inout Double, loglik: inout Double,
                                 a: UnsafeMutableBufferPointer<Double>, a2: UnsafeMutableBufferPointer<Double>,
                                 cmat: UnsafeMutableBufferPointer<Double>, cmat2: UnsafeMutableBufferPointer<Double>,
                                 u: UnsafeMutableBufferPointer<Double>, imat: UnsafeMutableBufferPointer<Double>) {
        denom += deadRisk
        loglik -= deadWeight * log(denom)
        let inverse = 1 / denom
        let factor = deadWeight * inverse
        var k = 0
        for i in 0..<p {
            a[i] += a2[i]
            let mean = a[i] * inverse
            u[i] -= deadWeight * mean
            for j in 0...i {
                cmat[k] += cmat2[k]
                imat[k] += factor * (cmat[k] - mean * a[j])
                k += 1
            }
        }
    }

    /// Efron: the d deaths leave in d steps. As R, step m = 1…d adds the share m/d of the
    /// deaths' sums: S₀ₘ = S₀ + (m/d)D₀, S₁ₘ = S₁ + (m/d)D₁, S₂ₘ = S₂ + (m/d)D₂ (the same set of
    /// denominators as Efron's S₀ − (k/d)D₀, k = 0…d−1), each step weighted by the mean death
    /// weight w̄. The d steps are summed in closed form,
    ///   U −= w̄ Σ S₁ₘ/S₀ₘ = α₁S₁ + β₁D₁,
    ///   I += w̄ Σ [S₂ₘ/S₀ₘ − S₁ₘS₁ₘᵀ/S₀ₘ²]
    ///      = α₁S₂ + β₁D₂ − (α₂S₁S₁ᵀ + β₂(S₁D₁ᵀ + D₁S₁ᵀ) + γ₂D₁D₁ᵀ),
    /// with scalars α₁ = Σ w̄/S₀ₘ, β₁ = Σ w̄cₘ/S₀ₘ, α₂ = Σ w̄/S₀ₘ², β₂ = Σ w̄cₘ/S₀ₘ²,
    /// γ₂ = Σ w̄cₘ²/S₀ₘ² (cₘ = m/d), so a tied set costs O(d + p²) instead of O(d·p²).
    /// Afterwards the sums hold the full risk set for earlier times.
    @inline(__always)
    static func addEfronDeaths(deaths: Int, deadWeight: Double, deadRisk: Double, p: Int,
                               denom: inout Double, loglik: inout Double,
                               a: UnsafeMutableBufferPointer<Double>, a2: UnsafeMutableBufferPointer<Double>,
                               cmat: UnsafeMutableBufferPointer<Double>, cmat2: UnsafeMutableBufferPointer<Double>,
                               u: UnsafeMutableBufferPointer<Double>, imat: UnsafeMutableBufferPointer<Double>) {
        let t = tieWeights(deaths: deaths, deadWeight: deadWeight, deadRisk: deadRisk, denom: denom,
                           efron: true, loglik: &loglik)
        let (alpha1, beta1, alpha2, beta2, gamma2) = (t.alpha1, t.beta1, t.alpha2, t.beta2, t.gamma2)
        denom += deadRisk
        var k = 0
        for i in 0..<p {
            u[i] -= alpha1 * a[i] + beta1 * a2[i]
            for j in 0...i {
                imat[k] += alpha1 * cmat[k] + beta1 * cmat2[k]
                    - (alpha2 * a[i] * a[j] + beta2 * (a[i] * a2[j] + a2[i] * a[j]) + gamma2 * a2[i] * a2[j])
                cmat[k] += cmat2[k]
                k += 1
            }
        }
        for i in 0..<p { a[i] += a2[i] }
    }

    /// The scalars by which the deaths of one tied time enter U and I, given S₀ of the rest of
    /// the risk set (`denom`) and of the deaths (`deadRisk`), with their log terms added to
    /// `loglik`:
    ///   U −= α₁S₁ + β₁D₁,   I += α₁S₂ + β₁D₂ − (α₂S₁S₁ᵀ + β₂(S₁D₁ᵀ + D₁S₁ᵀ) + γ₂D₁D₁ᵀ).
    /// Efron (see ``addEfronDeaths(deaths:deadWeight:deadRisk:p:denom:loglik:a:a2:cmat:cmat2:u:imat:)``):
    /// the sums over its d steps. Breslow, and Efron with one death: one step with the whole
    /// risk set, α₁ = β₁ = W/S₀ and α₂ = β₂ = γ₂ = W/S₀².
    struct TieWeights {
        var alpha1 = 0.0, beta1 = 0.0, alpha2 = 0.0, beta2 = 0.0, gamma2 = 0.0
    }

    @inline(__always)
    static func tieWeights(deaths: Int, deadWeight: Double, deadRisk: Double, denom: Double, efron: Bool,
                           loglik: inout Double) -> TieWeights {
        var t = TieWeights()
        guard efron && deaths > 1 else {
            let s0 = denom + deadRisk
            loglik -= deadWeight * log(s0)
            t.alpha1 = deadWeight / s0
            t.beta1 = t.alpha1
            t.alpha2 = t.alpha1 / s0
            t.beta2 = t.alpha2
            t.gamma2 = t.alpha2
            return t
        }
        let d = Double(deaths)
        let meanWeight = deadWeight / d
        for m in 1...deaths {
            let c = Double(m) / d
            let s0 = denom + c * deadRisk
            loglik -= meanWeight * log(s0)
            let w1 = meanWeight / s0
            let w2 = w1 / s0
            t.alpha1 += w1
            t.beta1 += w1 * c
            t.alpha2 += w2
            t.beta2 += w2 * c
            t.gamma2 += w2 * c * c
        }
        return t
    }
}
