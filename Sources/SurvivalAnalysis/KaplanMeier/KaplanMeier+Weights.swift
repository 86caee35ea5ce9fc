import PlatformSupport

/// Weighted counts of a curve made with case weights: what R's `survfit(..., weights = w)`
/// reports as `n.risk`, `n.event` and `n.censor`.
public struct WeightedCounts: Sendable, Equatable {
    /// Σ w over the rows at risk just before each time.
    public var risk: [Double]
    /// Σ w over the events at each time.
    public var event: [Double]
    /// Σ w over the censorings at each time.
    public var censor: [Double]

    /// The three columns, one entry per distinct time.
    /// - Parameters:
    ///   - risk: weighted number at risk.
    ///   - event: weighted number of events.
    ///   - censor: weighted number censored.
    public init(risk: [Double], event: [Double], censor: [Double]) {
        self.risk = risk
        self.event = event
        self.censor = censor
    }
}

extension KaplanMeier {
    /// Kaplan–Meier curves with case weights, as R's `survfit(Surv(time, event) ~ g, weights = w)`
    /// (`survfitKM`, survival 3.5-3): at each distinct time, with n = Σ w at risk and d = Σ w of
    /// the events, Ŝ ← Ŝ·(n − d)/n. With `start`, the rows at risk at t are those with
    /// start < t ≤ stop. The unweighted counts are kept in `nRisk`/`nEvent`/`nCensor`; the
    /// weighted ones go in ``SurvivalCurve/weighted``.
    ///
    /// The standard error of log Ŝ follows R's default: Greenwood's √Σ d/(n(n − d)) on the
    /// weighted counts when every weight is a whole number; otherwise (`robust = TRUE` in
    /// survfitKM) the infinitesimal jackknife √Σᵢ (wᵢ ∂log Ŝ(t)/∂wᵢ)², where
    /// ∂log Ŝ(t)/∂wᵢ = Σ_{tⱼ ≤ t, tⱼ ∈ (startᵢ, stopᵢ]} dⱼ/(nⱼ(nⱼ − dⱼ)) − [i dies at tⱼ]/(nⱼ − dⱼ),
    /// each row its own cluster. As survfitKM, the jackknife is recomputed only at event times
    /// and is 0 once Ŝ = 0 (every influence on Ŝ vanishes when all at risk die).
    ///
    /// With `estimator: .nelsonAalen` (R's `stype = 2, ctype = 1`): Ĥ = Σ d/n, Ŝ = exp(−Ĥ), and
    /// the standard error of Ĥ (R's `std.chaz`) is √Σ d/n² on the weighted counts for whole-number
    /// weights, else the jackknife with ∂Ĥ(t)/∂wᵢ = [i dies at tⱼ]/nⱼ − Σ_{tⱼ ≤ t, i at risk} dⱼ/nⱼ²
    /// (the same running sums with d/n² in place of d/(n(n − d)) and 1/n in place of 1/(n − d)).
    /// In that jackknife case R reports std.chaz also as the standard error of Ŝ (see
    /// ``SurvivalCurve/separateHazardStandardError``).
    /// - Parameters:
    ///   - time: stop times (finite, ≥ 0).
    ///   - event: event flags.
    ///   - weights: case weights (finite, > 0).
    ///   - grouping: which curve each row belongs to.
    ///   - start: starts of (start, stop] data, or nil.
    ///   - estimator: Kaplan–Meier (the default) or Nelson–Aalen.
    ///   - cluster: with R's `id =`, each row's subject code (≥ 0), or nil. As survfitKM: the
    ///     jackknife is used also with whole-number weights when a subject has two events, and
    ///     its terms are summed per subject before squaring, √Σ_c (Σ_{i ∈ c} wᵢ ∂/∂wᵢ)²; a
    ///     censored row counts in `n.censor` only when it ends its subject's run of contiguous
    ///     intervals (`survival:::survflag`), i.e. no row of the subject starts at its stop.
    ///     Without `start` (right-censored rows, several per subject) every censored row counts,
    ///     as survfitKM applies survflag only to (start, stop] data.
    /// - Complexity: O(n) radix sorts plus one pass per curve (the jackknife sums are kept
    ///   as running totals: Σw², Σw²C(s), Σw²C(s)² over open rows, C the running Σ d/(n(n − d))).
    public static func weightedCurves(time: [Double], event: [Bool], weights: [Double], grouping: CurveGrouping,
                                      start: [Double]? = nil, estimator: SurvivalEstimator = .kaplanMeier,
                                      cluster: [Int32]? = nil) -> [SurvivalCurve] {
        let nelsonAalen = estimator == .nelsonAalen
        let entry = start
        let n = time.count
        precondition(event.count == n && weights.count == n, "time, event and weights differ in length")
        let jackknife = weights.contains { $0 != $0.rounded(.down) } || cluster.map { Self.repeatsEvents($0, event) } == true
        let censorCounts = cluster.map { Self.endsRun(subject: $0, start: start, stop: time) }
        let clusterCount = Int(cluster?.max() ?? -1) + 1
        // Per subject: Σ w of its open rows (α) and the fixed part of its influence (β), so its
        // influence on the running sum is α·C + β; A, B, Q = Σα², Σαβ, Σβ² over subjects.
        var alpha = [Double](repeating: 0, count: clusterCount), beta = alpha
        var members = [[Int]](repeating: [], count: grouping.curveCount)
        for i in 0..<n { members[grouping.codes.map { Int($0[i]) } ?? 0].append(i) }
        var hazardAtEntry = [Double](repeating: 0, count: n)
        return members.enumerated().map { c, rows in
            let byStop = RadixSort.order(rows.map { time[$0] + 0.0 }).map { rows[Int($0)] }
            let byStart = entry.map { e in RadixSort.order(rows.map { e[$0] + 0.0 }).map { rows[Int($0)] } } ?? rows
            let startOf: (Int) -> Double = { i in entry.map { $0[i] } ?? -Double.infinity }
            var t: [Double] = [], nRisk: [Int32] = [], nEvent: [Int32] = [], nCensor: [Int32] = []
            var wRisk: [Double] = [], wEvent: [Double] = [], wCensor: [Double] = []
            var survival: [Double] = [], logSE: [Double] = [], cumulativeHazard: [Double] = []
            // Entered rows (start < t) and finished rows (stop < t), by weight and by count.
            var enteredWeight = 0.0, enteredRows = 0, entered = 0, goneWeight = 0.0, goneRows = 0
            var productLimit = 1.0, greenwood = 0.0, totalEvents = 0, nelson = 0.0
            // Jackknife: C = Σ d/(n(n − d)) (Nelson–Aalen: Σ d/n², which is also its variance
            // on the weighted counts); sums over open rows; finished rows' fixed part.
            var hazard = 0.0, openA = 0.0, openB = 0.0, openQ = 0.0, finished = 0.0
            var sumA = 0.0, sumB = 0.0, sumQ = 0.0
            // A subject with rows in several curves (a time-dependent group, or right-censored
            // rows of one id in two groups) is its own cluster in each: survfitKM recodes the
            // clusters per curve. Start this curve's subjects from zero, not from another curve.
            if let cluster { for i in rows { alpha[Int(cluster[i])] = 0; beta[Int(cluster[i])] = 0 } }
            func update(_ c: Int, alpha da: Double, beta db: Double) {
                sumA -= alpha[c] * alpha[c]; sumB -= alpha[c] * beta[c]; sumQ -= beta[c] * beta[c]
                alpha[c] += da; beta[c] += db
                sumA += alpha[c] * alpha[c]; sumB += alpha[c] * beta[c]; sumQ += beta[c] * beta[c]
            }
            var p = 0
            while p < byStop.count {
                let now = time[byStop[p]] + 0.0
                while entered < byStart.count && startOf(byStart[entered]) < now {
                    let i = byStart[entered], w2 = weights[i] * weights[i]
                    enteredWeight += weights[i]; enteredRows += 1; entered += 1
                    hazardAtEntry[i] = hazard
                    if let cluster {
                        if jackknife { update(Int(cluster[i]), alpha: weights[i], beta: -weights[i] * hazard) }
                    } else {
                        openA += w2; openB += w2 * hazard; openQ += w2 * hazard * hazard
                    }
                }
                var d = 0.0, cw = 0.0, deaths = 0, censored = 0, leaving = 0.0
                var q = p
                while q < byStop.count && time[byStop[q]] + 0.0 == now {
                    let i = byStop[q]
                    leaving += weights[i]
                    if event[i] { d += weights[i]; deaths += 1 } else if censorCounts?[i] != false { cw += weights[i]; censored += 1 }
                    q += 1
                }
                let atRisk = enteredWeight - goneWeight
                if d > 0 {
                    if nelsonAalen {
                        nelson += d / atRisk
                        greenwood += d / (atRisk * atRisk)
                        hazard += d / (atRisk * atRisk)
                    } else {
                        productLimit *= (atRisk - d) / atRisk
                        greenwood += d / (atRisk * (atRisk - d))
                        hazard += d / (atRisk * (atRisk - d))
                    }
                }
                let ownTerm = nelsonAalen ? 1 / atRisk : 1 / (atRisk - d)
                // The jackknife changes only at event times (rows entering or leaving without an
                // event leave every influence as it was), where survfitKM recomputes it; holding
                // it keeps R's exact value on censoring-only rows. Once the Kaplan–Meier estimate
                // is 0 (all at risk died), every influence on Ŝ is 0: R, which works on Ŝ itself
                // (logse = FALSE), reports std.err 0 there and from then on.
                let holdJackknife = d == 0 || (!nelsonAalen && productLimit == 0)
                let heldJackknife = !nelsonAalen && productLimit == 0 ? 0 : logSE.last ?? 0
                if jackknife, let cluster {
                    for k in p..<q {
                        let i = byStop[k]
                        update(Int(cluster[i]), alpha: -weights[i], beta: weights[i] * (hazard - (event[i] ? ownTerm : 0)))
                    }
                    logSE.append(holdJackknife ? heldJackknife
                                 : Swift.max(hazard * hazard * sumA + 2 * hazard * sumB + sumQ, 0).squareRoot())
                } else if jackknife {
                    for k in p..<q {
                        let i = byStop[k], w2 = weights[i] * weights[i], h0 = hazardAtEntry[i]
                        openA -= w2; openB -= w2 * h0; openQ -= w2 * h0 * h0
                        let a = hazard - h0 - (event[i] ? ownTerm : 0)
                        finished += w2 * a * a
                    }
                    let open = hazard * hazard * openA - 2 * hazard * openB + openQ
                    logSE.append(holdJackknife ? heldJackknife : (finished + Swift.max(open, 0)).squareRoot())
                } else {
                    logSE.append(greenwood.squareRoot())
                }
                t.append(now)
                nRisk.append(Int32(enteredRows - goneRows)); nEvent.append(Int32(deaths)); nCensor.append(Int32(censored))
                wRisk.append(atRisk); wEvent.append(d); wCensor.append(cw)
                survival.append(nelsonAalen ? exp(-nelson) : productLimit)
                if nelsonAalen { cumulativeHazard.append(nelson) }
                goneWeight += leaving
                goneRows += q - p
                totalEvents += deaths
                p = q
            }
            var curve = SurvivalCurve(label: grouping.labels[c], estimator: estimator, n: rows.count, events: totalEvents,
                                      time: t, nRisk: nRisk, nEvent: nEvent, nCensor: nCensor, survival: survival,
                                      logStandardError: logSE, cumulativeHazard: nelsonAalen ? cumulativeHazard : nil)
            curve.weighted = WeightedCounts(risk: wRisk, event: wEvent, censor: wCensor)
            if nelsonAalen && jackknife {
                // survfitKM (type 3, robust) returns std.chaz as the std.err of Ŝ, with
                // logse = FALSE: R's printed std.err is std.chaz and its intervals use std.chaz/Ŝ
                // on the log scale. Matched as R gives it.
                curve.separateHazardStandardError = logSE
                curve.logStandardError = zip(logSE, survival).map { $0 / $1 }
            }
            return curve
        }
    }

    /// True when some subject has two rows ending in an event (R: `anyDuplicated(id[status == 1])`).
    static func repeatsEvents(_ subject: [Int32], _ event: [Bool]) -> Bool {
        var seen = Set<Int32>()
        for (s, e) in zip(subject, event) where e { if !seen.insert(s).inserted { return true } }
        return false
    }

    /// For each row, whether it ends its subject's run of contiguous intervals: no row of the
    /// same subject starts at its stop (`survival:::survflag`'s "last" bit; rows sorted by
    /// subject and stop, the next row is another subject's or starts after a gap).
    static func endsRun(subject: [Int32], start: [Double]?, stop: [Double]) -> [Bool] {
        guard let start else { return [Bool](repeating: true, count: stop.count) }
        let byStop = RadixSort.order(stop.map { $0 + 0.0 })
        // Stable bucket pass by subject keeps each subject's rows in stop order.
        let subjects = Int(subject.max() ?? -1) + 1
        var next = [Int](repeating: 0, count: subjects + 1)
        for s in subject { next[Int(s) + 1] += 1 }
        for s in 0..<subjects { next[s + 1] += next[s] }
        var order = [Int](repeating: 0, count: stop.count)
        for j in byStop { let i = Int(j), s = Int(subject[i]); order[next[s]] = i; next[s] += 1 }
        var last = [Bool](repeating: true, count: stop.count)
        for (a, b) in zip(order, order.dropFirst()) where subject[a] == subject[b] && !(stop[a] < start[b]) { last[a] = false }
        return last
    }
}
