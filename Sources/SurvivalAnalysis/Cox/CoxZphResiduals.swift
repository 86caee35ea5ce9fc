import PlatformSupport
import GSLSupport

/// The scaled Schoenfeld residuals behind R's `plot(cox.zph(fit))` (survival 3.5): per event,
/// in stratum and time order, the transformed time x = g(t) and β(t) = β + V⁻¹·r, r the
/// Schoenfeld residual xᵢ − x̄(t) (Efron-averaged over tied deaths as `zph1` does) and V the
/// fit's information divided by the number of events (Grambsch & Therneau 1994, eq. 2.6).
public struct CoxZphResiduals: Sendable {
    /// The time transform g(t) (R's `transform =`).
    public let transform: CoxZphTransform
    /// One name per panel: the terms with an estimable column, in model order.
    public let terms: [String]
    /// g(t) per event, not centred (R's `cox.zph(fit)$x`).
    public let transformedTime: [Double]
    /// The event times, in the same order (R's `$time`).
    public let time: [Double]
    /// Per term, per event: β(t) (R's `$y` column); nil where R has NA (a covariate constant
    /// within the event's stratum). A factor with several columns gets 1 + its combined residual.
    public let beta: [[Double?]]
    /// R's `$var`: the inverse of the per-event information, row-major `terms × terms`.
    public let variance: [Double]
}

extension CoxModel {
    /// R's `cox.zph(fit, transform =)` residuals: `$x`, `$time`, `$y` and `$var`.
    /// Defined for right-censored data (the CLI refuses (start, stop] data with --zph).
    /// - Complexity: O(n·p² + p³·strata).
    public func scaledSchoenfeldResiduals(transform: CoxZphTransform = .km) -> CoxZphResiduals {
        let data = riskSets
        let n = data.count, p = data.columns
        let kept = (0..<p).filter { !estimate.aliased[$0] }
        let v = kept.count
        let schoen = CoxModel.schoenfeld(data, eta: data.linearPredictor(scaledBeta: estimate.scaledBeta.map { $0.isNaN ? 0 : $0 }),
                                         efron: options.ties == .efron)
        let g = transform.values(data)
        let eventRows = (0..<n).filter { data.event[$0] }
        let info = zphScores(timeWeights: [Double](repeating: 0, count: n)).info
        let q = 2 * p

        // R's `used`: per stratum, the stratum's events for a column that varies in it, else 0.
        var used = [[Int]](repeating: [Int](repeating: 0, count: v), count: data.strataCount)
        var firstRow = 0
        for row in 0..<n where data.lastInStratum[row] {
            let s = Int(data.stratum[row])
            let events = (firstRow...row).filter { data.event[$0] }.count
            for (c, j) in kept.enumerated() {
                let first = data.x[firstRow * p + j]
                if (firstRow...row).contains(where: { data.x[$0 * p + j] != first }) { used[s][c] = events }
            }
            firstRow = row + 1
        }
        // Terms in kept-column positions; a factor's columns share the largest count (R's rule).
        let termColumns: [(name: String, columns: [Int])] = terms.compactMap { term in
            let columns = term.columns.compactMap { kept.firstIndex(of: $0) }
            return columns.isEmpty ? nil : (term.name, columns)
        }
        for (_, columns) in termColumns where columns.count > 1 {
            for s in used.indices where columns.contains(where: { used[s][$0] == 0 }) {
                let most = columns.map { used[s][$0] }.max() ?? 0
                for c in columns { used[s][c] = most }
            }
        }
        // vmean = imat / Σ_strata pmin(used, used'), back on the covariates' own scale.
        var vmean = [Double](repeating: 0, count: v * v)
        for (a, j) in kept.enumerated() {
            for (b, k) in kept.enumerated() {
                let weight = used.reduce(0) { $0 + min($1[a], $1[b]) }
                vmean[a * v + b] = info[j * q + k] / (data.scales[j] * data.scales[k]) / Double(weight == 0 ? 1 : weight)
            }
        }
        var residual = eventRows.map { row in kept.map { schoen[row * p + $0] / data.scales[$0] } }

        // Factors with several columns: one panel, the columns weighted by their coefficients.
        let m = termColumns.count
        var combine = [Double](repeating: 0, count: v * m)   // R's `temp`, v × m
        for (t, term) in termColumns.enumerated() {
            for c in term.columns { combine[c * m + t] = term.columns.count == 1 ? 1 : estimate.coefficients[kept[c]] }
        }
        var panelVmean = [Double](repeating: 0, count: m * m)
        for a in 0..<m { for b in 0..<m {
            var sum = 0.0
            for i in 0..<v { for j in 0..<v { sum += combine[i * m + a] * vmean[i * v + j] * combine[j * m + b] } }
            panelVmean[a * m + b] = sum
        } }
        residual = residual.map { r in (0..<m).map { t in (0..<v).reduce(0) { $0 + r[$1] * combine[$1 * m + t] } } }
        let panelUsed = used.map { row in termColumns.map { row[$0.columns[0]] } }

        // Per stratum: solve vmean[k, k]·z = r over the terms k that vary there; the rest are NA.
        var beta = [[Double?]](repeating: [Double?](repeating: nil, count: eventRows.count), count: m)
        for (e, row) in eventRows.enumerated() {
            let k = (0..<m).filter { panelUsed[Int(data.stratum[row])][$0] > 0 }
            guard !k.isEmpty else { continue }
            var sub = [Double](repeating: 0, count: k.count * k.count)
            for (a, i) in k.enumerated() { for (b, j) in k.enumerated() { sub[a * k.count + b] = panelVmean[i * m + j] } }
            guard let z = try? Cholesky(symmetric: sub, dimension: k.count).solve(k.map { residual[e][$0] }) else { continue }
            for (a, t) in k.enumerated() {
                let shift = termColumns[t].columns.count == 1 ? estimate.coefficients[kept[termColumns[t].columns[0]]] : 1
                beta[t][e] = z[a] + shift
            }
        }
        let variance = (try? Cholesky(symmetric: panelVmean, dimension: m).inverse())
            ?? [Double](repeating: .nan, count: m * m)
        return CoxZphResiduals(transform: transform, terms: termColumns.map(\.name),
                               transformedTime: eventRows.map { g[$0] }, time: eventRows.map { data.time[$0] },
                               beta: beta, variance: variance)
    }

    /// Schoenfeld residuals xᵢ − x̄(tᵢ) of the deaths on the scaled axis, row-major n × p (zero
    /// for censored rows), as `zph1`: Breslow's mean over the whole risk set, or Efron's mean
    /// of the d partial risk sets (k/d of the tied deaths in, k = 1…d) shared by the tied deaths.
    /// - Complexity: O(n·p).
    static func schoenfeld(_ data: CoxRiskSets, eta: [Double], efron: Bool) -> [Double] {
        let n = data.count, p = data.columns
        var residual = [Double](repeating: 0, count: n * p)
        var a = [Double](repeating: 0, count: p), a2 = a, mean = a
        var denom = 0.0
        var end = n
        while end > 0 {
            if data.lastInStratum[end - 1] {
                denom = 0
                for j in 0..<p { a[j] = 0 }
            }
            var start = end - 1
            while start > 0 && data.time[start - 1] == data.time[end - 1] && !data.lastInStratum[start - 1] {
                start -= 1
            }
            var deaths = 0, deadRisk = 0.0
            for j in 0..<p { a2[j] = 0 }
            for i in start..<end {
                let r = exp(eta[i]) * data.weight[i]
                if data.event[i] {
                    deaths += 1
                    deadRisk += r
                    for j in 0..<p { a2[j] += r * data.x[i * p + j] }
                } else {
                    denom += r
                    for j in 0..<p { a[j] += r * data.x[i * p + j] }
                }
            }
            if deaths > 0 {
                let d = Double(deaths)
                for j in 0..<p {
                    if efron {
                        var sum = 0.0
                        for k in 1...deaths {
                            let share = Double(k) / d
                            sum += (a[j] + a2[j] * share) / (denom + deadRisk * share)
                        }
                        mean[j] = sum / d
                    } else {
                        mean[j] = (a[j] + a2[j]) / (denom + deadRisk)
                    }
                }
                for i in start..<end where data.event[i] {
                    for j in 0..<p { residual[i * p + j] = data.x[i * p + j] - mean[j] }
                }
                denom += deadRisk
                for j in 0..<p { a[j] += a2[j] }
            }
            end = start
        }
        return residual
    }
}
