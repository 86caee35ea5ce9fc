internal import Foundation
import GSLSupport

/// Settings of a parametric fit (R's `survreg` arguments and `survreg.control`).
public struct SurvregOptions: Sendable {
    /// The error distribution (`dist =`, default Weibull as in R).
    public var distribution: SurvregDistribution
    /// Relative change of the log-likelihood that ends the iteration (`rel.tolerance`, 1e-9).
    public var eps: Double
    /// `iter.max` (30).
    public var maxIterations: Int
    /// Sandwich variance from the dfbeta residuals (`survreg(robust = TRUE)`).
    public var robust: Bool
    /// Level of the Wald intervals (0.95).
    public var confidenceLevel: Double

    /// Settings with R's defaults unless given.
    public init(distribution: SurvregDistribution = .weibull, eps: Double = 1e-9, maxIterations: Int = 30,
                robust: Bool = false, confidenceLevel: Double = 0.95) {
        self.distribution = distribution
        self.eps = eps
        self.maxIterations = maxIterations
        self.robust = robust
        self.confidenceLevel = confidenceLevel
    }
}

/// One row of R's `summary(survreg)` table: a coefficient or a log(scale).
public struct SurvregCoefficient: Sendable {
    /// The coefficient's name, or "Log(scale)" (the stratum with scale strata).
    public let term: String
    /// The estimate.
    public let value: Double
    /// The standard error used for z (robust when the fit is robust).
    public let se: Double
    /// The model-based SE when the fit is robust (R's "(Naive SE)"), else nil.
    public let naiveSE: Double?
    /// value / se.
    public let z: Double
    /// Two-sided normal p-value of z.
    public let pValue: Double
}

/// An accelerated failure time model fitted by maximum likelihood, matching R survival 3.5-3's
/// `survreg` (`survreg.fit` + `survreg6`): the same rescaling of non-0/1 covariates, the same
/// starting values (an intercept-and-scale fit, then a weighted least-squares "glim" step),
/// the same Newton–Raphson with step shrinking and the same convergence rule, so coefficients
/// and the iteration count agree with R.
public struct SurvregModel: Sendable {
    /// The data file the model was fitted to.
    public let source: String
    /// The settings of the fit.
    public let options: SurvregOptions
    /// The model terms (covariates and factors) behind the design columns.
    public let terms: [CoxTerm]
    /// "(Intercept)" then the design columns.
    public let columnNames: [String]
    /// Regression coefficients on the original covariate scale.
    public let coefficients: [Double]
    /// log σ per stratum (empty for the exponential).
    public let logScales: [Double]
    /// Stratum labels for the scales (empty without strata).
    public let scaleLabels: [String]
    /// Variance of (coefficients, log σ…), row-major; robust when `options.robust`.
    public let variance: [Double]
    /// The model-based variance (inverse information).
    public let naiveVariance: [Double]
    /// The maximised log-likelihood (R's `loglik[2]`).
    public let loglik: Double
    /// Log-likelihood of the intercept-only model (same scale strata).
    public let loglikIntercept: Double
    /// Newton–Raphson iterations, counted as R counts them (`fit$iter`).
    public let iterations: Int
    /// False when `maxIterations` ended the fit.
    public let converged: Bool
    /// Rows in the fit.
    public let rowsUsed: Int
    /// Rows left out for a missing value (R's `na.action`).
    public let rowsOmitted: Int
    /// Why rows were left out, per column.
    public let omissions: Omissions
    /// Events among the rows used.
    public let events: Int
    /// Columns defining the scale strata (empty without strata).
    public let strataColumns: [String]
    /// What the fit noticed (today: running out of iterations without converging).
    public let warnings: [String]

    /// Coefficients plus log scales: the order of `variance`.
    public var parameterCount: Int { coefficients.count + logScales.count }
    /// σ per stratum (the fixed 1 for the exponential).
    public var scales: [Double] { options.distribution.fixedScale.map { [$0] } ?? logScales.map { exp($0) } }

    /// Per coefficient: true when the design column is aliased (numerically a combination of
    /// the others, e.g. a covariate of ±1e308): the Cholesky factorisation dropped it, so its
    /// row of the model variance is 0 and the 0 in `coefficients` is not an estimate. R's
    /// `survreg.fit` sets these coefficients to NA (`singular <- diag(fit$var) == 0`).
    public var aliased: [Bool] {
        let p = parameterCount
        return (0..<coefficients.count).map { !(naiveVariance[$0 * p + $0] > 0) }
    }

    /// The `summary(survreg)` rows: coefficients then Log(scale) (named by stratum with strata).
    /// An ``aliased`` coefficient has value, SE, z and p NaN (R prints NA, and SE 0).
    public var table: [SurvregCoefficient] {
        let p = parameterCount
        let notEstimable = aliased
        let values = coefficients.enumerated().map { notEstimable[$0] ? .nan : $1 } + logScales
        let names = columnNames + (logScales.count == 1 ? ["Log(scale)"] : scaleLabels)
        return (0..<p).map { i in
            let se = i < notEstimable.count && notEstimable[i] ? .nan : variance[i * p + i].squareRoot()
            let z = values[i] / se
            return SurvregCoefficient(term: names[i], value: values[i], se: se,
                                      naiveSE: options.robust ? naiveVariance[i * p + i].squareRoot() : nil,
                                      z: z, pValue: Normal.twoSidedP(z))
        }
    }

    /// Likelihood-ratio chi-square against the intercept-only model, on `coefficients − 1` df.
    public var chisq: Double { 2 * (loglik - loglikIntercept) }
    /// Degrees of freedom of `chisq`.
    public var df: Int { coefficients.count - 1 }
    /// p-value of `chisq`; NaN for an intercept-only model.
    public var pValue: Double { df > 0 ? ChiSquared.upperTail(chisq, degreesOfFreedom: Double(df)) : .nan }

    /// The most parameters (coefficients and scales) a fit may have: as ``CoxDesign/maximumColumns``,
    /// Newton–Raphson costs O(n·p²) per iteration and O(p²) memory.
    public static let maximumParameters = CoxDesign.maximumColumns

    /// Fits the model to the rows of `data` (its covariates and factors as terms, its strata as
    /// scale strata, its weights and cluster).
    /// - Throws: ``InputError`` for a non-positive time under a log-time distribution;
    ///   ``SurvregError`` for data that cannot identify the model.
    /// - Complexity: O(iterations · n · p²).
    public static func fit(_ data: SurvivalData, options: SurvregOptions) throws -> SurvregModel {
        let dist = options.distribution
        let n = data.count
        let weights = data.weights ?? [Double](repeating: 1, count: n)
        let events = data.eventCount
        guard events > 0 else { throw SurvregError.noEvents }
        if dist.fixedScale == nil && events < 2 { throw SurvregError.tooFewEventsForScale(events: events) }
        let nstrat = data.strata?.levels.count ?? 1
        if dist.fixedScale != nil && nstrat > 1 { throw SurvregError.strataWithFixedScale }
        // Checked before anything of size p² (or n·p) is allocated.
        if nstrat > maximumParameters { throw SurvregError.tooManyParameters(coefficients: 1, scales: nstrat) }

        // Response, on the log scale where the distribution says so, and R's log-likelihood
        // correction Σ w·log(1/t) over the exact times (the Jacobian of the transformation).
        var y = data.time
        var logCorrect = 0.0
        if dist.logTime {
            for i in 0..<n {
                guard data.time[i] > 0 else {
                    throw InputError(file: data.source, line: Int(data.lines[i]), columnName: data.spec.time,
                                     message: "time \(data.time[i]) is not positive: the \(dist.rawValue) distribution models log(time)")
                }
                y[i] = log(data.time[i])
                if data.event[i] { logCorrect -= weights[i] * y[i] }
            }
        }

        // Design: intercept, then the terms (treatment contrasts as in cox).
        var terms: [CoxTerm] = []
        var names = ["(Intercept)"]
        var sources: [CoxDesignSource] = []
        if !data.covariates.isEmpty || !data.factors.isEmpty {
            let design = try CoxDesign(data)
            terms = design.terms.map { CoxTerm(name: $0.name, kind: $0.kind,
                                               columns: ($0.columns.lowerBound + 1)..<($0.columns.upperBound + 1)) }
            names += design.columnNames
            sources = design.sources
        }
        let nvar = names.count
        if nvar + (dist.fixedScale == nil ? nstrat : 0) > maximumParameters {
            throw SurvregError.tooManyParameters(coefficients: nvar, scales: dist.fixedScale == nil ? nstrat : 0)
        }
        // Column-major (column j in x[j·n ..< (j+1)·n]): every pass below reads contiguous memory.
        var x = [Double](repeating: 0, count: n * nvar)
        x.withUnsafeMutableBufferPointer { xb in
            for i in 0..<n { xb[i] = 1 }
            var col = 1
            for source in sources {
                switch source {
                case .numeric(let v):
                    v.withUnsafeBufferPointer { vb in for i in 0..<n { xb[col * n + i] = vb[i] } }
                case .factor(let codes, _):
                    codes.withUnsafeBufferPointer { cb in
                        for i in 0..<n where cb[i] > 0 { xb[(col + Int(cb[i]) - 1) * n + i] = 1 }
                    }
                }
                col += source.width
            }
        }
        let needsOriginal = options.robust || data.cluster != nil
        let original = needsOriginal ? x : []

        // survreg.fit rescales columns that are not all 0/1 (when there is more than the intercept).
        var center = [Double](repeating: 0, count: nvar)
        var stdev = [Double](repeating: 1, count: nvar)
        var rescaled = false
        if nvar > 1 {
            x.withUnsafeMutableBufferPointer { xb in
                for j in 1..<nvar {
                    let column = xb.baseAddress! + j * n
                    var binary = true
                    var sum = 0.0
                    for i in 0..<n {
                        let v = column[i]
                        if v != 0 && v != 1 { binary = false }
                        sum += v
                    }
                    if binary { continue }
                    rescaled = true
                    let mean = sum / Double(n)
                    var ss = 0.0
                    for i in 0..<n { ss += (column[i] - mean) * (column[i] - mean) }
                    center[j] = mean
                    stdev[j] = (ss / Double(n - 1)).squareRoot()
                    let sd = stdev[j]
                    for i in 0..<n { column[i] = (column[i] - mean) / sd }
                }
            }
        }

        let stratum = data.strata?.codes ?? [Int32](repeating: 0, count: n)
        let scaleCount = dist.fixedScale == nil ? nstrat : 0
        let fixedLogScale = log(dist.fixedScale ?? 1)
        let offset = [Double](repeating: 0, count: n)
        let family = dist.family
        let ones = [Double](repeating: 1, count: n)
        func likelihood(_ x: [Double], _ nvar: Int) -> SurvregLikelihood {
            SurvregLikelihood(y: y, event: data.event, weights: weights, offset: offset, columns: x, nvar: nvar,
                              stratum: stratum, scales: scaleCount, fixedLogScale: fixedLogScale, family: family)
        }

        // R's derfun at eta = y: first and second derivatives of each contribution wrt eta,
        // used for the "glim" starting values.
        func derivatives(sigma: (Int) -> Double) -> (dg: [Double], ddg: [Double]) {
            var dg = [Double](repeating: 0, count: n), ddg = dg
            let d = family.summary(0)
            for i in 0..<n {
                let s = sigma(i)
                if data.event[i] {
                    let tdenom = 1 / s
                    dg[i] = -tdenom * d.d1
                    ddg[i] = (tdenom / s) * d.d2 - dg[i] * dg[i]
                } else {
                    let tdenom = 1 / (d.survival * s)
                    dg[i] = -tdenom * (0 - d.density)
                    ddg[i] = (tdenom / s) * (0 - d.density * d.d1) - dg[i] * dg[i]
                }
            }
            return (dg, ddg)
        }

        let meanOnly = nvar == 1
        let (_, initVariance) = family.initialMeanVariance(y, weights: weights)
        var fit0: SurvregNewtonRaphson.Result?
        var scaleStart: [Double]
        if !meanOnly {
            let vars = dist.fixedScale.map { log($0) } ?? log(4 * initVariance) / 2
            let d = derivatives { _ in exp(vars) }
            var num = 0.0, den = 0.0
            for i in 0..<n {
                let wt = -d.ddg[i] * weights[i]
                num += weights[i] * d.dg[i] + wt * (y[i] - offset[i])
                den += wt
            }
            let start = [num / den] + [Double](repeating: vars, count: scaleCount)
            let r = SurvregNewtonRaphson(likelihood: likelihood(ones, 1), eps: options.eps, maxIterations: 20)
                .run(from: start)
            guard r.beta.allSatisfy(\.isFinite), r.loglik.isFinite else {
                throw SurvregError.initialFitFailed
            }
            fit0 = r
            scaleStart = Array(r.beta.dropFirst())
        } else {
            scaleStart = [Double](repeating: dist.fixedScale.map { log($0) } ?? log(4 * initVariance) / 2,
                                  count: scaleCount)
        }

        // Weighted least-squares start for the coefficients (R's coxph.wtest(X'WX, X'(W·eta + w·dg))).
        let d = derivatives { i in
            scaleCount == 0 ? exp(fixedLogScale) : exp(scaleStart[scaleCount == 1 ? 0 : Int(stratum[i])])
        }
        // X'WX and X'(W·(y − offset) + w·dg) as SIMD dot products over the columns.
        var wt = [Double](repeating: 0, count: n), resp = wt
        for i in 0..<n {
            wt[i] = -d.ddg[i] * weights[i]
            resp[i] = wt[i] * (y[i] - offset[i]) + weights[i] * d.dg[i]
        }
        let normal = ChunkedSums.run(rows: n, width: nvar + nvar * nvar, scratchCount: ChunkedSums.rowsPerChunk) { [x, wt, resp] rows, tmp, out in
            let m = rows.count, start = rows.lowerBound
            x.withUnsafeBufferPointer { xb in
                wt.withUnsafeBufferPointer { wb in
                    resp.withUnsafeBufferPointer { rb in
                        for a in 0..<nvar {
                            let ca = xb.baseAddress! + a * n + start
                            out[a] = ColumnKernels.dot(rb.baseAddress! + start, ca, m)
                            ColumnKernels.multiply(wb.baseAddress! + start, ca, into: tmp, m)
                            for b in 0...a { out[nvar + a * nvar + b] = ColumnKernels.dot(tmp, xb.baseAddress! + b * n + start, m) }
                        }
                    }
                }
            }
        }
        let rhs = Array(normal[0..<nvar])
        var xtwx = [Double](repeating: 0, count: nvar * nvar)
        for a in 0..<nvar { for b in 0...a { xtwx[a * nvar + b] = normal[nvar + a * nvar + b]; xtwx[b * nvar + a] = xtwx[a * nvar + b] } }
        let startBeta = PivotDroppingCholesky(symmetric: xtwx, dimension: nvar, threshold: .survreg).solve(rhs)

        let main = SurvregNewtonRaphson(likelihood: likelihood(x, nvar), eps: options.eps,
                                        maxIterations: options.maxIterations)
            .run(from: startBeta + scaleStart)

        // Undo the rescaling: β = T·β̃, V = T·Ṽ·Tᵀ with T = diag(1/sd) and T[0, j] = −mean_j/sd_j.
        let p = nvar + scaleCount
        var beta = main.beta
        var v = main.variance
        if rescaled {
            var t = [Double](repeating: 0, count: p * p)
            for i in 0..<p { t[i * p + i] = i < nvar ? 1 / stdev[i] : 1 }
            for j in 1..<nvar { t[j] = -center[j] / stdev[j] }
            beta = (0..<p).map { i in (0..<p).reduce(0) { $0 + t[i * p + $1] * main.beta[$1] } }
            var tv = [Double](repeating: 0, count: p * p)
            for i in 0..<p { for j in 0..<p { var s = 0.0; for k in 0..<p { s += t[i * p + k] * v[k * p + j] }; tv[i * p + j] = s } }
            for i in 0..<p { for j in 0..<p { var s = 0.0; for k in 0..<p { s += tv[i * p + k] * t[j * p + k] }; v[i * p + j] = s } }
        }
        let naive = v
        if options.robust || data.cluster != nil {
            v = robustVariance(likelihood(original, nvar), beta: beta, variance: naive, cluster: data.cluster)
        }

        var warnings: [String] = []
        if !main.converged {
            warnings.append("ran out of iterations (\(main.iterations)) and did not converge")
        }
        // R's survreg: "Coefficients: (k not defined because of singularities)".
        for j in 0..<nvar where !(naive[j * p + j] > 0) {
            warnings.append("'\(names[j])' is aliased with other columns (a singular design): its coefficient is not estimable (NA, as R's survreg)")
        }
        let loglik = main.loglik + logCorrect
        let loglik0 = (fit0?.loglik ?? main.loglik) + logCorrect
        var scaleLabels: [String] = []
        if let strata = data.strata, scaleCount > 1 { scaleLabels = strata.levels }
        return SurvregModel(
            source: data.source, options: SurvregOptions(distribution: dist, eps: options.eps,
                                                        maxIterations: options.maxIterations,
                                                        robust: options.robust || data.cluster != nil,
                                                        confidenceLevel: options.confidenceLevel),
            terms: terms, columnNames: names, coefficients: Array(beta.prefix(nvar)),
            logScales: Array(beta.dropFirst(nvar)), scaleLabels: scaleLabels, variance: v, naiveVariance: naive,
            loglik: loglik, loglikIntercept: loglik0, iterations: main.iterations, converged: main.converged,
            rowsUsed: n, rowsOmitted: data.rowsOmitted, omissions: data.omissions, events: events,
            strataColumns: data.spec.strata, warnings: warnings)
    }

    /// Σ_c (Σ_{i∈c} sᵢ V)ᵀ(Σ_{i∈c} sᵢ V) with sᵢ the weighted score contributions, V the model
    /// variance and c the clusters (each row its own cluster without `--cluster`): R's
    /// `crossprod(residuals(fit, "dfbeta", weighted = TRUE, collapse = cluster))`.
    static func robustVariance(_ likelihood: SurvregLikelihood, beta: [Double], variance v: [Double],
                               cluster: Factor?) -> [Double] {
        let p = likelihood.parameters
        let n = likelihood.y.count
        let scores = likelihood.scoreContributions(beta)
        let groups = cluster?.levels.count ?? n
        var collapsed = [Double](repeating: 0, count: groups * p)
        for i in 0..<n {
            let g = cluster.map { Int($0.codes[i]) } ?? i
            for a in 0..<p { collapsed[g * p + a] += scores[i * p + a] }
        }
        var out = [Double](repeating: 0, count: p * p)
        var dfbeta = [Double](repeating: 0, count: p)
        for g in 0..<groups {
            for a in 0..<p {
                var s = 0.0
                for k in 0..<p { s += collapsed[g * p + k] * v[k * p + a] }
                dfbeta[a] = s
            }
            for a in 0..<p { for b in 0..<p { out[a * p + b] += dfbeta[a] * dfbeta[b] } }
        }
        return out
    }
}
