import Dispatch

/// Harrell's concordance of a risk score with censored survival times and its standard error,
/// as R's `concordance()` reports them for a `coxph` fit (`fit$concordance`, `reverse = TRUE`).
///
/// A pair is comparable when subject i has an event at tᵢ and subject j is still at risk then
/// (tⱼ > tᵢ, or tⱼ = tᵢ and j censored), within one stratum; it has weight wᵢwⱼ and is
/// concordant when ηᵢ > ηⱼ (the earlier death had the higher risk), discordant when ηᵢ < ηⱼ,
/// tied when ηᵢ = ηⱼ. C = (concordant + tied/2)/(concordant + discordant + tied).
/// The standard error is R's infinitesimal jackknife: with N the comparable weight, Somers'
/// d = (C − D)/N and, per subject, cₖ, dₖ, tₖ the weight of its comparable partners,
/// Dₖ = wₖ[(cₖ − dₖ)/N − d·(cₖ + dₖ + tₖ)/N] summed within clusters, se = √(ΣDₖ²)/2.
///
/// Counting uses Fenwick trees over the ranks of η: one walk down the times holds the subjects
/// at risk (queried by each death), the other the deaths (for right-censored data a walk up the
/// times, queried once by each subject for the deaths it was at risk for). O(n log n), never O(n²).
public struct Concordance: Sendable, Equatable {
    /// Harrell's C: (concordant + tied/2) / (concordant + discordant + tied), R's `fit$concordance["concordance"]`.
    public let concordance: Double
    /// Infinitesimal-jackknife standard error of C (R's `sqrt(fit$concordance["var"])`).
    public let standardError: Double
    /// Weighted counts of comparable pairs.
    public let concordant: Double
    /// Weighted count of discordant comparable pairs (the earlier death had the lower risk score).
    public let discordant: Double
    /// Weighted count of comparable pairs whose risk scores are tied.
    public let tiedRisk: Double

    /// - Parameters:
    ///   - time, event, weight, stratum: per row, sorted by stratum and ascending time with
    ///     strata contiguous (as ``CoxRiskSets`` lays them out).
    ///   - score: the risk score η per row (higher = earlier event expected).
    ///   - cluster: cluster code per row, or nil for each row its own cluster.
    /// - Complexity: O(n log n); the two trees are walked on two threads.
    ///   - entry, byStart: for (start, stop] data, the starts and the positions ordered by
    ///     stratum then start (``CoxRiskSets/byStart``): a row is comparable with a death at t
    ///     only when start < t, so it leaves the at-risk tree as the walk passes its start.
    static func harrell(time: [Double], event: [Bool], weight: [Double], stratum: [Int32],
                        score: [Double], cluster: [Int32]?, clusterCount: Int,
                        entry: [Double]? = nil, byStart: [Int32]? = nil) -> Concordance {
        let n = time.count
        // Strata as row ranges, and dense ranks of the score within each (exact equality is
        // a tie, as R's match(risk, sort(unique(risk)))).
        var strata: [(rows: Range<Int>, ranks: Int)] = []
        var rank = [Int](repeating: 0, count: n)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && stratum[end] == stratum[start] { end += 1 }
            // The sorted keys are compared in sequence (equal doubles, −0 and +0 too, have equal
            // keys), so only the rank is written at a random place, not the score read there.
            var keys = score[start..<end].map { TimeKey.key($0 + 0.0) }
            var byScore = [Int32](unsafeUninitializedCapacity: end - start) { b, initialized in
                for k in 0..<(end - start) { b[k] = Int32(truncatingIfNeeded: k) }
                initialized = end - start
            }
            RadixSort.sort(keys: &keys, payload: &byScore)
            var distinct = 0
            for k in byScore.indices {
                if k > 0 && keys[k] != keys[k - 1] { distinct += 1 }
                rank[start + Int(byScore[k])] = distinct
            }
            strata.append((start..<end, distinct + 1))
            start = end
        }

        let walks = ConcordanceWalks(count: n)
        let walkInput = ConcordanceWalks.Input(time: time, event: event, weight: weight, rank: rank, strata: strata,
                                               entry: entry, byStart: byStart)
        // Unit weights (the usual case) are counted in an Int32 tree: half the memory.
        let unitWeights = weight.allSatisfy { $0 == 1 }
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            switch (k, unitWeights) {
            case (0, true): walks.deathsAgainstRiskSet(walkInput, Int32.self)
            case (0, false): walks.deathsAgainstRiskSet(walkInput, Double.self)
            case (_, true): walks.riskSetAgainstDeaths(walkInput, Int32.self)
            default: walks.riskSetAgainstDeaths(walkInput, Double.self)
            }
        }
        walks.combine()

        let pairs = walks.concordant + walks.discordant + walks.tied
        let somers = (walks.concordant - walks.discordant) / pairs
        let groups = cluster == nil ? n : clusterCount
        var dfbeta = [Double](repeating: 0, count: groups)
        for k in 0..<n {
            let c = walks.partnerConcordant[k], d = walks.partnerDiscordant[k], t = walks.partnerTied[k]
            let influence = weight[k] * ((c - d) / pairs - (somers / pairs) * (c + d + t))
            dfbeta[cluster.map { Int($0[k]) } ?? k] += influence
        }
        var sumSquares = 0.0
        for d in dfbeta { sumSquares += d * d }
        return Concordance(concordance: (somers + 1) / 2, standardError: (sumSquares / 4).squareRoot(),
                           concordant: walks.concordant, discordant: walks.discordant, tiedRisk: walks.tied)
    }
}

/// The two independent walks of the concordance count, each down the times of every stratum
/// with its own Fenwick tree, writing disjoint results (so they can run on two threads).
private final class ConcordanceWalks: @unchecked Sendable {
    struct Input: @unchecked Sendable {
        let time: [Double], event: [Bool], weight: [Double], rank: [Int]
        let strata: [(rows: Range<Int>, ranks: Int)]
        let entry: [Double]?
        let byStart: [Int32]?

        /// Calls `leave` for each row of `rows` whose start is ≥ t, in descending start order,
        /// advancing `next` (a position in ``byStart``); nothing for right-censored data.
        @inline(__always)
        func leaving(_ rows: Range<Int>, at t: Double, next: inout Int, _ leave: (Int) -> Void) {
            guard let entry, let byStart else { return }
            while next >= rows.lowerBound {
                let row = Int(byStart[next])
                guard entry[row] >= t else { return }
                leave(row)
                next -= 1
            }
        }
    }
    /// Weight of each row's comparable partners by kind: a death's partners at risk (first
    /// walk), then, after ``combine()``, plus the deaths each row was at risk for (second walk).
    let partnerConcordant: UnsafeMutableBufferPointer<Double>
    let partnerDiscordant: UnsafeMutableBufferPointer<Double>
    let partnerTied: UnsafeMutableBufferPointer<Double>
    private let riskConcordant: UnsafeMutableBufferPointer<Double>
    private let riskDiscordant: UnsafeMutableBufferPointer<Double>
    private let riskTied: UnsafeMutableBufferPointer<Double>
    var concordant = 0.0, discordant = 0.0, tied = 0.0

    init(count n: Int) {
        func zeros() -> UnsafeMutableBufferPointer<Double> {
            let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
            b.initialize(repeating: 0)
            return b
        }
        partnerConcordant = zeros(); partnerDiscordant = zeros(); partnerTied = zeros()
        riskConcordant = zeros(); riskDiscordant = zeros(); riskTied = zeros()
    }

    deinit {
        for b in [partnerConcordant, partnerDiscordant, partnerTied, riskConcordant, riskDiscordant, riskTied] {
            b.deallocate()
        }
    }

    /// Groups of equal time within `rows`, from the latest down.
    private static func timeGroups(_ rows: Range<Int>, _ time: [Double], _ body: (Range<Int>) -> Void) {
        var end = rows.upperBound
        while end > rows.lowerBound {
            var start = end - 1
            while start > rows.lowerBound && time[start - 1] == time[end - 1] { start -= 1 }
            body(start..<end)
            end = start
        }
    }

    /// Each death against the subjects still at risk (later times, and censored at its time):
    /// the totals and the deaths' own partner weights.
    func deathsAgainstRiskSet<W: FenwickWeight>(_ input: Input, _: W.Type) {
        var c = 0.0, d = 0.0, t = 0.0
        for (rows, ranks) in input.strata {
            var atRisk = WeightedFenwickTree<W>(count: ranks)
            var next = rows.upperBound - 1
            ConcordanceWalks.timeGroups(rows, input.time) { group in
                input.leaving(rows, at: input.time[group.lowerBound], next: &next) { j in
                    atRisk.add(W(weight: -input.weight[j]), at: input.rank[j])
                }
                for j in group where !input.event[j] { atRisk.add(W(weight: input.weight[j]), at: input.rank[j]) }
                for i in group where input.event[i] {
                    let s = atRisk.split(at: input.rank[i])
                    partnerConcordant[i] = s.below
                    partnerDiscordant[i] = s.above
                    partnerTied[i] = s.equal
                    c += input.weight[i] * s.below
                    d += input.weight[i] * s.above
                    t += input.weight[i] * s.equal
                }
                // The deaths join the risk set for earlier deaths (not for each other).
                for i in group where input.event[i] { atRisk.add(W(weight: input.weight[i]), at: input.rank[i]) }
            }
        }
        concordant = c; discordant = d; tied = t
    }

    /// Each subject against the deaths it was at risk for. Right-censored data: one upward
    /// walk, each row reading the deaths tree once (a death j at tⱼ meets the deaths before tⱼ,
    /// a censored row also those at its own time), one query a row and one insertion a death.
    /// (start, stop] data: the downward walk below, which can see rows leave at their start.
    func riskSetAgainstDeaths<W: FenwickWeight>(_ input: Input, _ weight: W.Type) {
        guard input.byStart != nil else { return deathsBefore(input, weight) }
        for (rows, ranks) in input.strata {
            var deaths = WeightedFenwickTree<W>(count: ranks)
            var next = rows.upperBound - 1
            ConcordanceWalks.timeGroups(rows, input.time) { group in
                // A row leaving the risk set (t ≤ its start) has met every death it was at risk for.
                input.leaving(rows, at: input.time[group.lowerBound], next: &next) { j in
                    let s = deaths.split(at: input.rank[j])
                    riskConcordant[j] += s.above
                    riskDiscordant[j] += s.below
                    riskTied[j] += s.equal
                }
                // Censored rows enter before this time's deaths are added: they count them.
                for j in group where !input.event[j] { subtract(deaths.split(at: input.rank[j]), j) }
                for i in group where input.event[i] { deaths.add(W(weight: input.weight[i]), at: input.rank[i]) }
                for i in group where input.event[i] { subtract(deaths.split(at: input.rank[i]), i) }
            }
            // The rows still at risk at the stratum's first time: all positions ≤ next.
            let remaining = input.byStart == nil ? rows : rows.lowerBound..<(next + 1)
            for k in remaining {
                let j = input.byStart.map { Int($0[k]) } ?? k
                let s = deaths.split(at: input.rank[j])
                riskConcordant[j] += s.above
                riskDiscordant[j] += s.below
                riskTied[j] += s.equal
            }
        }
    }

    /// The upward walk of right-censored data: the deaths tree holds the deaths before the
    /// current time; a death's partners in it are read before its own time's deaths go in, a
    /// censored row's after. (The downward walk asked the tree twice a row: on entry and at the
    /// end of the stratum; this reads it once.)
    private func deathsBefore<W: FenwickWeight>(_ input: Input, _: W.Type) {
        for (rows, ranks) in input.strata {
            var deaths = WeightedFenwickTree<W>(count: ranks)
            var first = rows.lowerBound
            while first < rows.upperBound {
                var end = first + 1
                while end < rows.upperBound && input.time[end] == input.time[first] { end += 1 }
                for i in first..<end where input.event[i] { assign(deaths.split(at: input.rank[i]), i) }
                for i in first..<end where input.event[i] { deaths.add(W(weight: input.weight[i]), at: input.rank[i]) }
                for j in first..<end where !input.event[j] { assign(deaths.split(at: input.rank[j]), j) }
                first = end
            }
        }
    }

    /// Adds the second walk's partner weights to the first's (after both have finished).
    func combine() {
        for j in 0..<partnerConcordant.count {
            partnerConcordant[j] += riskConcordant[j]
            partnerDiscordant[j] += riskDiscordant[j]
            partnerTied[j] += riskTied[j]
        }
    }

    /// A death of higher rank than row j's (ηᵢ > ηⱼ) is concordant with j.
    private func assign(_ s: (below: Double, equal: Double, above: Double), _ j: Int) {
        riskConcordant[j] = s.above
        riskDiscordant[j] = s.below
        riskTied[j] = s.equal
    }

    private func subtract(_ s: (below: Double, equal: Double, above: Double), _ j: Int) {
        riskConcordant[j] -= s.above
        riskDiscordant[j] -= s.below
        riskTied[j] -= s.equal
    }
}
