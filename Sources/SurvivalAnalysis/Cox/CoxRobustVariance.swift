/// The robust (sandwich) variance of a Cox model and the robust score test, as R's
/// `coxph(..., robust = TRUE)` and `cluster()` compute them (Lin & Wei 1989).
///
/// D = weighted dfbeta residuals, Dᵢ = wᵢ·Lᵢ·I(β̂)⁻¹ with Lᵢ the score residual, summed within
/// each cluster (each row its own cluster by default); the robust variance is DᵀD. The robust
/// score test uses the weighted score residuals L⁰ at β = 0, summed within clusters:
/// U = Σ L⁰, statistic Uᵀ(L⁰ᵀL⁰)⁻U (R's `fit$rscore`, through `coxph.wtest`).
struct CoxRobustVariance {
    /// DᵀD on the scaled axis, row-major p × p.
    let variance: [Double]
    /// The robust score statistic.
    let scoreTest: Double

    /// - Parameter cluster: cluster code per input row (0..<clusterCount), or nil.
    /// - Complexity: O(n·p²).
    init(data: CoxRiskSets, estimate: CoxEstimate, ties: CoxTies, cluster: [Int32]?, clusterCount: Int,
         tolerance: Double) {
        let p = data.columns
        let n = data.count
        let groups = cluster == nil ? n : clusterCount
        func groupOf(_ sortedRow: Int) -> Int {
            cluster.map { Int($0[data.order[sortedRow]]) } ?? sortedRow
        }

        // dfbeta at β̂, collapsed by cluster.
        let eta = data.linearPredictor(scaledBeta: estimate.scaledBeta.map { $0.isNaN ? 0 : $0 })
        let residuals = CoxResiduals.scoreResiduals(data: data, eta: eta, ties: ties)
        let v = estimate.scaledVariance
        var dfbeta = [Double](repeating: 0, count: groups * p)
        for i in 0..<n {
            let g = groupOf(i)
            let w = data.weight[i]
            for k in 0..<p {
                var s = 0.0
                for j in 0..<p { s += residuals[i * p + j] * v[j * p + k] }
                dfbeta[g * p + k] += w * s
            }
        }
        variance = CoxRobustVariance.crossProduct(dfbeta, rows: groups, columns: p)

        // Score residuals at β = 0, collapsed by cluster.
        let zero = CoxResiduals.scoreResiduals(data: data, eta: [Double](repeating: 0, count: n), ties: ties)
        var collapsed = [Double](repeating: 0, count: groups * p)
        var u = [Double](repeating: 0, count: p)
        for i in 0..<n {
            let g = groupOf(i)
            for j in 0..<p {
                let l = data.weight[i] * zero[i * p + j]
                collapsed[g * p + j] += l
                u[j] += l
            }
        }
        let meat = CoxRobustVariance.crossProduct(collapsed, rows: groups, columns: p)
        scoreTest = TolerantCholesky(symmetric: meat, dimension: p, tolerance: tolerance).quadraticForm(u)
    }

    /// AᵀA for a row-major `rows × columns` matrix.
    static func crossProduct(_ a: [Double], rows: Int, columns p: Int) -> [Double] {
        var result = [Double](repeating: 0, count: p * p)
        for r in 0..<rows {
            for i in 0..<p {
                let ai = a[r * p + i]
                if ai == 0 { continue }
                for j in 0...i { result[i * p + j] += ai * a[r * p + j] }
            }
        }
        for i in 0..<p { for j in 0..<i { result[j * p + i] = result[i * p + j] } }
        return result
    }
}
