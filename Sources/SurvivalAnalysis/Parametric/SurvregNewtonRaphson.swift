/// Newton–Raphson maximisation of a ``SurvregLikelihood`` with the rules of `survreg6` in
/// survival 3.5-3 (the version survkit matches; survival ≥ 3.7-1 changed them): convergence when
/// |1 − L_old/L_new| ≤ eps after a full step; when a step lowers the log-likelihood the step is
/// halved up to five times, and on the first halving no log σ may fall by more than 1.1 below
/// the last good value; when the information is not positive definite the step uses the
/// outer-product matrix. Out of iterations, the last point is kept, as R does.
///
/// One deliberate difference: a non-finite log-likelihood is halved like a decrease (3.5-3's
/// loop compares with `<`, which is false for NaN, and so never backs away; fixed in 3.7-1).
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

    private func step(_ e: SurvregLikelihood.Evaluation, at beta: [Double], p: Int) -> [Double] {
        let chol = PivotDroppingCholesky(symmetric: e.information, dimension: p, threshold: .survreg)
        if chol.positiveDefinite { return chol.solve(e.score) }
        let outer = likelihood.evaluate(beta, outer: true).outer
        return PivotDroppingCholesky(symmetric: outer, dimension: p, threshold: .survreg).solve(e.score)
    }

    private func worse(_ newlk: Double, than loglik: Double) -> Bool { !newlk.isFinite || newlk < loglik }

    /// - Complexity: O(iterations · n · p²).
    func run(from start: [Double]) -> Result {
        let p = likelihood.parameters
        let nvar = likelihood.nvar
        var beta = start
        let first = likelihood.evaluate(beta)
        var loglik = first.loglik
        let u = step(first, at: beta, p: p)
        var newBeta = (0..<p).map { beta[$0] + u[$0] }
        if maxIterations == 0 {
            return Result(beta: beta, loglik: loglik,
                          variance: PivotDroppingCholesky(symmetric: first.information, dimension: p, threshold: .survreg).inverse(),
                          iterations: 0, converged: false)
        }
        var halving = 0
        var current = likelihood.evaluate(newBeta)
        for iteration in 1...maxIterations {
            let newlk = current.loglik
            if newlk.isFinite && halving == 0 && abs(1 - loglik / newlk) <= eps {
                return Result(beta: newBeta, loglik: newlk,
                              variance: PivotDroppingCholesky(symmetric: current.information, dimension: p, threshold: .survreg).inverse(),
                              iterations: iteration, converged: true)
            }
            if worse(newlk, than: loglik) {
                var trial = newlk
                var j = 0
                while j < 5 && worse(trial, than: loglik) {
                    halving += 1
                    for i in 0..<p { newBeta[i] = (newBeta[i] + beta[i]) / 2 }
                    if halving == 1 {
                        for i in nvar..<p where beta[i] - newBeta[i] > 1.1 { newBeta[i] = beta[i] - 1.1 }
                    }
                    trial = likelihood.loglik(newBeta)
                    j += 1
                }
            } else {
                halving = 0
                loglik = newlk
                let u = step(current, at: newBeta, p: p)
                beta = newBeta
                for i in 0..<p { newBeta[i] += u[i] }
            }
            current = likelihood.evaluate(newBeta)
        }
        // Out of iterations: survreg6 (3.5-3) keeps the last point and its log-likelihood.
        return Result(beta: newBeta, loglik: current.loglik,
                      variance: PivotDroppingCholesky(symmetric: current.information, dimension: p, threshold: .survreg).inverse(),
                      iterations: maxIterations, converged: false)
    }
}
