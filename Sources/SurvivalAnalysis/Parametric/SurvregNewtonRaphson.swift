/// Newton–Raphson maximisation of a ``SurvregLikelihood`` with survival's `survreg6` rules:
/// convergence when the relative (or absolute) change of the log-likelihood after a full step
/// is ≤ eps; when a step lowers the log-likelihood or gives a non-finite value the new point is
/// moved to (new + 2·old)/3, and on the first such retreat no log σ may fall by more than 1.1;
/// when the information is not positive definite the step uses the outer-product matrix.
struct SurvregNewtonRaphson {
    struct Result {
        var beta: [Double]
        var loglik: Double
        /// Inverse information (the model-based variance), row-major p × p.
        var variance: [Double]
        var iterations: Int
        var converged: Bool
    }

    let likelihood: SurvregLikelihood
    let eps: Double
    let maxIterations: Int

    private func step(_ e: SurvregLikelihood.Evaluation, p: Int) -> [Double] {
        let chol = SurvregCholesky(symmetric: e.information, dimension: p)
        if chol.positiveDefinite { return chol.solve(e.score) }
        return SurvregCholesky(symmetric: e.outer, dimension: p).solve(e.score)
    }

    private func isBad(_ e: SurvregLikelihood.Evaluation, p: Int) -> Bool {
        if !e.loglik.isFinite { return true }
        for j in 0..<p where !e.information[j * p + j].isFinite || !e.score[j].isFinite { return true }
        return false
    }

    /// - Complexity: O(iterations · n · p²).
    func run(from start: [Double]) -> Result {
        let p = likelihood.parameters
        let nvar = likelihood.nvar
        var beta = start
        let first = likelihood.evaluate(beta)
        var loglik = first.loglik
        let u = step(first, p: p)
        var newBeta = (0..<p).map { beta[$0] + u[$0] }
        if maxIterations == 0 {
            return Result(beta: beta, loglik: loglik,
                          variance: SurvregCholesky(symmetric: first.information, dimension: p).inverse(),
                          iterations: 0, converged: false)
        }
        var halving = 0
        var current = likelihood.evaluate(newBeta)
        for iteration in 1...maxIterations {
            let newlk = current.loglik
            let bad = isBad(current, p: p)
            if !bad && halving == 0 && (abs(1 - loglik / newlk) <= eps || abs(loglik - newlk) <= eps) {
                return Result(beta: newBeta, loglik: newlk,
                              variance: SurvregCholesky(symmetric: current.information, dimension: p).inverse(),
                              iterations: iteration, converged: true)
            }
            if bad || newlk < loglik {
                halving += 1
                for i in 0..<p { newBeta[i] = (newBeta[i] + 2 * beta[i]) / 3 }
                if halving == 1 {
                    for i in nvar..<p where beta[i] - newBeta[i] > 1.1 { newBeta[i] = beta[i] - 1.1 }
                }
            } else {
                halving = 0
                loglik = newlk
                let u = step(current, p: p)
                beta = newBeta
                for i in 0..<p { newBeta[i] += u[i] }
            }
            current = likelihood.evaluate(newBeta)
        }
        // Out of iterations: keep the last step if it was an improvement (as survreg6).
        if halving == 0 && current.loglik.isFinite && current.loglik >= loglik {
            // survreg6 keeps the step but not its log-likelihood; R reports the previous one.
            return Result(beta: newBeta, loglik: loglik,
                          variance: SurvregCholesky(symmetric: current.information, dimension: p).inverse(),
                          iterations: maxIterations, converged: false)
        }
        let last = likelihood.evaluate(beta)
        return Result(beta: beta, loglik: loglik,
                      variance: SurvregCholesky(symmetric: last.information, dimension: p).inverse(),
                      iterations: maxIterations, converged: false)
    }
}
