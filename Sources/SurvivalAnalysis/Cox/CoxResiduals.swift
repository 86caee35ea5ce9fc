import PlatformSupport

/// Per-subject residuals of a fitted Cox model, in the data's row order.
public struct CoxResiduals: Sendable {
    /// Mᵢ = δᵢ − exp(ηᵢ)·Λ̂₀(tᵢ) (R's `residuals(fit, "martingale")`, unweighted). With Efron
    /// ties a subject dying at t gets only the share Σₖ(1 − k/d)·w̄/S₀ₖ of that time's hazard.
    public let martingale: [Double]
    /// sign(M)·√(−2[M + δ log(δ − M)]) (R's `residuals(fit, "deviance")`).
    public let deviance: [Double]
    /// Linear predictor η = β·(x − x̄) with R's centring (`fit$linear.predictors`).
    public let linearPredictor: [Double]

    init(data: CoxRiskSets, scaledBeta: [Double], ties: CoxTies) {
        let n = data.count
        let eta = data.linearPredictor(scaledBeta: scaledBeta)
        let risk = CoxHazardSteps.relativeRisk(eta)
        let steps = CoxHazardSteps(data, risk: risk, ties: ties, withMeans: false)
        var martingale = [Double](repeating: 0, count: n)
        var deviance = [Double](repeating: 0, count: n)
        var linear = [Double](repeating: 0, count: n)
        var cumulative = 0.0
        for (g, rows) in steps.groups.enumerated() {
            if rows.lowerBound > 0 && data.lastInStratum[rows.lowerBound - 1] { cumulative = 0 }
            for i in rows {
                let status = data.event[i] ? 1.0 : 0.0
                let hazard = cumulative + (data.event[i] ? steps.hazardDead[g] : steps.hazardAll[g])
                let m = status - risk[i] * hazard
                let row = data.order[i]
                martingale[row] = m
                deviance[row] = CoxResiduals.deviance(martingale: m, status: status)
                linear[row] = eta[i]
            }
            cumulative += steps.hazardAll[g]
        }
        self.martingale = martingale
        self.deviance = deviance
        self.linearPredictor = linear
    }

    static func deviance(martingale m: Double, status: Double) -> Double {
        let inner = status == 0 ? m : m + status * log(status - m)
        let d = (-2 * inner).squareRoot()
        return m < 0 ? -d : (m > 0 ? d : 0)
    }

    /// Score residuals Lᵢ = δᵢ(xᵢ − x̄_death) − rᵢ Σ_{t ≤ tᵢ} (xᵢ − x̄(t)) dΛ̂₀ᵢ(t) per sorted row,
    /// on the scaled axis, row-major `n × p` (R's `coxscore2`, unweighted). R sums over the
    /// risk set for every death time (O(n²)); here the sums run as cumulative totals of
    /// Σ dΛ₀ and Σ x̄ dΛ₀, so the cost is O(n·p).
    static func scoreResiduals(data: CoxRiskSets, eta: [Double], ties: CoxTies) -> [Double] {
        let p = data.columns
        let risk = CoxHazardSteps.relativeRisk(eta)
        let steps = CoxHazardSteps(data, risk: risk, ties: ties, withMeans: true)
        var result = [Double](repeating: 0, count: data.count * p)
        var hazard = 0.0
        var meanHazard = [Double](repeating: 0, count: p)
        for (g, rows) in steps.groups.enumerated() {
            if rows.lowerBound > 0 && data.lastInStratum[rows.lowerBound - 1] {
                hazard = 0
                for j in 0..<p { meanHazard[j] = 0 }
            }
            for i in rows {
                let dead = data.event[i]
                let h = hazard + (dead ? steps.hazardDead[g] : steps.hazardAll[g])
                for j in 0..<p {
                    let x = data.x[i * p + j]
                    let mh = meanHazard[j] + (dead ? steps.meanDead[g * p + j] : steps.meanAll[g * p + j])
                    var l = -risk[i] * (x * h - mh)
                    if dead { l += x - steps.deathMean[g * p + j] }
                    result[i * p + j] = l
                }
            }
            hazard += steps.hazardAll[g]
            for j in 0..<p { meanHazard[j] += steps.meanAll[g * p + j] }
        }
        return result
    }
}

extension CoxModel {
    /// Martingale and deviance residuals per used row, in the data's row order.
    /// - Complexity: O(n).
    public func residuals() -> CoxResiduals {
        CoxResiduals(data: riskSets, scaledBeta: estimate.scaledBeta.map { $0.isNaN ? 0 : $0 }, ties: options.ties)
    }
}
