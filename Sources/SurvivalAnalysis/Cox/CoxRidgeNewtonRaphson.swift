/// Newton–Raphson on the ridge-penalised partial likelihood ℓ(β) − (1/2)Σⱼ kⱼβⱼ², as R's
/// `coxpenal.fit` runs it for `ridge(..., theta =)` (C routine `coxfit5`, one outer iteration
/// since θ is fixed): from β = 0, Newton steps (I + K)⁻¹(U − Kβ); converged when the
/// penalised log-likelihood's relative change is ≤ eps; a step that lowers it is halved back
/// towards the last accepted β, β̃ ← (β̃ + β)/2, as `coxfit5_b` does.
///
/// The variance is R's `fit$var` = (I + K)⁻¹, its sandwich `fit$var2` = (I + K)⁻¹ I (I + K)⁻¹,
/// and the effective degrees of freedom `fit$df` = tr((I + K)⁻¹ I), with I the unpenalised
/// information at β̂.
struct CoxRidgeNewtonRaphson {
    struct Outcome {
        /// The fit as the unpenalised iteration reports it; `variance` is (I + K)⁻¹ and
        /// `loglik` the unpenalised ℓ(β̂) (R's `fit$loglik[2]`).
        var fit: CoxNewtonRaphson.Outcome
        /// (I + K)⁻¹ I (I + K)⁻¹ on the scaled axis (R's `fit$var2`).
        var sandwich: [Double]
        /// tr((I + K)⁻¹ I) (R's `fit$df`).
        var degreesOfFreedom: Double
        /// (1/2)Σ kⱼβⱼ² at β̂ (R's `fit$penalty`).
        var penalty: Double
    }

    /// - Parameter weights: the diagonal of K on the scaled axis (``CoxRidgePenalty/scaledWeights(_:)``).
    /// - Complexity: O(iterations · (n·p² + p³)).
    static func fit(_ data: CoxRiskSets, ties: CoxTies, settings: CoxSettings, weights k: [Double]) -> Outcome {
        let p = data.columns
        var likelihood = CoxLikelihood(data: data, ties: ties)

        func penalty(_ b: [Double]) -> Double {
            var s = 0.0
            for j in 0..<p { s += k[j] * b[j] * b[j] }
            return s / 2
        }
        func penalisedInformation() -> [Double] {
            var h = likelihood.information
            for j in 0..<p { h[j * p + j] += k[j] }
            return h
        }
        func penalisedScore(_ b: [Double]) -> [Double] {
            (0..<p).map { likelihood.score[$0] - k[$0] * b[$0] }
        }

        var beta = [Double](repeating: 0, count: p)
        let loglikNull = likelihood.evaluate(at: beta)
        var factor = TolerantCholesky(symmetric: penalisedInformation(), dimension: p,
                                      tolerance: settings.cholTolerance)
        var iterations = 0
        var converged = false
        var best = loglikNull - penalty(beta)
        var bestLoglik = loglikNull
        var scoreAtBest = penalisedScore(beta)
        var information = likelihood.information
        if settings.maxIterations > 0 && loglikNull.isFinite {
            var trial = zip(beta, factor.solve(scoreAtBest)).map { $0 + $1 }
            for iteration in 1...settings.maxIterations {
                iterations = iteration
                let l = likelihood.evaluate(at: trial)
                let penalised = l - penalty(trial)
                let finite = penalised.isFinite && likelihood.information.allSatisfy(\.isFinite)
                if finite && CoxNewtonRaphson.relativeChange(best, penalised) <= settings.eps {
                    beta = trial
                    bestLoglik = l
                    scoreAtBest = penalisedScore(trial)
                    information = likelihood.information
                    factor = TolerantCholesky(symmetric: penalisedInformation(), dimension: p,
                                              tolerance: settings.cholTolerance)
                    converged = true
                    break
                }
                if !finite || penalised < best {
                    for j in 0..<p { trial[j] = (trial[j] + beta[j]) / 2 }
                } else {
                    best = penalised
                    bestLoglik = l
                    beta = trial
                    scoreAtBest = penalisedScore(trial)
                    information = likelihood.information
                    factor = TolerantCholesky(symmetric: penalisedInformation(), dimension: p,
                                              tolerance: settings.cholTolerance)
                    let step = factor.solve(scoreAtBest)
                    for j in 0..<p { trial[j] = beta[j] + step[j] }
                }
            }
        }
        let variance = factor.inverse()
        var sandwich = [Double](repeating: 0, count: p * p)
        var vi = [Double](repeating: 0, count: p * p)   // (I + K)⁻¹ I
        for i in 0..<p {
            for j in 0..<p {
                var s = 0.0
                for m in 0..<p { s += variance[i * p + m] * information[m * p + j] }
                vi[i * p + j] = s
            }
        }
        var trace = 0.0
        for i in 0..<p {
            trace += vi[i * p + i]
            for j in 0..<p {
                var s = 0.0
                for m in 0..<p { s += vi[i * p + m] * variance[m * p + j] }
                sandwich[i * p + j] = s
            }
        }
        let fit = CoxNewtonRaphson.Outcome(
            beta: beta, loglikNull: loglikNull, loglik: bestLoglik, scoreTest: .nan,
            iterations: iterations, converged: converged, variance: variance,
            aliased: factor.aliased, score: scoreAtBest)
        return Outcome(fit: fit, sandwich: sandwich, degreesOfFreedom: trace, penalty: penalty(beta))
    }
}
