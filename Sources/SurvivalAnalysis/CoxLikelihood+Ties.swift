#if canImport(Glibc)
import Glibc
#endif

/// How the deaths at one time enter ℓ, U and I (R's `coxfit6_iter`), given the running sums
/// of the rest of the risk set (denom, a, cmat) and of the deaths (deadRisk, a2, cmat2).
extension CoxLikelihood {
    /// Breslow: all d deaths see the whole risk set, S₀ = denom + deadRisk.
    @inline(__always)
    static func addBreslowDeaths(deadWeight: Double, deadRisk: Double, p: Int,
                                 denom: inout Double, loglik: inout Double,
                                 a: UnsafeMutableBufferPointer<Double>, a2: UnsafeMutableBufferPointer<Double>,
                                 cmat: UnsafeMutableBufferPointer<Double>, cmat2: UnsafeMutableBufferPointer<Double>,
                                 u: UnsafeMutableBufferPointer<Double>, imat: UnsafeMutableBufferPointer<Double>) {
        denom += deadRisk
        loglik -= deadWeight * log(denom)
        var k = 0
        for i in 0..<p {
            a[i] += a2[i]
            let mean = a[i] / denom
            u[i] -= deadWeight * mean
            for j in 0...i {
                cmat[k] += cmat2[k]
                imat[k] += deadWeight * (cmat[k] - mean * a[j]) / denom
                k += 1
            }
        }
    }

    /// Efron: the d deaths leave in d steps. R adds 1/d of the deaths' sums per step, so the
    /// denominators run over denom + (m/d)·deadRisk, m = 1…d (the same set as Efron's
    /// S₀ − (k/d)·deadRisk, k = 0…d−1), each weighted by the mean death weight w̄ = Σw/d; after
    /// the last step the sums hold the full risk set again for earlier times.
    @inline(__always)
    static func addEfronDeaths(deaths: Int, deadWeight: Double, deadRisk: Double, p: Int,
                               denom: inout Double, loglik: inout Double,
                               a: UnsafeMutableBufferPointer<Double>, a2: UnsafeMutableBufferPointer<Double>,
                               cmat: UnsafeMutableBufferPointer<Double>, cmat2: UnsafeMutableBufferPointer<Double>,
                               u: UnsafeMutableBufferPointer<Double>, imat: UnsafeMutableBufferPointer<Double>) {
        let d = Double(deaths)
        let meanWeight = deadWeight / d
        for _ in 0..<deaths {
            denom += deadRisk / d
            loglik -= meanWeight * log(denom)
            var k = 0
            for i in 0..<p {
                a[i] += a2[i] / d
                let mean = a[i] / denom
                u[i] -= meanWeight * mean
                for j in 0...i {
                    cmat[k] += cmat2[k] / d
                    imat[k] += meanWeight * (cmat[k] - mean * a[j]) / denom
                    k += 1
                }
            }
        }
    }
}
