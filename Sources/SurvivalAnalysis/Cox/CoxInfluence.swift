/// Per-row score residuals and the influence of each row on the coefficients, as R's
/// `residuals(fit, type = "score" | "dfbeta" | "dfbetas")` (survival 3.5): score residuals
/// Lᵢ unweighted; dfbeta Dᵢ = wᵢ·Lᵢ·V and dfbetas Dᵢⱼ/√Vⱼⱼ, with V the model-based variance
/// (R's `fit$naive.var` when robust, else `fit$var`). All n × p, row-major, in the data's row
/// order, in the covariates' units.
public struct CoxInfluence: Sendable {
    /// Score residuals Lᵢⱼ = ∂ℓᵢ/∂βⱼ.
    public let score: [Double]
    /// The approximate change in β when row i is left out.
    public let dfbeta: [Double]
    /// dfbeta scaled by the coefficients' standard errors.
    public let dfbetas: [Double]
    /// Number of columns p.
    public let columns: Int
}

extension CoxModel {
    /// Score, dfbeta and dfbetas residuals per used row, in the data's row order.
    /// - Complexity: O(n·p²).
    public func influence() -> CoxInfluence {
        let data = riskSets
        let p = data.columns
        let n = data.count
        let scaledBeta = estimate.scaledBeta.map { $0.isNaN ? 0 : $0 }
        let eta = data.linearPredictor(scaledBeta: scaledBeta)
        let residuals = CoxResiduals.scoreResiduals(data: data, eta: eta, ties: options.ties)
        let v = estimate.scaledVariance
        let scales = estimate.scales
        var score = [Double](repeating: 0, count: n * p)
        var dfbeta = score
        var dfbetas = score
        for i in 0..<n {
            let row = data.order[i]
            for k in 0..<p {
                // β = c·β_s on the scaled axis, so L = L_s/c and dfbeta = c·dfbeta_s.
                score[row * p + k] = residuals[i * p + k] / scales[k]
                var s = 0.0
                for j in 0..<p { s += residuals[i * p + j] * v[j * p + k] }
                let d = data.weight[i] * s * scales[k]
                dfbeta[row * p + k] = d
                let se = estimate.standardErrors[k]
                dfbetas[row * p + k] = estimate.aliased[k] ? 0 : d / se
            }
        }
        return CoxInfluence(score: score, dfbeta: dfbeta, dfbetas: dfbetas, columns: p)
    }
}
