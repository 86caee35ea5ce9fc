/// Uno's concordance (Uno et al. 2011, Statistics in Medicine 30:1105) with inverse
/// probability of censoring weights, as scikit-survival's `concordance_index_ipcw`:
///
///   C = Σᵢ δᵢ·1(Tᵢ < τ)·Ĝ(Tᵢ)⁻² · Σⱼ cmpᵢⱼ·[1(ηᵢ > ηⱼ) + ½·1(ηᵢ = ηⱼ)]
///       / Σᵢ δᵢ·1(Tᵢ < τ)·Ĝ(Tᵢ)⁻² · Σⱼ cmpᵢⱼ
///
/// where a pair is comparable (cmpᵢⱼ = 1) when i has an event and j has a later time or is
/// censored at i's time, and Ĝ is the censoring survival of the training data
/// (``CensoringSurvival``) read at Tᵢ itself, as scikit-survival's `predict_ipcw`. Subjects
/// at or beyond τ still serve as the later member of a pair; only their weight as the earlier
/// one is zero.
///
/// Differences from scikit-survival, documented rather than hidden: markers tie only when
/// exactly equal (scikit-survival's `tied_tol` = 1e-8 treats markers within 1e-8 as tied);
/// no comparable weight at all is an error rather than NaN. R's
/// `concordance(timewt = "n/G2")` reads Ĝ just before Tᵢ and so differs in the fourth digit
/// on the fixture data; survkit follows scikit-survival.
///
/// Counting walks the times downwards with a Fenwick tree over the ranks of the marker
/// holding the subjects with later times, so the cost is O(n log n), never O(n²).
public struct UnoConcordance: Sendable, Equatable {
    /// Uno's C.
    public let concordance: Double
    /// Unweighted counts of comparable pairs by kind, as scikit-survival returns them
    /// (every comparable pair, whatever its weight).
    public let concordant: Int
    /// Comparable pairs whose earlier member had the lower marker.
    public let discordant: Int
    /// Comparable pairs with equal markers.
    public let tiedRisk: Int
    /// Pairs of an event and a censoring at the same time (counted as comparable).
    public let tiedTime: Int
    /// The truncation time τ, or nil for none.
    public let tau: Double?

    /// Uno's C of `marker` (higher = earlier event expected) on the test data `time`/`event`.
    /// - Complexity: O(n log n).
    public static func ipcw(censoring g: CensoringSurvival, time: [Double], event: [Bool], marker: [Double],
                            tau: Double? = nil) throws(MetricFailure) -> UnoConcordance {
        precondition(time.count == event.count && time.count == marker.count, "test columns differ in length")
        if let tau, !tau.isFinite { throw .badTau(tau) }
        if let bad = marker.firstIndex(where: { !$0.isFinite }) { throw .badMarker(row: bad) }
        let n = time.count
        // Squared inverse-censoring weight of each event before τ; 0 for everyone else.
        var weight = [Double](repeating: 0, count: n)
        for i in 0..<n where event[i] && time[i] < (tau ?? .infinity) {
            let inverse = try InverseCensoringWeight.at(time[i], g)
            weight[i] = inverse * inverse
        }
        let rank = denseRanks(marker)
        let byTime = RadixSort.order(time).map(Int.init)
        var tree = FenwickTree(count: (rank.max() ?? 0) + 1)
        var numerator = 0.0, denominator = 0.0
        var concordant = 0.0, discordant = 0.0, tiedRisk = 0.0, tiedTime = 0
        var end = n
        while end > 0 {
            var start = end - 1
            while start > 0 && time[byTime[start - 1]] == time[byTime[end - 1]] { start -= 1 }
            let group = byTime[start..<end]
            // Censorings at this time are comparable with its events; events with each other are not.
            var censoredHere = 0
            for j in group where !event[j] { tree.add(1, at: rank[j]); censoredHere += 1 }
            for i in group where event[i] {
                let s = tree.split(at: rank[i])
                concordant += s.below
                discordant += s.above
                tiedRisk += s.equal
                tiedTime += censoredHere
                numerator += weight[i] * s.below + 0.5 * weight[i] * s.equal
                denominator += weight[i] * (s.below + s.equal + s.above)
            }
            for i in group where event[i] { tree.add(1, at: rank[i]) }
            end = start
        }
        guard denominator > 0 else { throw .noComparablePairs }
        return UnoConcordance(concordance: numerator / denominator, concordant: Int(concordant),
                              discordant: Int(discordant), tiedRisk: Int(tiedRisk), tiedTime: tiedTime, tau: tau)
    }

    /// Dense ranks 0, 1, … of the values; equal values share a rank.
    static func denseRanks(_ values: [Double]) -> [Int] {
        var rank = [Int](repeating: 0, count: values.count)
        var distinct = -1
        var previous = 0.0
        for (k, i) in RadixSort.order(values).enumerated() {
            let v = values[Int(i)]
            if k == 0 || v != previous { distinct += 1 }
            previous = v
            rank[Int(i)] = distinct
        }
        return rank
    }
}

