import GSLSupport
import PlatformSupport

/// Gray's K-sample test that the cumulative incidence of one cause is the same in every group,
/// as R's `cmprsk::cuminc(ftime, fstatus, group, strata, rho)$Tests`.
///
/// Gray (1988), "A class of K-sample tests for comparing the cumulative incidence of a
/// competing risk", Ann. Statist. 16:1141–1154. The score of group j compares its events of the
/// cause with those expected from the pooled subdistribution hazard, weighted by (1 − F̂(t−))^ρ;
/// the variance is the estimator of the paper's section 3 as cmprsk computes it (`crstm`), and
/// with strata both are summed over strata. The statistic s′V⁻¹s on the first K − 1 groups is
/// referred to χ² with K − 1 degrees of freedom.
public struct GrayTest: Sendable, Equatable {
    /// The cause tested (1…k).
    public var cause: Int
    /// The tested cause's label, as in the status column.
    public var causeLabel: String
    /// s′V⁻¹s; −1 (as cmprsk) when V is singular.
    public var statistic: Double
    /// K − 1.
    public var degreesOfFreedom: Int
    /// Upper tail of χ²(K − 1) at the statistic (NaN when V is singular).
    public var pValue: Double

    /// The most groups the test compares: its variance (cmprsk's `crstm`) costs O(K³) per event
    /// time and two K × K matrices, so 20,000 groups (an identifier as `--group`) needed 7 GB and
    /// hours. Callers check the group count against it before calling ``tests(_:rho:)``.
    public static let maximumGroups = 100

    /// One test per cause of `data`, comparing the groups of `data.data.group` within the
    /// strata of `data.data.strata`. Nil without at least two groups.
    /// - Complexity: O(n log n + n·K²) per cause.
    public static func tests(_ data: CompetingRisksData, rho: Double = 0) -> [GrayTest]? {
        guard let group = data.data.group, group.levels.count >= 2 else { return nil }
        let order = data.timeOrder()
        let strata = data.data.strata
        let stratumCount = strata?.levels.count ?? 1
        var rowsOf = [[Int]](repeating: [], count: stratumCount)
        for i in order { rowsOf[strata.map { Int($0.codes[i]) } ?? 0].append(i) }
        let ng = group.levels.count
        return (1...data.causeCount).map { cause in
            var score = [Double](repeating: 0, count: ng - 1)
            var variance = [Double](repeating: 0, count: (ng - 1) * (ng - 1))
            for rows in rowsOf where !rows.isEmpty {
                let (s, v) = stratumScore(rows: rows, time: data.data.time, cause: data.cause, of: Int32(cause),
                                          group: group.codes, groupCount: ng, rho: rho)
                for i in 0..<(ng - 1) { score[i] += s[i] }
                for i in 0..<v.count { variance[i] += v[i] }
            }
            let factor = TolerantCholesky(symmetric: variance, dimension: ng - 1, tolerance: 1e-10)
            guard factor.rank == ng - 1 else {
                return GrayTest(cause: cause, causeLabel: data.status.labels[cause - 1], statistic: -1,
                                degreesOfFreedom: ng - 1, pValue: .nan)
            }
            let x = factor.solve(score)
            let stat = zip(score, x).reduce(0) { $0 + $1.0 * $1.1 }
            return GrayTest(cause: cause, causeLabel: data.status.labels[cause - 1], statistic: stat,
                            degreesOfFreedom: ng - 1,
                            pValue: ChiSquared.upperTail(stat, degreesOfFreedom: Double(ng - 1)))
        }
    }

    /// The score of the first K − 1 groups and its variance (row-major (K−1)²) within one
    /// stratum whose rows are given in increasing time.
    static func stratumScore(rows: [Int], time: [Double], cause: [Int32], of chosen: Int32, group: [Int32],
                             groupCount ng: Int, rho: Double) -> ([Double], [Double]) {
        let n1 = ng - 1
        var atRisk = [Int](repeating: 0, count: ng)
        for i in rows { atRisk[Int(group[i])] += 1 }
        var score = [Double](repeating: 0, count: n1)
        var v = [Double](repeating: 0, count: n1 * n1)
        // Per group: F̂ of the cause before/after t, all-cause KM before/after t.
        var fBefore = [Double](repeating: 0, count: ng), fAfter = fBefore
        var sBefore = [Double](repeating: 1, count: ng), sAfter = sBefore
        var v3 = [Double](repeating: 0, count: ng)
        var v2 = [Double](repeating: 0, count: n1 * ng)
        var c = [Double](repeating: 0, count: ng * ng)
        var a = [Double](repeating: 0, count: ng * ng)
        var pooledBefore = 0.0
        var dCause = [Int](repeating: 0, count: ng), dOther = dCause
        var lo = 0
        while lo < rows.count {
            let t = time[rows[lo]]
            var hi = lo
            for j in 0..<ng { dCause[j] = 0; dOther[j] = 0 }
            while hi < rows.count && time[rows[hi]] == t {
                let i = rows[hi]
                let g = Int(group[i])
                if cause[i] == chosen { dCause[g] += 1 } else if cause[i] > 0 { dOther[g] += 1 }
                hi += 1
            }
            let nd1 = dCause.reduce(0, +), nd2 = dOther.reduce(0, +)
            if nd1 > 0 || nd2 > 0 {
                // tr = Σ R_j/Ŝ_j(t−) (the paper's Σ ĥ_r), tq = Σ R_j(1 − F̂_j(t−))/Ŝ_j(t−).
                var tr = 0.0, tq = 0.0
                for j in 0..<ng where atRisk[j] > 0 {
                    let r = Double(atRisk[j])
                    sAfter[j] = sBefore[j] * (r - Double(dCause[j] + dOther[j])) / r
                    fAfter[j] = fBefore[j] + sBefore[j] * Double(dCause[j]) / r
                    tr += r / sBefore[j]
                    tq += r * (1 - fBefore[j]) / sBefore[j]
                }
                let pooled = pooledBefore + Double(nd1) / tr
                let weight = pow(1 - pooledBefore, rho)
                for i in 0..<ng {
                    for j in i..<ng { a[i * ng + j] = 0 }
                    guard atRisk[i] > 0 else { continue }
                    let t1 = Double(atRisk[i]) / sBefore[i]
                    a[i * ng + i] = weight * t1 * (1 - t1 / tr)
                    c[i * ng + i] += a[i * ng + i] * Double(nd1) / (tr * (1 - pooledBefore))
                    for j in (i + 1)..<max(i + 1, ng) where atRisk[j] > 0 {
                        a[i * ng + j] = -weight * t1 * Double(atRisk[j]) / (sBefore[j] * tr)
                        c[i * ng + j] += a[i * ng + j] * Double(nd1) / (tr * (1 - pooledBefore))
                    }
                }
                for i in 1..<ng { for j in 0..<i { a[i * ng + j] = a[j * ng + i]; c[i * ng + j] = c[j * ng + i] } }
                for i in 0..<n1 where atRisk[i] > 0 {
                    score[i] += weight * (Double(dCause[i]) - Double(nd1) * Double(atRisk[i]) * (1 - fBefore[i]) / (sBefore[i] * tq))
                }
                if nd1 > 0 {
                    for k in 0..<ng where atRisk[k] > 0 {
                        let t4 = sAfter[k] > 0 ? 1 - (1 - pooled) / sAfter[k] : 1
                        let t5 = nd1 > 1 ? 1 - Double(nd1 - 1) / (tr * sBefore[k] - 1) : 1
                        let t3 = t5 * sBefore[k] * Double(nd1) / (tr * Double(atRisk[k]))
                        v3[k] += t4 * t4 * t3
                        for i in 0..<n1 {
                            let t1 = a[i * ng + k] - t4 * c[i * ng + k]
                            v2[i * ng + k] += t1 * t4 * t3
                            for j in 0...i { v[i * n1 + j] += t1 * (a[j * ng + k] - t4 * c[j * ng + k]) * t3 }
                        }
                    }
                }
                if nd2 > 0 {
                    for k in 0..<ng where sAfter[k] > 0 && dOther[k] > 0 {
                        let t4 = (1 - pooled) / sAfter[k]
                        let r = Double(atRisk[k])
                        let t5 = dOther[k] > 1 ? 1 - Double(dOther[k] - 1) / (r - 1) : 1
                        let t3 = t5 * sBefore[k] * sBefore[k] * Double(dOther[k]) / (r * r)
                        v3[k] += t4 * t4 * t3
                        for i in 0..<n1 {
                            let t1 = t4 * c[i * ng + k]
                            v2[i * ng + k] -= t1 * t4 * t3
                            for j in 0...i { v[i * n1 + j] += t1 * t4 * c[j * ng + k] * t3 }
                        }
                    }
                }
                pooledBefore = pooled
            }
            for r in lo..<hi { atRisk[Int(group[rows[r]])] -= 1 }
            for j in 0..<ng { fBefore[j] = fAfter[j]; sBefore[j] = sAfter[j] }
            lo = hi
        }
        for i in 0..<n1 {
            for j in 0...i {
                for k in 0..<ng {
                    v[i * n1 + j] += c[i * ng + k] * c[j * ng + k] * v3[k]
                        + c[i * ng + k] * v2[j * ng + k] + c[j * ng + k] * v2[i * ng + k]
                }
                v[j * n1 + i] = v[i * n1 + j]
            }
        }
        return (score, v)
    }
}
