import PlatformSupport

/// The baseline-hazard increments of a fitted Cox model at each distinct (stratum, time),
/// shared by the martingale and score residuals (R's `coxmart`, `coxscore2`) and by the
/// predicted curves (R's `agsurv`).
///
/// With S₀ = Σ wᵢrᵢ over the risk set at t, D₀ the same over the d deaths at t, w̄ their mean
/// weight and, for Efron, the d steps k = 0…d−1 with S₀ₖ = S₀ − (k/d)D₀:
/// - `hazardAll` = Σₖ w̄/S₀ₖ — the increment for everyone at risk who does not die at t
///   (Breslow: Σw/S₀); also survfit's hazard;
/// - `hazardDead` = Σₖ (1 − k/d)·w̄/S₀ₖ — the increment of the deaths themselves (Efron
///   removes a dying subject from the later steps);
/// - `varianceStep` = Σₖ w̄/S₀ₖ² — survfit's `varhaz` increment;
/// and, per column on the internal scaled axis, with x̄ₖ = (S₁ − (k/d)D₁)/S₀ₖ:
/// - `meanAll` = Σₖ x̄ₖ·w̄/S₀ₖ (survfit's `xbar` increment), `meanDead` = Σₖ (1 − k/d)x̄ₖ·w̄/S₀ₖ,
///   `deathMean` = (1/d)Σₖ x̄ₖ (what a death's score residual subtracts).
struct CoxHazardSteps {
    /// Sorted rows of each group (same stratum and time), in ascending sorted order.
    var groups: [Range<Int>] = []
    var hazardAll: [Double] = []
    var hazardDead: [Double] = []
    var varianceStep: [Double] = []
    /// `groups.count × p`, row-major; empty when built without covariate means.
    var meanAll: [Double] = []
    var meanDead: [Double] = []
    var deathMean: [Double] = []

    /// - Parameters:
    ///   - risk: exp(η) per sorted row (unweighted; weights are applied here).
    ///   - withMeans: also compute the covariate-mean increments (O(n·p) extra).
    /// - Complexity: O(n·p + deaths·p).
    init(_ data: CoxRiskSets, risk: [Double], ties: CoxTies, withMeans: Bool) {
        let n = data.count
        let p = withMeans ? data.columns : 0
        var reversedGroups: [Range<Int>] = []
        var all: [Double] = [], dead: [Double] = [], variance: [Double] = []
        var mAll: [Double] = [], mDead: [Double] = [], dMean: [Double] = []
        var denom = 0.0
        var a = [Double](repeating: 0, count: p)
        var a2 = [Double](repeating: 0, count: p)
        var xbar = [Double](repeating: 0, count: p)
        var blockAll = [Double](repeating: 0, count: p)
        var blockDead = [Double](repeating: 0, count: p)
        var blockMean = [Double](repeating: 0, count: p)
        var end = n
        // (start, stop] data: rows leave the risk set as t falls to their start (see ``CoxLikelihood``).
        var leaving = n - 1, floor = 0, atRisk = 0
        while end > 0 {
            if data.lastInStratum[end - 1] {
                denom = 0
                for j in 0..<p { a[j] = 0 }
                leaving = end - 1
                floor = data.stratumFirst[Int(data.stratum[end - 1])]
                atRisk = 0
            }
            if let entry = data.entry, let byStart = data.byStart {
                let t = data.time[end - 1]
                while leaving >= floor, entry[Int(byStart[leaving])] >= t {
                    let row = Int(byStart[leaving])
                    leaving -= 1
                    atRisk -= 1
                    if atRisk == 0 {
                        denom = 0
                        for j in 0..<p { a[j] = 0 }
                    } else {
                        let r = risk[row] * data.weight[row]
                        denom -= r
                        for j in 0..<p { a[j] -= r * data.x[row * p + j] }
                    }
                }
            }
            var start = end - 1
            while start > 0 && data.time[start - 1] == data.time[end - 1] && !data.lastInStratum[start - 1] {
                start -= 1
            }
            atRisk += end - start
            var deaths = 0
            var deadWeight = 0.0
            var deadRisk = 0.0
            for j in 0..<p { a2[j] = 0 }
            for i in start..<end {
                let r = risk[i] * data.weight[i]
                denom += r
                for j in 0..<p { a[j] += r * data.x[i * p + j] }
                if data.event[i] {
                    deaths += 1
                    deadWeight += data.weight[i]
                    deadRisk += r
                    for j in 0..<p { a2[j] += r * data.x[i * p + j] }
                }
            }
            var hAll = 0.0, hDead = 0.0, v = 0.0
            for j in 0..<p { blockAll[j] = 0; blockDead[j] = 0; blockMean[j] = 0 }
            if deaths > 0 {
                let efron = ties == .efron && deaths > 1
                let steps = efron ? deaths : 1
                let d = Double(steps)
                let meanWeight = deadWeight / d
                for k in 0..<steps {
                    let down = efron ? Double(k) / d : 0
                    let s0 = denom - down * deadRisk
                    let h = meanWeight / s0
                    hAll += h
                    hDead += h * (1 - down)
                    v += meanWeight / (s0 * s0)
                    for j in 0..<p {
                        xbar[j] = (a[j] - down * a2[j]) / s0
                        blockAll[j] += xbar[j] * h
                        blockDead[j] += xbar[j] * h * (1 - down)
                        blockMean[j] += xbar[j] / d
                    }
                }
            }
            reversedGroups.append(start..<end)
            all.append(hAll); dead.append(hDead); variance.append(v)
            mAll += blockAll; mDead += blockDead; dMean += blockMean
            end = start
        }
        let g = reversedGroups.count
        groups = reversedGroups.reversed()
        hazardAll = all.reversed()
        hazardDead = dead.reversed()
        varianceStep = variance.reversed()
        if p > 0 {
            meanAll = [Double](repeating: 0, count: g * p)
            meanDead = meanAll
            deathMean = meanAll
            for r in 0..<g {
                let source = (g - 1 - r) * p
                for j in 0..<p {
                    meanAll[r * p + j] = mAll[source + j]
                    meanDead[r * p + j] = mDead[source + j]
                    deathMean[r * p + j] = dMean[source + j]
                }
            }
        }
    }

    /// exp(η) for each sorted row, shifted down when it would overflow (the shift cancels in
    /// every quantity built from it, as in R's `coxph.fit` residual step).
    static func relativeRisk(_ eta: [Double]) -> [Double] {
        let top = eta.max() ?? 0
        let shift = top > 700 ? top - 1 : 0
        return eta.map { exp($0 - shift) }
    }
}
