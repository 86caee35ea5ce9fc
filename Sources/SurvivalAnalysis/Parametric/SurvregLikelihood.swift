internal import Foundation

/// The log-likelihood of a right-censored accelerated failure time model with its score,
/// information matrix and outer product of the scores — survival's `survregc1` (Therneau, Mayo
/// Biostatistics TR #53) for the three built-in families.
///
/// Parameters, in order: the `nvar` regression coefficients, then log σ for each of the
/// `scales` strata (none when σ is fixed). With z = (y − x'β)/σ an exact observation contributes
/// log f(z) − log σ and a censored one log S(z). Derivatives are taken with respect to η = x'β
/// and log σ, as R does, so the reported variance is on the log(scale) parametrisation.
/// - Complexity: O(n·p²) per evaluation with derivatives, O(n·p) without.
struct SurvregLikelihood: Sendable {
    /// R's `SMALL`: log f used when f underflows to 0, so that step halving takes over.
    static let small = -200.0

    let y: [Double]
    let event: [Bool]
    let weights: [Double]
    let offset: [Double]
    /// Row-major n × nvar.
    let x: [Double]
    let nvar: Int
    /// 0-based stratum per row (all 0 without strata).
    let stratum: [Int32]
    /// Number of estimated log σ (0 when σ is fixed).
    let scales: Int
    let fixedLogScale: Double
    let family: SurvregDistribution.Family

    /// The same matrix column-major (nvar × n), so the O(n·p²) sums run over contiguous memory.
    let columns: [Double]

    var parameters: Int { nvar + scales }

    init(y: [Double], event: [Bool], weights: [Double], offset: [Double], x: [Double], nvar: Int,
         stratum: [Int32], scales: Int, fixedLogScale: Double, family: SurvregDistribution.Family) {
        self.y = y
        self.event = event
        self.weights = weights
        self.offset = offset
        self.x = x
        self.nvar = nvar
        self.stratum = stratum
        self.scales = scales
        self.fixedLogScale = fixedLogScale
        self.family = family
        let n = y.count
        var columns = [Double](repeating: 0, count: n * nvar)
        for i in 0..<n { for j in 0..<nvar { columns[j * n + i] = x[i * nvar + j] } }
        self.columns = columns
    }

    struct Evaluation {
        var loglik: Double
        /// Score vector (length p).
        var score: [Double]
        /// Minus the Hessian, row-major p × p.
        var information: [Double]
        /// Σ wᵢ uᵢuᵢᵀ, the fallback when the information is not positive definite (empty unless
        /// asked for).
        var outer: [Double]
    }

    /// Per-observation derivatives of the contribution g with respect to η and log σ
    /// (`survregc1`'s dg, ddg, dsig, ddsig, dsg), and g itself.
    @inline(__always)
    func terms(row i: Int, eta: Double, sigma: Double, logSigma: Double)
        -> (g: Double, dg: Double, ddg: Double, dsig: Double, ddsig: Double, dsg: Double) {
        let sz = y[i] - eta
        let z = sz / sigma
        let sig2 = 1 / (sigma * sigma)
        if event[i] {
            let (f, logf, d1, d2) = family.exact(z)
            if !(f > 0) { return (Self.small, -z / sigma, -1 / sigma, 0, 0, 0) }
            let temp = d1 / sigma, temp2 = d2 * sig2
            let dg = -temp
            let dsig0 = -temp * sz
            let ddg = temp2 - dg * dg
            let dsg = sz * temp2 - dg * (dsig0 + 1)
            let ddsig = sz * sz * temp2 - dsig0 * (1 + dsig0)
            return (logf - logSigma, dg, ddg, dsig0 - 1, ddsig, dsg)
        } else {
            let (s, logS, f, df) = family.censored(z)
            if !(s > 0) { return (Self.small, z / sigma, 0, 0, 0, 0) }
            let temp = -f / (s * sigma), temp2 = -df * sig2 / s
            let dg = -temp
            let dsig = -temp * sz
            let ddg = temp2 - dg * dg
            let dsg = sz * temp2 - dg * (dsig + 1)
            let ddsig = sz * sz * temp2 - dsig * (1 + dsig)
            return (logS, dg, ddg, dsig, ddsig, dsg)
        }
    }

    @inline(__always)
    func linearPredictor(_ beta: [Double], row i: Int) -> Double {
        var eta = offset[i]
        let base = i * nvar
        for j in 0..<nvar { eta += beta[j] * x[base + j] }
        return eta
    }

    @inline(__always)
    func sigma(_ beta: [Double], row i: Int) -> Double {
        scales == 0 ? exp(fixedLogScale) : exp(beta[nvar + (scales == 1 ? 0 : Int(stratum[i]))])
    }

    /// The log-likelihood alone.
    func loglik(_ beta: [Double]) -> Double {
        var total = 0.0
        let sigmas = stratumSigmas(beta)
        let logSigmas = sigmas.map { log($0) }
        for i in y.indices {
            let k = scales > 1 ? Int(stratum[i]) : 0
            total += weights[i] * terms(row: i, eta: linearPredictor(beta, row: i), sigma: sigmas[k], logSigma: logSigmas[k]).g
        }
        return total
    }

    /// σ for each stratum (one value when σ is shared or fixed).
    @inline(__always)
    func stratumSigmas(_ beta: [Double]) -> [Double] {
        scales == 0 ? [exp(fixedLogScale)] : (0..<scales).map { exp(beta[nvar + $0]) }
    }

    /// Log-likelihood, score and information at `beta`; the outer product of the scores only
    /// when `outer` (survreg6 needs it only when the information is not positive definite,
    /// and skipping it halves the O(n·p²) work).
    func evaluate(_ beta: [Double], outer: Bool = false) -> Evaluation {
        let p = parameters
        let n = y.count
        var u = [Double](repeating: 0, count: p)
        var imat = [Double](repeating: 0, count: p * p)
        var jj = [Double](repeating: 0, count: outer ? p * p : 0)
        var total = 0.0
        let sigmas = stratumSigmas(beta)
        let logSigmas = sigmas.map { log($0) }
        let perStratum = scales > 1
        // Rows are taken in chunks: per-row derivatives first, then each (a, b) entry as one
        // contiguous weighted dot product over the chunk.
        let chunk = 2048
        var eta = [Double](repeating: 0, count: chunk)
        var dgw = eta, ddgw = eta, dg = eta
        columns.withUnsafeBufferPointer { xc in
            for start in stride(from: 0, to: n, by: chunk) {
                let m = min(chunk, n - start)
                for r in 0..<m { eta[r] = offset[start + r] }
                for j in 0..<nvar {
                    let bj = beta[j]
                    let col = j * n + start
                    for r in 0..<m { eta[r] += bj * xc[col + r] }
                }
                for r in 0..<m {
                    let i = start + r
                    let w = weights[i]
                    let k = perStratum ? Int(stratum[i]) : 0
                    let t = terms(row: i, eta: eta[r], sigma: sigmas[k], logSigma: logSigmas[k])
                    total += t.g * w
                    dgw[r] = t.dg * w
                    ddgw[r] = t.ddg * w
                    dg[r] = t.dg
                    if scales > 0 {
                        let kk = nvar + k
                        u[kk] += w * t.dsig
                        let row = kk * p
                        let c = t.dsg * w
                        for a in 0..<nvar { imat[row + a] -= c * xc[a * n + i] }
                        imat[row + kk] -= t.ddsig * w
                        if outer {
                            let c2 = t.dsig * t.dg * w
                            for a in 0..<nvar { jj[row + a] += c2 * xc[a * n + i] }
                            jj[row + kk] += t.dsig * t.dsig * w
                        }
                    }
                }
                for a in 0..<nvar {
                    let ca = a * n + start
                    var su = 0.0
                    for r in 0..<m { su += dgw[r] * xc[ca + r] }
                    u[a] += su
                    for b in 0...a {
                        let cb = b * n + start
                        var s = 0.0
                        for r in 0..<m { s += ddgw[r] * xc[ca + r] * xc[cb + r] }
                        imat[a * p + b] -= s
                        if outer {
                            var s2 = 0.0
                            for r in 0..<m { s2 += dgw[r] * dg[r] * xc[ca + r] * xc[cb + r] }
                            jj[a * p + b] += s2
                        }
                    }
                }
            }
        }
        for a in 0..<p {
            for b in 0..<a {
                imat[b * p + a] = imat[a * p + b]
                if outer { jj[b * p + a] = jj[a * p + b] }
            }
        }
        return Evaluation(loglik: total, score: u, information: imat, outer: jj)
    }

    /// Each row's weighted score contribution (row-major n × p), for the sandwich variance
    /// (R's `residuals.survreg(type = "dfbeta", weighted = TRUE)` before multiplying by V).
    func scoreContributions(_ beta: [Double]) -> [Double] {
        let p = parameters
        var out = [Double](repeating: 0, count: y.count * p)
        for i in y.indices {
            let w = weights[i]
            let sigma = self.sigma(beta, row: i)
            let t = terms(row: i, eta: linearPredictor(beta, row: i), sigma: sigma, logSigma: log(sigma))
            for a in 0..<nvar { out[i * p + a] = w * t.dg * x[i * nvar + a] }
            if scales > 0 { out[i * p + nvar + (scales == 1 ? 0 : Int(stratum[i]))] = w * t.dsig }
        }
        return out
    }
}
