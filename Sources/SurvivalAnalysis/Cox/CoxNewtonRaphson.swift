/// Newton–Raphson maximisation of the Cox partial likelihood from β = 0, as R's `coxfit6`.
///
/// Each iteration evaluates ℓ, U and I at the trial β̃ (one O(n·p²) pass) and then:
/// - stops, converged, when every value is finite and |1 − ℓ_best/ℓ(β̃)| ≤ eps;
/// - otherwise, if ℓ(β̃) fell below the best ℓ so far or anything is non-finite, halves
///   back towards the last accepted β: after the h-th successive failure
///   β̃ ← (β̃ + h·β)/(h + 1) (R 3.5's "more aggressive" halving: ½, then ⅓ of the way, …);
/// - else accepts β̃ and takes the Newton step β̃ + I⁻¹U.
/// The score test is UᵀI⁻¹U at β = 0, before the first step. When the iteration limit is
/// reached, the last accepted β (the best ℓ) is returned with its own U and I.
struct CoxNewtonRaphson {
    struct Outcome {
        /// β on the scaled axis of ``CoxRiskSets``.
        var beta: [Double]
        var loglikNull: Double
        var loglik: Double
        var scoreTest: Double
        /// Newton iterations performed (at most the limit; R's `fit$iter` reads limit + 1
        /// when it runs out).
        var iterations: Int
        var converged: Bool
        /// I(β)⁻¹ with zero rows and columns for aliased columns, on the scaled axis.
        var variance: [Double]
        var aliased: [Bool]
        /// U at the returned β, on the scaled axis.
        var score: [Double]
    }

    /// - Complexity: O(iterations · n · p² + iterations · p³).
    static func fit(_ data: CoxRiskSets, ties: CoxTies, settings: CoxSettings) -> Outcome {
        let p = data.columns
        var likelihood = CoxLikelihood(data: data, ties: ties)
        var beta = [Double](repeating: 0, count: p)
        let loglikNull = likelihood.evaluate(at: beta)
        var factor = TolerantCholesky(symmetric: likelihood.information, dimension: p,
                                      tolerance: settings.cholTolerance)
        let step = factor.solve(likelihood.score)
        var scoreTest = 0.0
        for k in 0..<p { scoreTest += likelihood.score[k] * step[k] }

        func outcome(_ beta: [Double], loglik: Double, iterations: Int, converged: Bool) -> Outcome {
            Outcome(beta: beta, loglikNull: loglikNull, loglik: loglik, scoreTest: scoreTest,
                    iterations: iterations, converged: converged, variance: factor.inverse(),
                    aliased: factor.aliased, score: likelihood.score)
        }
        if settings.maxIterations == 0 || !loglikNull.isFinite {
            return outcome(beta, loglik: loglikNull, iterations: 0, converged: false)
        }

        var best = loglikNull
        var trial = zip(beta, step).map { $0 + $1 }
        var halving = 0
        var evaluatedAtBeta = true
        for iteration in 1...settings.maxIterations {
            let newLoglik = likelihood.evaluate(at: trial)
            factor = TolerantCholesky(symmetric: likelihood.information, dimension: p,
                                      tolerance: settings.cholTolerance)
            let finite = newLoglik.isFinite && likelihood.score.allSatisfy(\.isFinite)
                && likelihood.information.allSatisfy(\.isFinite)
            if finite && CoxNewtonRaphson.relativeChange(best, newLoglik) <= settings.eps {
                return outcome(trial, loglik: newLoglik, iterations: iteration, converged: true)
            }
            if !finite || newLoglik < best {
                halving += 1
                let h = Double(halving)
                for k in 0..<p { trial[k] = (trial[k] + h * beta[k]) / (h + 1) }
                evaluatedAtBeta = false
            } else {
                halving = 0
                best = newLoglik
                let step = factor.solve(likelihood.score)
                beta = trial
                for k in 0..<p { trial[k] = beta[k] + step[k] }
                evaluatedAtBeta = true
            }
        }
        // Out of iterations: report the best β with U and I evaluated there. (R 3.5-3 also
        // re-evaluates, but then inverts only the diagonal of I; survkit inverts all of it.)
        if !evaluatedAtBeta { _ = likelihood.evaluate(at: beta) }
        factor = TolerantCholesky(symmetric: likelihood.information, dimension: p,
                                  tolerance: settings.cholTolerance)
        return outcome(beta, loglik: best, iterations: settings.maxIterations, converged: false)
    }

    /// |1 − old/new|, R's convergence measure; 0 when both are 0 (a likelihood that does not
    /// depend on β, e.g. a single event with no one else at risk), where R's 0/0 never converges.
    static func relativeChange(_ old: Double, _ new: Double) -> Double {
        if old == new { return 0 }
        return abs(1 - old / new)
    }
}
