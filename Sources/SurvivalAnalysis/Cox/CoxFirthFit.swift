import PlatformSupport
import GSLSupport

/// Maximisation of Firth's penalised partial likelihood (``CoxFirthLikelihood``) and the
/// inference Heinze & Schemper (2001) and R's `coxphf` report with it: profile penalised-
/// likelihood confidence limits and penalised likelihood-ratio tests, per term and overall.
///
/// The iteration is Newton–Raphson with I(β) in place of the Hessian, as in Heinze & Schemper:
/// β ← β + I⁻¹U*, from 0; a step that lowers ℓ* is halved (up to 40 times); it stops when
/// U*ᵀI⁻¹U* ≤ 10⁻¹⁸, a measure that does not depend on the covariates' units. The same
/// iteration with one coefficient held fixed gives the profile ℓ*ⱼ(v) = max ℓ*(β | βⱼ = v).
/// Confidence limits solve 2[ℓ*(β̂) − ℓ*ⱼ(v)] = χ²₁(level): bracketed by stepping out from β̂ⱼ
/// by se·2ᵏ (an infinite limit when k passes 30), then bisected until the bracket is
/// ≤ 10⁻¹²(1 + |v|) wide.
struct CoxFirthFit {
    static let maxIterations = 200
    static let tolerance = 1e-18

    let likelihood: CoxFirthLikelihood
    var p: Int { likelihood.data.columns }
    var scales: [Double] { likelihood.data.scales }

    struct Maximum {
        var beta: [Double]
        var value: CoxFirthLikelihood.Value
        var iterations: Int
        var converged: Bool
    }

    /// Maximises ℓ* over the coordinates in `free`, the others held at `start`.
    func maximise(from start: [Double], free: [Int]) -> Maximum? {
        var beta = start
        guard var current = likelihood.evaluate(at: beta) else { return nil }
        for iteration in 0..<CoxFirthFit.maxIterations {
            guard !free.isEmpty else { return Maximum(beta: beta, value: current, iterations: 0, converged: true) }
            var sub = [Double](repeating: 0, count: free.count * free.count)
            for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { sub[a * free.count + b] = current.information[i * p + j] } }
            guard let factor = SmallCholesky(sub, dimension: free.count) else { return nil }
            let score = free.map { current.modifiedScore[$0] }
            let step = factor.solve(score)
            var decrement = 0.0
            for a in free.indices { decrement += score[a] * step[a] }
            if decrement <= CoxFirthFit.tolerance {
                return Maximum(beta: beta, value: current, iterations: iteration, converged: true)
            }
            var trial = beta
            var next: CoxFirthLikelihood.Value?
            var shrink = 1.0
            for _ in 0...40 {
                for (a, i) in free.enumerated() { trial[i] = beta[i] + step[a] * shrink }
                next = likelihood.evaluate(at: trial)
                if let n = next, n.penalisedLoglik >= current.penalisedLoglik - 1e-12 * (1 + abs(current.penalisedLoglik)) { break }
                shrink /= 2
            }
            guard let accepted = next else { return nil }
            beta = trial
            current = accepted
        }
        return Maximum(beta: beta, value: current, iterations: CoxFirthFit.maxIterations, converged: false)
    }

    /// ℓ*ⱼ(v) with v in the covariate's own units, warm-started at β̂.
    func profile(_ j: Int, at v: Double, from beta: [Double]) -> Double {
        var start = beta
        start[j] = v / scales[j]
        return maximise(from: start, free: (0..<p).filter { $0 != j })?.value.penalisedLoglik ?? -.infinity
    }

    /// The confidence limit of βⱼ on one side (−1 lower, +1 upper), in the covariate's units.
    func limit(_ j: Int, side: Double, maximum: Maximum, se: Double, quantile q: Double) -> Double {
        let top = maximum.value.penalisedLoglik
        let centre = maximum.beta[j] * scales[j]
        func excess(_ v: Double) -> Double { 2 * (top - profile(j, at: v, from: maximum.beta)) - q }
        var inner = centre
        var outer = centre + side * se
        var k = 0
        while excess(outer) < 0 {
            inner = outer
            k += 1
            if k > 30 { return side * .infinity }
            outer = centre + side * se * pow(2, Double(k))
        }
        for _ in 0..<200 {
            let mid = (inner + outer) / 2
            if excess(mid) < 0 { inner = mid } else { outer = mid }
            if abs(outer - inner) <= 1e-12 * (1 + abs(mid)) { break }
        }
        return (inner + outer) / 2
    }
}

/// What a Firth-penalised Cox fit reports beyond the coefficients, as R's `coxphf`
/// (`pl = TRUE`): penalised log-likelihoods, profile penalised-likelihood confidence limits
/// and a penalised likelihood-ratio test per term.
public struct CoxFirthSummary: Sendable {
    /// ℓ*(0) and ℓ*(β̂) = ℓ + ½ log|I| (covariates in their own units).
    public let penalisedLoglikNull: Double
    /// ℓ*(β̂), the maximum of the penalised log partial likelihood.
    public let penalisedLoglik: Double
    /// Per term: 2[ℓ*(β̂) − max ℓ*(β | βⱼ = 0)], χ² on 1 df.
    public let termChisq: [Double]
    /// Per term: the upper χ²₁ tail of ``termChisq`` (coxphf's p).
    public let termPValues: [Double]
    /// Profile penalised-likelihood limits of exp(βⱼ) at the model's confidence level.
    public let lower: [Double]
    /// Upper profile penalised-likelihood limits of exp(βⱼ).
    public let upper: [Double]
    /// True when every profile maximisation converged.
    public let profilesConverged: Bool

    static func fit(_ data: CoxRiskSets, settings: CoxSettings,
                    confidenceLevel: Double) throws(CoxError) -> (CoxEstimate, CoxFirthSummary) {
        try settings.validate()
        guard data.eventCount > 0 else { throw .noEvents }
        let p = data.columns
        guard p > 0 else { throw .dimensionMismatch("a Cox model needs at least one covariate column") }
        let fitter = CoxFirthFit(likelihood: CoxFirthLikelihood(data: data))
        let zero = [Double](repeating: 0, count: p)
        guard let null = fitter.likelihood.evaluate(at: zero),
              let maximum = fitter.maximise(from: zero, free: Array(0..<p)) else {
            throw .invalidSettings("Firth's penalised likelihood needs a positive definite information matrix: a term is constant or collinear with others")
        }
        guard let inverse = SmallCholesky(maximum.value.information, dimension: p)?.inverse() else {
            throw .invalidSettings("Firth's penalised likelihood needs a positive definite information matrix at the estimate")
        }
        let outcome = CoxNewtonRaphson.Outcome(
            beta: maximum.beta, loglikNull: null.loglik, loglik: maximum.value.loglik, scoreTest: .nan,
            iterations: maximum.iterations, converged: maximum.converged, variance: inverse,
            aliased: [Bool](repeating: false, count: p), score: maximum.value.modifiedScore)
        let estimate = CoxEstimate(data: data, outcome: outcome, settings: settings)
        let q = ChiSquared.quantile(confidenceLevel, degreesOfFreedom: 1)
        var chisq: [Double] = [], pValues: [Double] = [], lower: [Double] = [], upper: [Double] = []
        var profilesConverged = true
        for j in 0..<p {
            let se = estimate.standardErrors[j]
            let atZero = fitter.profile(j, at: 0, from: maximum.beta)
            if !atZero.isFinite { profilesConverged = false }
            let c = 2 * (maximum.value.penalisedLoglik - atZero)
            chisq.append(c)
            pValues.append(c.isFinite ? ChiSquared.upperTail(max(c, 0), degreesOfFreedom: 1) : .nan)
            lower.append(exp(fitter.limit(j, side: -1, maximum: maximum, se: se, quantile: q)))
            upper.append(exp(fitter.limit(j, side: 1, maximum: maximum, se: se, quantile: q)))
        }
        return (estimate, CoxFirthSummary(penalisedLoglikNull: null.penalisedLoglik,
                                          penalisedLoglik: maximum.value.penalisedLoglik,
                                          termChisq: chisq, termPValues: pValues, lower: lower, upper: upper,
                                          profilesConverged: profilesConverged))
    }
}
