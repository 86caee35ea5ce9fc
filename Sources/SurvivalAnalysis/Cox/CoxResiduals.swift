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
        let entered = CoxEntryHazard(data, steps: steps, columns: 0)
        var cumulative = 0.0
        for (g, rows) in steps.groups.enumerated() {
            if rows.lowerBound > 0 && data.lastInStratum[rows.lowerBound - 1] { cumulative = 0 }
            for i in rows {
                let status = data.event[i] ? 1.0 : 0.0
                var hazard = cumulative + (data.event[i] ? steps.hazardDead[g] : steps.hazardAll[g])
                if let k = entered?.group(atEntryOf: i) { hazard -= entered!.hazard[k] }
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

    /// Score residuals Lᵢ = δᵢ(xᵢ − x̄_death) − rᵢ Σ_{sᵢ < t ≤ tᵢ} (xᵢ − x̄(t)) dΛ̂₀ᵢ(t) per sorted row
    /// (sᵢ = 0 for right-censored data; for (start, stop] data the sums up to sᵢ are subtracted, R's `agscore3`),
    /// on the scaled axis, row-major `n × p` (R's `coxscore2`, unweighted). R sums over the
    /// risk set for every death time (O(n²)); here the sums run as cumulative totals of
    /// Σ dΛ₀ and Σ x̄ dΛ₀, so the cost is O(n·p).
    static func scoreResiduals(data: CoxRiskSets, eta: [Double], ties: CoxTies) -> [Double] {
        let p = data.columns
        let risk = CoxHazardSteps.relativeRisk(eta)
        let steps = CoxHazardSteps(data, risk: risk, ties: ties, withMeans: true)
        var result = [Double](repeating: 0, count: data.count * p)
        let entered = CoxEntryHazard(data, steps: steps, columns: p)
        var hazard = 0.0
        var meanHazard = [Double](repeating: 0, count: p)
        for (g, rows) in steps.groups.enumerated() {
            if rows.lowerBound > 0 && data.lastInStratum[rows.lowerBound - 1] {
                hazard = 0
                for j in 0..<p { meanHazard[j] = 0 }
            }
            for i in rows {
                let dead = data.event[i]
                var h = hazard + (dead ? steps.hazardDead[g] : steps.hazardAll[g])
                let k = entered?.group(atEntryOf: i)
                if let k { h -= entered!.hazard[k] }
                for j in 0..<p {
                    let x = data.x[i * p + j]
                    var mh = meanHazard[j] + (dead ? steps.meanDead[g * p + j] : steps.meanAll[g * p + j])
                    if let k { mh -= entered!.meanHazard[k * p + j] }
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

/// Cumulative Λ̂₀ and Σ x̄ dΛ̂₀ of each stratum up to each (start, stop] row's start, so that a
/// row's residual integrates only over its own interval (start, stop]: the totals through the
/// last event time ≤ start are subtracted (a row is not at risk at its own start).
struct CoxEntryHazard {
    /// Inclusive cumulative hazard at each group, restarting at each stratum.
    let hazard: [Double]
    /// Inclusive cumulative Σ x̄ dΛ̂₀, `groups × p`.
    let meanHazard: [Double]
    /// For each sorted row, the group whose totals its start subtracts, or −1 (none).
    private let entryGroup: [Int32]

    /// nil for right-censored data.
    /// - Complexity: O(groups·p + n log n) (a binary search per row).
    init?(_ data: CoxRiskSets, steps: CoxHazardSteps, columns p: Int) {
        guard let entry = data.entry else { return nil }
        let g = steps.groups.count
        var hazard = [Double](repeating: 0, count: g)
        var meanHazard = [Double](repeating: 0, count: g * p)
        var groupTime = [Double](repeating: 0, count: g)
        var firstGroup = [Int](repeating: 0, count: data.strataCount)
        var lastGroup = [Int](repeating: -1, count: data.strataCount)
        var h = 0.0
        var m = [Double](repeating: 0, count: p)
        for (k, rows) in steps.groups.enumerated() {
            let s = Int(data.stratum[rows.lowerBound])
            if rows.lowerBound == data.stratumFirst[s] {
                h = 0
                for j in 0..<p { m[j] = 0 }
                firstGroup[s] = k
            }
            lastGroup[s] = k
            h += steps.hazardAll[k]
            hazard[k] = h
            for j in 0..<p {
                if !steps.meanAll.isEmpty { m[j] += steps.meanAll[k * p + j] }
                meanHazard[k * p + j] = m[j]
            }
            groupTime[k] = data.time[rows.lowerBound]
        }
        var entryGroup = [Int32](repeating: -1, count: data.count)
        for i in 0..<data.count {
            let s = Int(data.stratum[i])
            var lo = firstGroup[s] - 1, hi = lastGroup[s] + 1   // groupTime[lo] ≤ entry < groupTime[hi]
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if groupTime[mid] <= entry[i] { lo = mid } else { hi = mid }
            }
            entryGroup[i] = Int32(lo >= firstGroup[s] ? lo : -1)
        }
        self.hazard = hazard
        self.meanHazard = meanHazard
        self.entryGroup = entryGroup
    }

    /// The group whose totals row i's start subtracts, or nil.
    @inline(__always) func group(atEntryOf i: Int) -> Int? {
        let k = entryGroup[i]
        return k < 0 ? nil : Int(k)
    }
}
