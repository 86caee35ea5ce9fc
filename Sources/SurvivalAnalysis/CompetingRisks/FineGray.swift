import GSLSupport
import PlatformSupport

/// The Fine–Gray proportional subdistribution hazards model for one cause, as R's
/// `cmprsk::crr(ftime, fstatus, cov, failcode, cencode = 0)`.
///
/// Fine & Gray (1999), "A proportional hazards model for the subdistribution of a competing
/// risk", JASA 94:496–509. The partial likelihood is Cox's (Breslow's handling of ties, as crr),
/// except that a subject who failed from another cause at Tⱼ < t stays in the risk set at t with
/// the inverse-probability-of-censoring weight Ĝ(t−)/Ĝ(Tⱼ−), Ĝ the Kaplan–Meier estimate of the
/// censoring distribution (crr's `uuu`, evaluated just before each time). survival's `finegray()`
/// followed by a weighted `coxph` fits the same model with slightly different weights.
///
/// The sums over each risk set split into those still at risk (a backward sweep) and those who
/// failed from another cause earlier (a forward sweep of e^η/Ĝ(Tⱼ−), times Ĝ(t−)), so one
/// Newton–Raphson iteration costs O(n·p²) after one O(n log n) sort.
public struct FineGrayModel: Sendable {
    /// The cause modelled (1…k).
    public var cause: Int
    /// The modelled cause's label, as in the status column.
    public var causeLabel: String
    /// Design column names (covariates, then factor levels as `f=level`).
    public var terms: [String]
    /// β̂.
    public var coefficients: [Double]
    /// Model-based standard errors, √diag(I(β̂)⁻¹) (crr's `sqrt(diag(invinf))` — not crr's
    /// sandwich `var`, which also accounts for estimating Ĝ).
    public var standardErrors: [Double]
    /// Fine & Gray's sandwich standard errors (crr's `sqrt(diag(var))`), which account for
    /// estimating Ĝ.
    public var robustStandardErrors: [Double]
    /// Log partial likelihood at β = 0 (crr's `loglik.null`).
    public var loglikNull: Double
    /// Log partial likelihood at β̂ (crr's `loglik`).
    public var loglik: Double
    /// Newton–Raphson iterations used.
    public var iterations: Int
    /// Whether the Newton–Raphson step converged (crr's `converged`).
    public var converged: Bool
    /// One row per term, as `summary(crr)`: coef, exp(coef), the model-based se, the sandwich
    /// (robust) se, and z, two-sided p and the Wald limits of exp(coef) from the sandwich se, as
    /// crr reports them.
    public struct Coefficient: Sendable, Equatable {
        /// The design column's name.
        public var term: String
        /// β̂, exp(β̂), the model-based and sandwich se, z = β̂/robust se, its two-sided p, and
        /// the Wald limits of exp(β̂) (the columns of `summary(crr)`).
        public var coef, expCoef, se, robustSE, z, pValue, lower, upper: Double
    }

    /// The coefficient table at `confidenceLevel` (in (0, 1)).
    public func coefficientTable(confidenceLevel: Double) -> [Coefficient] {
        let zq = Normal.upperQuantile((1 - confidenceLevel) / 2)
        return terms.indices.map { j in
            let b = coefficients[j], s = robustStandardErrors[j]
            return Coefficient(term: terms[j], coef: b, expCoef: exp(b), se: standardErrors[j], robustSE: s, z: b / s, pValue: Normal.twoSidedP(b / s),
                               lower: exp(b - zq * s), upper: exp(b + zq * s))
        }
    }

    /// Rows used (after omissions).
    public var rowsUsed: Int
    /// Events of the modelled cause among the rows used.
    public var events: Int

    /// Fits the model for `cause` (1…k) to `data` with its covariates and factors.
    /// - Throws: ``InputError`` for a design Cox would refuse (no terms, a one-level factor).
    /// - Complexity: O(n log n + iterations · n · p²).
    public static func fit(_ data: CompetingRisksData, cause: Int, maxIterations: Int = 50,
                           tolerance: Double = 1e-12) throws(InputError) -> FineGrayModel {
        let design = try CoxDesign(data.data)
        let p = design.columns
        let order = data.timeOrder()
        let n = order.count
        let time = order.map { data.data.time[$0] }
        let kind = order.map { i -> UInt8 in
            let c = Int(data.cause[i])
            return c == 0 ? 0 : (c == cause ? 1 : 2)
        }
        // Row-major design in time order.
        var x = [Double](repeating: 0, count: n * p)
        var column = 0
        for source in design.sources {
            switch source {
            case .numeric(let v):
                for (r, i) in order.enumerated() { x[r * p + column] = v[i] }
            case .factor(let codes, _):
                for (r, i) in order.enumerated() where codes[i] > 0 { x[r * p + column + Int(codes[i]) - 1] = 1 }
            }
            column += source.width
        }
        let g = censoringSurvivalBefore(time: time, censored: kind.map { $0 == 0 })
        var beta = [Double](repeating: 0, count: p)
        var step = evaluate(beta, x: x, p: p, time: time, kind: kind, g: g)
        let loglikNull = step.loglik
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            let factor = TolerantCholesky(symmetric: step.information, dimension: p, tolerance: 1e-9)
            let delta = factor.solve(step.score)
            var next = beta
            for j in 0..<p { next[j] += delta[j] }
            var candidate = evaluate(next, x: x, p: p, time: time, kind: kind, g: g)
            iterations += 1
            // Step halving if the likelihood fell (as coxph's Newton-Raphson does).
            var halvings = 0
            while candidate.loglik < step.loglik - 1e-12 * abs(step.loglik), halvings < 30 {
                for j in 0..<p { next[j] = (next[j] + beta[j]) / 2 }
                candidate = evaluate(next, x: x, p: p, time: time, kind: kind, g: g)
                halvings += 1
            }
            let change = zip(next, beta).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            let previous = step.loglik
            beta = next
            step = candidate
            // Converged when β stops moving, or the likelihood is flat to rounding.
            if change < tolerance || (abs(step.loglik - previous) <= 1e-15 * abs(previous) && change < 1e-8) {
                converged = true
                break
            }
        }
        let inverse = TolerantCholesky(symmetric: step.information, dimension: p, tolerance: 1e-9).inverse()
        let se = (0..<p).map { inverse[$0 * p + $0].squareRoot() }
        let sandwich = FineGrayModel.sandwich(beta, information: step.information, x: x, p: p, time: time, kind: kind, g: g)
        let robust = (0..<p).map { sandwich[$0 * p + $0].squareRoot() }
        return FineGrayModel(cause: cause, causeLabel: data.status.labels[cause - 1], terms: design.columnNames,
                             coefficients: beta, standardErrors: se, robustStandardErrors: robust, loglikNull: loglikNull, loglik: step.loglik,
                             iterations: iterations, converged: converged, rowsUsed: n,
                             events: kind.reduce(0) { $0 + ($1 == 1 ? 1 : 0) })
    }

    /// Ĝ(tᵢ−) for each row (in time order): the Kaplan–Meier estimate of the censoring
    /// distribution (censorings are its events) just before tᵢ, as crr evaluates it.
    static func censoringSurvivalBefore(time: [Double], censored: [Bool]) -> [Double] {
        let n = time.count
        var out = [Double](repeating: 1, count: n)
        var g = 1.0
        var a = 0
        while a < n {
            var b = a
            var c = 0
            while b < n && time[b] == time[a] { if censored[b] { c += 1 }; b += 1 }
            for r in a..<b { out[r] = g }
            g *= 1 - Double(c) / Double(n - a)
            a = b
        }
        return out
    }

    /// Log partial likelihood, score and information (row-major p × p) at β.
    static func evaluate(_ beta: [Double], x: [Double], p: Int, time: [Double], kind: [UInt8], g: [Double])
        -> (loglik: Double, score: [Double], information: [Double]) {
        let n = time.count
        var eta = [Double](repeating: 0, count: n)
        for r in 0..<n { var s = 0.0; for j in 0..<p { s += x[r * p + j] * beta[j] }; eta[r] = s }
        // Distinct times with events of the cause, with the index of their first row.
        var starts: [Int] = []
        var r = 0
        while r < n {
            var b = r
            var has = false
            while b < n && time[b] == time[r] { if kind[b] == 1 { has = true }; b += 1 }
            if has { starts.append(r) }
            r = b
        }
        let q = starts.count
        // Backward: Σ over rows with T ≥ t of e^η (1, x, xxᵀ).
        var at0 = [Double](repeating: 0, count: q), at1 = [Double](repeating: 0, count: q * p)
        var at2 = [Double](repeating: 0, count: q * p * p)
        var s0 = 0.0, s1 = [Double](repeating: 0, count: p), s2 = [Double](repeating: 0, count: p * p)
        var next = n
        for e in stride(from: q - 1, through: 0, by: -1) {
            while next > starts[e] {
                next -= 1
                let w = exp(eta[next])
                s0 += w
                for j in 0..<p {
                    let xj = x[next * p + j]
                    s1[j] += w * xj
                    for k in 0...j { s2[j * p + k] += w * xj * x[next * p + k] }
                }
            }
            at0[e] = s0
            for j in 0..<p { at1[e * p + j] = s1[j] }
            for j in 0..<(p * p) { at2[e * p * p + j] = s2[j] }
        }
        // Forward: Σ over other-cause failures with T < t of e^η/Ĝ(T−) (1, x, xxᵀ), times Ĝ(t−).
        var o0 = 0.0, o1 = [Double](repeating: 0, count: p), o2 = [Double](repeating: 0, count: p * p)
        var loglik = 0.0
        var score = [Double](repeating: 0, count: p)
        var information = [Double](repeating: 0, count: p * p)
        var prev = 0
        var mean = [Double](repeating: 0, count: p)
        for e in 0..<q {
            let t0 = starts[e]
            while prev < t0 {
                if kind[prev] == 2 {
                    let w = exp(eta[prev]) / g[prev]
                    o0 += w
                    for j in 0..<p {
                        let xj = x[prev * p + j]
                        o1[j] += w * xj
                        for k in 0...j { o2[j * p + k] += w * xj * x[prev * p + k] }
                    }
                }
                prev += 1
            }
            let gt = g[t0]
            var d = 0.0
            var b = t0
            while b < n && time[b] == time[t0] {
                if kind[b] == 1 {
                    d += 1
                    loglik += eta[b]
                    for j in 0..<p { score[j] += x[b * p + j] }
                }
                b += 1
            }
            let w0 = at0[e] + gt * o0
            loglik -= d * log(w0)
            for j in 0..<p { mean[j] = (at1[e * p + j] + gt * o1[j]) / w0; score[j] -= d * mean[j] }
            for j in 0..<p {
                for k in 0...j {
                    let v = (at2[e * p * p + j * p + k] + gt * o2[j * p + k]) / w0 - mean[j] * mean[k]
                    information[j * p + k] += d * v
                    information[k * p + j] = information[j * p + k]
                }
            }
        }
        return (loglik, score, information)
    }
}
