import PlatformSupport

/// The core numbers of a fitted Cox model: coefficients, their model-based variance, the
/// log-likelihoods and the three classical tests' statistics, and how the iteration ended.
/// Coefficients are on the covariates' own scale (R's `coef(coxph(...))`).
public struct CoxEstimate: Sendable {
    /// Number of design columns p.
    public let columns: Int
    /// Rows used in the fit.
    public let rowCount: Int
    /// Number of events in the fit.
    public let eventCount: Int
    /// β; NaN for an aliased column (R's NA).
    public let coefficients: [Double]
    /// √diag I(β)⁻¹; NaN for an aliased column. Computed on the internal scaled axis, so it
    /// stays representable where the variance itself would underflow (covariates near 1e300).
    public let standardErrors: [Double]
    /// I(β)⁻¹ (row-major p × p) with zero rows and columns for aliased columns, as R's `fit$var`.
    public let variance: [Double]
    /// True for columns that are linear combinations of earlier ones (or constant).
    public let aliased: [Bool]
    /// Log partial likelihood at β = 0 and at β̂ (R's `fit$loglik`).
    public let loglikNull: Double
    /// Log partial likelihood at β̂ (R's `fit$loglik[2]`).
    public let loglik: Double
    /// Score (log-rank) statistic UᵀI⁻¹U at β = 0 (R's `fit$score`).
    public let scoreTest: Double
    /// Wald statistic β̂ᵀ I(β̂) β̂ over the estimable coefficients (R's `fit$wald.test`).
    public let waldTest: Double
    /// Newton–Raphson iterations performed.
    public let iterations: Int
    /// The relative change of the log-likelihood met `eps` within the iteration limit.
    public let converged: Bool
    /// Converged, but the next Newton step for this coefficient is still large relative to it:
    /// R's "Loglik converged before variable k; coefficient may be infinite".
    public let possiblyInfinite: [Bool]
    /// Not converged, and the linear predictor exceeds 500 or a step is not finite: R's
    /// "one or more coefficients may be infinite".
    public let divergent: Bool
    /// Column means subtracted before fitting (0 for columns with values in {−1, 0, 1}), as R's `fit$means`.
    public let means: [Double]

    /// Number of estimable coefficients: the degrees of freedom of the three tests.
    public var degreesOfFreedom: Int { aliased.reduce(0) { $0 + ($1 ? 0 : 1) } }

    // The same quantities on the scaled axis of the fit, for robust variances and diagnostics.
    let scaledBeta: [Double]
    let scaledVariance: [Double]
    let scales: [Double]

    init(data: CoxRiskSets, outcome: CoxNewtonRaphson.Outcome, settings: CoxSettings) {
        let p = data.columns
        columns = p
        rowCount = data.count
        eventCount = data.eventCount
        scales = data.scales
        means = data.means
        scaledBeta = outcome.beta
        scaledVariance = outcome.variance
        aliased = outcome.aliased
        loglikNull = outcome.loglikNull
        loglik = outcome.loglik
        scoreTest = outcome.scoreTest
        iterations = outcome.iterations
        converged = outcome.converged

        var coefficients = [Double](repeating: .nan, count: p)
        var standardErrors = [Double](repeating: .nan, count: p)
        var variance = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0..<p {
                variance[i * p + j] = outcome.variance[i * p + j] * data.scales[i] * data.scales[j]
            }
            guard !outcome.aliased[i] else { continue }
            coefficients[i] = outcome.beta[i] * data.scales[i]
            standardErrors[i] = data.scales[i] * outcome.variance[i * p + i].squareRoot()
        }
        self.coefficients = coefficients
        self.standardErrors = standardErrors
        self.variance = variance
        waldTest = CoxEstimate.waldStatistic(beta: outcome.beta, variance: outcome.variance,
                                             aliased: outcome.aliased, tolerance: settings.cholTolerance)

        // R's coxph.fit checks, in original units: the next Newton step |U·V| per coefficient.
        var nextStep = [Double](repeating: 0, count: p)
        for i in 0..<p {
            var s = 0.0
            for j in 0..<p { s += outcome.variance[i * p + j] * outcome.score[j] }
            nextStep[i] = abs(s) * data.scales[i]
        }
        var possiblyInfinite = [Bool](repeating: false, count: p)
        var divergent = false
        if settings.maxIterations > 1 {
            if outcome.converged {
                for i in 0..<p where !outcome.aliased[i] {
                    let u = outcome.score[i]
                    possiblyInfinite[i] = !u.isFinite
                        || (nextStep[i] > settings.eps && nextStep[i] > settings.infTolerance * abs(coefficients[i]))
                }
            } else {
                let eta = data.linearPredictor(scaledBeta: outcome.beta)
                divergent = (eta.max() ?? 0) > 500 || nextStep.contains { !$0.isFinite }
            }
        }
        self.possiblyInfinite = possiblyInfinite
        self.divergent = divergent
    }

    /// βᵀV⁻¹β over the estimable coefficients (R's `coxph.wtest`, tolerant Cholesky).
    static func waldStatistic(beta: [Double], variance: [Double], aliased: [Bool], tolerance: Double) -> Double {
        let p = beta.count
        let kept = (0..<p).filter { !aliased[$0] }
        guard !kept.isEmpty else { return 0 }
        var sub = [Double](repeating: 0, count: kept.count * kept.count)
        for (r, i) in kept.enumerated() {
            for (c, j) in kept.enumerated() { sub[r * kept.count + c] = variance[i * p + j] }
        }
        return TolerantCholesky(symmetric: sub, dimension: kept.count, tolerance: tolerance)
            .quadraticForm(kept.map { beta[$0] })
    }
}

/// The lean entry point: a Cox model fitted from plain arrays, with no design bookkeeping,
/// concordance or robust variance — for simulations that fit thousands of models.
public enum CoxRegression {
    /// Fits h(t | x) = h₀ₛ(t)·exp(βᵀx) by Newton–Raphson from β = 0 (R's `coxph`).
    ///
    /// - Parameters:
    ///   - time: follow-up times (finite, ≥ 0), compared exactly: to merge near-ties as
    ///     `coxph` does, pass them through ``TimeFix/apply(_:)`` first (``SurvivalData`` does).
    ///   - event: true for an event, false for censored.
    ///   - covariates: row-major design matrix, `time.count × columns`.
    ///   - columns: number of design columns p.
    ///   - strata: stratum code per row (0-based), or nil for a single baseline hazard.
    ///   - weights: case weights (> 0), or nil.
    ///   - ties: Efron (R's default) or Breslow handling of tied event times.
    ///   - settings: convergence criteria (R's `coxph.control`).
    /// - Throws: ``CoxError`` for inconsistent sizes, invalid values or no events.
    /// - Complexity: O(n) to sort once (radix), then O(n·p²) per iteration.
    public static func fit(time: [Double], event: [Bool], covariates: [Double], columns: Int,
                           strata: [Int32]? = nil, weights: [Double]? = nil,
                           ties: CoxTies = .efron, settings: CoxSettings = .rDefault) throws(CoxError) -> CoxEstimate {
        let data = try CoxRiskSets(time: time, event: event, design: covariates, columns: columns,
                                   strata: strata, weights: weights)
        return try fit(data, ties: ties, settings: settings)
    }

    static func fit(_ data: CoxRiskSets, ties: CoxTies, settings: CoxSettings) throws(CoxError) -> CoxEstimate {
        try settings.validate()
        guard data.eventCount > 0 else { throw .noEvents }
        guard data.columns > 0 else { throw .dimensionMismatch("a Cox model needs at least one covariate column") }
        let outcome = CoxNewtonRaphson.fit(data, ties: ties, settings: settings)
        return CoxEstimate(data: data, outcome: outcome, settings: settings)
    }
}
