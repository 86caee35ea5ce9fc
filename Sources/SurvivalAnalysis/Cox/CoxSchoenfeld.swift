/// Schoenfeld and scaled Schoenfeld residuals of a fitted Cox model, one row per event, as R's
/// `residuals(fit, "schoenfeld" | "scaledsch")` (survival 3.5, C routine `coxscho`):
///
///   rᵢ = xᵢ − x̄(tᵢ),   r*ᵢ = d·V·rᵢ + β̂
///
/// with x̄(t) the risk-weighted covariate mean of the risk set at t — for Efron ties the
/// average over the d steps of that time, as `coxscho` — V the model-based variance (R uses
/// `fit$naive.var` when robust, else `fit$var`) and d the number of events (unweighted,
/// R's `ndead`). The scaled residuals are those `cox.zph` regresses on g(t) (Grambsch &
/// Therneau 1994). Rows follow R's order: by stratum, then time, tied events in data order.
public struct CoxSchoenfeld: Sendable {
    /// The data row (input order, from 0) of each event.
    public let rows: [Int]
    /// The time of each event.
    public let time: [Double]
    /// rᵢ, `events × columns`, row-major, in the covariates' units.
    public let residuals: [Double]
    /// r*ᵢ, `events × columns`, row-major.
    public let scaled: [Double]
    /// Number of columns p.
    public let columns: Int
}

extension CoxModel {
    /// Schoenfeld and scaled Schoenfeld residuals, one row per event.
    /// - Complexity: O(n·p + events·p²).
    public func schoenfeldResiduals() -> CoxSchoenfeld {
        let data = riskSets
        let p = data.columns
        let scaledBeta = estimate.scaledBeta.map { $0.isNaN ? 0 : $0 }
        let eta = data.linearPredictor(scaledBeta: scaledBeta)
        let steps = CoxHazardSteps(data, risk: CoxHazardSteps.relativeRisk(eta), ties: options.ties, withMeans: true)
        let v = estimate.scaledVariance
        let c = estimate.scales
        let deaths = Double(data.eventCount)
        var rows: [Int] = [], time: [Double] = [], residuals: [Double] = [], scaled: [Double] = []
        var r = [Double](repeating: 0, count: p)
        for (g, group) in steps.groups.enumerated() {
            for i in group where data.event[i] {
                rows.append(data.order[i])
                time.append(data.time[i])
                // On the internal axis x_s = c·(x − x̄), so r = r_s / c and V = c·V_s·c.
                for j in 0..<p { r[j] = data.x[i * p + j] - steps.deathMean[g * p + j] }
                for k in 0..<p {
                    residuals.append(r[k] / c[k])
                    var s = 0.0
                    for j in 0..<p { s += r[j] * v[j * p + k] }
                    let beta = estimate.coefficients[k]
                    scaled.append(estimate.aliased[k] ? .nan : deaths * s * c[k] + beta)
                }
            }
        }
        return CoxSchoenfeld(rows: rows, time: time, residuals: residuals, scaled: scaled, columns: p)
    }
}
