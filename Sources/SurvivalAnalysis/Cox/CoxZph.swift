import PlatformSupport
import GSLSupport

/// The proportional-hazards test of Grambsch & Therneau (1994) as R's `cox.zph` (survival
/// 3.5, default `transform = "km"`): a score test, at the fitted β and γ = 0, of the extended
/// model with terms x·g(t), g(t) = 1 − Ŝ(t−) of the pooled unweighted Kaplan–Meier, centred
/// to mean 0 over the events.
///
/// With U_g = Σ_deaths g(t)(xᵢ − x̄(t)) and the information of the extended model
/// [[I, I_g], [I_g, I_gg]], I_g = Σ g(t)V(t), I_gg = Σ g(t)²V(t) (V the weighted risk-set
/// covariance, Efron-adjusted as in the fit), the test for a term with columns J is
/// U_Jᵀ [A⁻¹]_JJ U_J where A is the information restricted to all β columns and the J columns
/// of γ; GLOBAL uses every γ column. The β score is zero at the fit, as R takes it.
public struct CoxZph: Sendable {
    /// One line of R's `cox.zph` table: a term's (or the GLOBAL) score test.
    public struct Row: Sendable {
        /// The term's name, or `GLOBAL`.
        public let term: String
        /// The score statistic, χ² on `df` degrees of freedom under proportional hazards.
        public let chisq: Double
        /// Degrees of freedom: the term's estimable columns.
        public let df: Int
        /// Upper-tail χ² p-value.
        public let pValue: Double
    }
    /// The time transform g(t) used (R's `transform =`, default `"km"`).
    public let transform: String
    /// One row per term with an estimable column, in model order.
    public let terms: [Row]
    /// The global test over all terms (R's `GLOBAL` row).
    public let global: Row
}

extension CoxModel {
    /// R's `cox.zph(fit, transform =)` table.
    /// - Complexity: O(n log n + n·p² + p³·terms).
    public func proportionalHazardsTest(transform: CoxZphTransform = .km) -> CoxZph {
        let p = riskSets.columns
        let q = 2 * p
        let g = transform == .km ? CoxModel.kaplanMeierTransform(riskSets) : transform.centred(riskSets)
        let (u, info) = zphScores(timeWeights: g)

        let kept = (0..<p).filter { !estimate.aliased[$0] }
        func test(_ name: String, gammaColumns: [Int]) -> CoxZph.Row {
            let index = kept + gammaColumns.map { p + $0 }
            let m = index.count
            var sub = [Double](repeating: 0, count: m * m)
            for (r, i) in index.enumerated() { for (c, j) in index.enumerated() { sub[r * m + c] = info[i * q + j] } }
            let score = index.map { $0 >= p ? u[$0] : 0 }
            let chisq = TolerantCholesky(symmetric: sub, dimension: m, tolerance: options.settings.cholTolerance)
                .quadraticForm(score)
            let df = gammaColumns.count
            return CoxZph.Row(term: name, chisq: chisq, df: df,
                              pValue: ChiSquared.upperTail(max(chisq, 0), degreesOfFreedom: Double(df)))
        }
        var rows: [CoxZph.Row] = []
        for term in terms {
            let columns = term.columns.filter { !estimate.aliased[$0] }
            if !columns.isEmpty { rows.append(test(term.name, gammaColumns: columns)) }
        }
        return CoxZph(transform: transform.rawValue, terms: rows, global: test("GLOBAL", gammaColumns: kept))
    }

    /// One backward pass as R's `zph1` (survival/src/zph1.c) on the scaled axis: the score
    /// U (β part, then the g(t)-weighted part) and the 2p × 2p information of the extended
    /// model, at the fitted β, for the centred time weights `g` (one per sorted row).
    /// - Complexity: O(n·p²).
    func zphScores(timeWeights g: [Double]) -> (u: [Double], info: [Double]) {
        let data = riskSets
        let n = data.count
        let p = data.columns
        let q = 2 * p
        let beta = estimate.scaledBeta.map { $0.isNaN ? 0 : $0 }
        let eta = data.linearPredictor(scaledBeta: beta)
        // Risk-set sums a, cmat; deaths' a2, cmat2.
        var u = [Double](repeating: 0, count: q)
        // Lower triangles (k ≤ j) of the blocks ΣV, Σg·V and Σg²·V.
        var block0 = [Double](repeating: 0, count: p * p), block1 = block0, block2 = block0
        var a = [Double](repeating: 0, count: p), a2 = a
        var cmat = [Double](repeating: 0, count: p * p), cmat2 = cmat
        var denom = 0.0
        var end = n
        while end > 0 {
            if data.lastInStratum[end - 1] {
                denom = 0
                for j in 0..<p { a[j] = 0 }
                for k in cmat.indices { cmat[k] = 0 }
            }
            var start = end - 1
            while start > 0 && data.time[start - 1] == data.time[end - 1] && !data.lastInStratum[start - 1] {
                start -= 1
            }
            let gt = g[end - 1]
            var deaths = 0, deadWeight = 0.0, deadRisk = 0.0
            for j in 0..<p { a2[j] = 0 }
            for k in cmat2.indices { cmat2[k] = 0 }
            for i in start..<end {
                let r = exp(eta[i]) * data.weight[i]
                let x = data.x
                if data.event[i] {
                    deaths += 1
                    deadWeight += data.weight[i]
                    deadRisk += r
                    for j in 0..<p {
                        let xj = x[i * p + j]
                        u[j] += data.weight[i] * xj
                        u[p + j] += gt * data.weight[i] * xj
                        a2[j] += r * xj
                        for k in 0...j { cmat2[j * p + k] += r * xj * x[i * p + k] }
                    }
                } else {
                    denom += r
                    for j in 0..<p {
                        let xj = x[i * p + j]
                        a[j] += r * xj
                        for k in 0...j { cmat[j * p + k] += r * xj * x[i * p + k] }
                    }
                }
            }
            if deaths > 0 {
                let efron = options.ties == .efron
                let steps = efron ? deaths : 1
                let d = Double(steps)
                let meanWeight = deadWeight / d
                for _ in 0..<steps {
                    denom += deadRisk / d
                    for j in 0..<p {
                        a[j] += a2[j] / d
                        let mean = a[j] / denom
                        u[j] -= meanWeight * mean
                        u[p + j] -= gt * meanWeight * mean
                        for k in 0...j {
                            cmat[j * p + k] += cmat2[j * p + k] / d
                            let v = meanWeight * (cmat[j * p + k] - mean * a[k]) / denom
                            block0[j * p + k] += v
                            block1[j * p + k] += gt * v
                            block2[j * p + k] += gt * gt * v
                        }
                    }
                }
            }
            end = start
        }
        var info = [Double](repeating: 0, count: q * q)
        for j in 0..<p {
            for k in 0...j {
                info[j * q + k] = block0[j * p + k]; info[k * q + j] = block0[j * p + k]
                info[(p + j) * q + p + k] = block2[j * p + k]; info[(p + k) * q + p + j] = block2[j * p + k]
                let cross = block1[j * p + k]
                info[j * q + p + k] = cross; info[k * q + p + j] = cross
                info[(p + k) * q + j] = cross; info[(p + j) * q + k] = cross
            }
        }

        return (u, info)
    }

    /// g(tᵢ) = 1 − Ŝ(tᵢ−) − mean over events, Ŝ the Kaplan–Meier of all rows pooled and
    /// unweighted (R's `cox.zph` calls `survfitKM` without weights or strata), per sorted row.
    static func kaplanMeierTransform(_ data: CoxRiskSets) -> [Double] {
        let transformed = kaplanMeierFailure(data)
        var sum = 0.0
        for i in 0..<data.count where data.event[i] { sum += transformed[i] }
        let mean = sum / Double(data.eventCount)
        return transformed.map { $0 - mean }
    }

    /// 1 − Ŝ(tᵢ−) per sorted row, not centred (R's `cox.zph(fit)$x` for `transform = "km"`).
    static func kaplanMeierFailure(_ data: CoxRiskSets) -> [Double] {
        let n = data.count
        let byTime = RadixSort.order(data.time).map { Int($0) }
        var transformed = [Double](repeating: 0, count: n)
        var survival = 1.0
        var atRisk = n
        var k = 0
        while k < n {
            var j = k
            var deaths = 0
            while j < n && data.time[byTime[j]] == data.time[byTime[k]] {
                if data.event[byTime[j]] { deaths += 1 }
                j += 1
            }
            for m in k..<j { transformed[byTime[m]] = 1 - survival }
            survival *= 1 - Double(deaths) / Double(atRisk)
            atRisk -= j - k
            k = j
        }
        return transformed
    }
}
