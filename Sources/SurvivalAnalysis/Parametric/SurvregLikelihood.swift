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
    /// The design column-major (nvar × n): every O(n·p²) sum runs over contiguous memory.
    let columns: [Double]
    let nvar: Int
    /// 0-based stratum per row (all 0 without strata).
    let stratum: [Int32]
    /// Number of estimated log σ (0 when σ is fixed).
    let scales: Int
    let fixedLogScale: Double
    let family: SurvregDistribution.Family

    var parameters: Int { nvar + scales }

    /// - Parameter columns: the design column-major, column j in `columns[j·n ..< (j+1)·n]`.
    init(y: [Double], event: [Bool], weights: [Double], offset: [Double], columns: [Double], nvar: Int,
         stratum: [Int32], scales: Int, fixedLogScale: Double, family: SurvregDistribution.Family) {
        precondition(columns.count == y.count * nvar, "the design must have n × nvar entries")
        self.y = y
        self.event = event
        self.weights = weights
        self.offset = offset
        self.columns = columns
        self.nvar = nvar
        self.stratum = stratum
        self.scales = scales
        self.fixedLogScale = fixedLogScale
        self.family = family
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
        if family == .extremeValue { return extremeValueTerms(event: event[i], sz: sz, z: z, sigma: sigma, sig2: sig2, logSigma: logSigma) }
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

    /// The extreme-value case of ``terms(row:eta:sigma:logSigma:)`` with one `exp` per row
    /// instead of two. With w = e^z: log f = z − w, f′/f = 1 − w, f″/f = w(w − 3) + 1, and for a
    /// censored row f/S = w and f′/S = w(1 − w), so e^(−w) is needed only to test for underflow,
    /// which cannot happen while w ≤ 700 (then f ≥ 700·e^(−700) > 0 and S ≥ e^(−700) > 0).
    @inline(__always)
    func extremeValueTerms(event: Bool, sz: Double, z: Double, sigma: Double, sig2: Double, logSigma: Double)
        -> (g: Double, dg: Double, ddg: Double, dsig: Double, ddsig: Double, dsg: Double) {
        let zc = min(max(z, -200), 200)
        let w = exp(zc)
        if event {
            if w > 700 && !(w * exp(-w) > 0) { return (Self.small, -z / sigma, -1 / sigma, 0, 0, 0) }
            let temp = (1 - w) / sigma, temp2 = (w * (w - 3) + 1) * sig2
            let dg = -temp
            let dsig0 = -temp * sz
            let ddg = temp2 - dg * dg
            let dsg = sz * temp2 - dg * (dsig0 + 1)
            let ddsig = sz * sz * temp2 - dsig0 * (1 + dsig0)
            return (zc - w - logSigma, dg, ddg, dsig0 - 1, ddsig, dsg)
        } else {
            if w > 700 && !(exp(-w) > 0) { return (Self.small, z / sigma, 0, 0, 0, 0) }
            let dg = w / sigma
            let temp2 = -w * (1 - w) * sig2
            let dsig = dg * sz
            let ddg = temp2 - dg * dg
            let dsg = sz * temp2 - dg * (dsig + 1)
            let ddsig = sz * sz * temp2 - dsig * (1 + dsig)
            return (-w, dg, ddg, dsig, ddsig, dsg)
        }
    }

    /// σ for each stratum (one value when σ is shared or fixed).
    @inline(__always)
    func stratumSigmas(_ beta: [Double]) -> [Double] {
        scales == 0 ? [exp(fixedLogScale)] : (0..<scales).map { exp(beta[nvar + $0]) }
    }

    /// η = offset + Xβ for the rows `start ..< start + m` into `eta`.
    @inline(__always)
    private func linearPredictor(_ beta: [Double], xc: UnsafePointer<Double>, start: Int, m: Int,
                                 into eta: UnsafeMutablePointer<Double>) {
        let n = y.count
        for r in 0..<m { eta[r] = offset[start + r] }
        for j in 0..<nvar { ColumnKernels.axpy(beta[j], xc + j * n + start, eta, m) }
    }

    /// The log-likelihood alone (for step halving).
    func loglik(_ beta: [Double]) -> Double {
        let sigmas = stratumSigmas(beta)
        let logSigmas = sigmas.map { log($0) }
        let perStratum = scales > 1
        return ChunkedSums.run(rows: y.count, width: 1, scratchCount: ChunkedSums.rowsPerChunk) { rows, eta, out in
            let m = rows.count, start = rows.lowerBound
            columns.withUnsafeBufferPointer { linearPredictor(beta, xc: $0.baseAddress!, start: start, m: m, into: eta) }
            var total = 0.0
            for r in 0..<m {
                let i = start + r
                let k = perStratum ? Int(stratum[i]) : 0
                total += weights[i] * terms(row: i, eta: eta[r], sigma: sigmas[k], logSigma: logSigmas[k]).g
            }
            out[0] = total
        }[0]
    }

    /// Log-likelihood, score and information at `beta`; the outer product of the scores only
    /// when `outer` (survreg6 needs it only when the information is not positive definite).
    ///
    /// One pass over the rows, in chunks run in parallel and reduced in chunk order
    /// (``ChunkedSums``): per chunk the per-row derivatives first, then every score and
    /// information entry as a SIMD dot product over the chunk's contiguous columns.
    func evaluate(_ beta: [Double], outer: Bool = false) -> Evaluation {
        let p = parameters
        let nv = nvar
        let n = y.count
        let sigmas = stratumSigmas(beta)
        let logSigmas = sigmas.map { log($0) }
        let perStratum = scales > 1
        let width = 1 + p + p * p + (outer ? p * p : 0)
        let c = ChunkedSums.rowsPerChunk
        let sums = ChunkedSums.run(rows: n, width: width, scratchCount: 10 * c) { rows, scratch, out in
            let m = rows.count, start = rows.lowerBound
            let eta = scratch, dgw = scratch + c, ddgw = scratch + 2 * c, dsigw = scratch + 3 * c
            let dsgw = scratch + 4 * c, ddsigw = scratch + 5 * c, dg = scratch + 6 * c, dsig = scratch + 7 * c
            let tmp = scratch + 8 * c, tmp2 = scratch + 9 * c
            let u = out + 1, info = out + 1 + p, jj = out + 1 + p + p * p
            columns.withUnsafeBufferPointer { xcb in
                let xc = xcb.baseAddress!
                linearPredictor(beta, xc: xc, start: start, m: m, into: eta)
                var total = 0.0
                for r in 0..<m {
                    let i = start + r
                    let w = weights[i]
                    let k = perStratum ? Int(stratum[i]) : 0
                    let t = terms(row: i, eta: eta[r], sigma: sigmas[k], logSigma: logSigmas[k])
                    total += t.g * w
                    dgw[r] = t.dg * w
                    ddgw[r] = t.ddg * w
                    dsigw[r] = t.dsig * w
                    dsgw[r] = t.dsg * w
                    ddsigw[r] = t.ddsig * w
                    dg[r] = t.dg
                    dsig[r] = t.dsig
                }
                out[0] = total
                // Regression block: u_a = Σ w·dg·x_a, I_ab = Σ w·ddg·x_a·x_b (sign flipped below).
                if outer { ColumnKernels.multiply(dgw, dg, into: tmp2, m) }
                for a in 0..<nv {
                    let ca = xc + a * n + start
                    u[a] = ColumnKernels.dot(dgw, ca, m)
                    ColumnKernels.multiply(ddgw, ca, into: tmp, m)
                    for b in 0...a { info[a * p + b] = ColumnKernels.dot(tmp, xc + b * n + start, m) }
                    if outer {
                        ColumnKernels.multiply(tmp2, ca, into: tmp, m)
                        for b in 0...a { jj[a * p + b] = ColumnKernels.dot(tmp, xc + b * n + start, m) }
                    }
                }
                guard scales > 0 else { return }
                if scales == 1 {
                    let row = nv * p
                    u[nv] = ColumnKernels.sum(dsigw, m)
                    for a in 0..<nv { info[row + a] = ColumnKernels.dot(dsgw, xc + a * n + start, m) }
                    info[row + nv] = ColumnKernels.sum(ddsigw, m)
                    if outer {
                        ColumnKernels.multiply(dsigw, dg, into: tmp, m)
                        for a in 0..<nv { jj[row + a] = ColumnKernels.dot(tmp, xc + a * n + start, m) }
                        jj[row + nv] = ColumnKernels.dot(dsigw, dsig, m)
                    }
                    return
                }
                // Scale strata: each row feeds only its own stratum's log σ.
                for r in 0..<m {
                    let i = start + r
                    let kk = nv + Int(stratum[i])
                    let row = kk * p
                    u[kk] += dsigw[r]
                    for a in 0..<nv { info[row + a] += dsgw[r] * xc[a * n + i] }
                    info[row + kk] += ddsigw[r]
                    if outer {
                        let c2 = dsigw[r] * dg[r]
                        for a in 0..<nv { jj[row + a] += c2 * xc[a * n + i] }
                        jj[row + kk] += dsigw[r] * dsig[r]
                    }
                }
            }
        }
        let u = Array(sums[1..<(1 + p)])
        var imat = [Double](repeating: 0, count: p * p)
        var jj = [Double](repeating: 0, count: outer ? p * p : 0)
        for a in 0..<p {
            for b in 0...a {
                imat[a * p + b] = -sums[1 + p + a * p + b]
                imat[b * p + a] = imat[a * p + b]
                if outer {
                    jj[a * p + b] = sums[1 + p + p * p + a * p + b]
                    jj[b * p + a] = jj[a * p + b]
                }
            }
        }
        return Evaluation(loglik: sums[0], score: u, information: imat, outer: jj)
    }

    /// Each row's weighted score contribution (row-major n × p), for the sandwich variance
    /// (R's `residuals.survreg(type = "dfbeta", weighted = TRUE)` before multiplying by V).
    func scoreContributions(_ beta: [Double]) -> [Double] {
        let p = parameters
        let n = y.count
        let sigmas = stratumSigmas(beta)
        let logSigmas = sigmas.map { log($0) }
        var out = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            let w = weights[i]
            let k = scales > 1 ? Int(stratum[i]) : 0
            var eta = offset[i]
            for j in 0..<nvar { eta += beta[j] * columns[j * n + i] }
            let t = terms(row: i, eta: eta, sigma: sigmas[k], logSigma: logSigmas[k])
            for a in 0..<nvar { out[i * p + a] = w * t.dg * columns[a * n + i] }
            if scales > 0 { out[i * p + nvar + k] = w * t.dsig }
        }
        return out
    }
}
