/// R's tie rule for follow-up times, `aeqSurv` (survival 3.5-3, R/aeqSurv.R), which `survfit`,
/// `survdiff`, `coxph` and `concordance` apply once, up front, through their default
/// `timefix = TRUE`. survkit applies it once too, where a ``SurvivalData`` is built (and again
/// after a calendar data cut, on the cut times), so every estimator sees the same times.
///
/// The rule, as aeqSurv states it: take the sorted unique times y₍₁₎ < … < y₍ₘ₎; a time is tied
/// to the one before it when their difference dy is at most √ε ≈ 1.49e-8, absolutely
/// (`dy <= tol`) or relative to the mean of |y| over the unique times (`dy / mean(abs(y)) <=
/// tol`). The cuts are y₍₁₎ and every time not tied to its predecessor; each time is REPLACED
/// by the largest cut not above it (`cuts[findInterval(x, cuts)]`). Ties chain: 0.3, 0.3 + 1e-9,
/// 0.3 + 2e-9 all become 0.3, the smallest of the chain — the value R then prints. This keeps
/// 0.1 + 0.2 and 0.3, one ulp apart as arithmetic on input data makes them, one time.
public enum TimeFix {
    /// `sqrt(.Machine$double.eps)`, aeqSurv's default tolerance.
    public static let tolerance = Double.ulpOfOne.squareRoot()

    /// `time` with near-tied values replaced by their representative, as R's aeqSurv; the
    /// array itself (no copy) when nothing is tied. Times must be finite.
    /// - Complexity: O(n) (one radix sort of the keys) when nothing is tied; O(n log m) for m
    ///   cuts when something is (a binary search per time, as R's `findInterval`).
    public static func apply(_ time: [Double]) -> [Double] {
        guard time.count > 1 else { return time }
        var keys = time.map(TimeKey.key)
        RadixSort.sort(keys: &keys)
        let distinct = distinctValues(sortedKeys: keys)
        guard let cuts = cuts(distinct) else { return time }
        return time.map { cuts[lastCut(notAbove: $0, in: cuts)] }
    }

    /// The unique values of ascending keys, as R's `sort(unique(y))` (−0 and +0 are one value,
    /// the first of them kept).
    static func distinctValues(sortedKeys keys: [UInt64]) -> [Double] {
        var distinct: [Double] = []
        var previous = Double.nan
        for key in keys {
            let y = TimeKey.value(key)
            if y != previous { distinct.append(y); previous = y }
        }
        return distinct
    }

    /// aeqSurv's cuts of ascending unique `y`, or nil when no two neighbours are tied (R then
    /// returns its input untouched).
    static func cuts(_ y: [Double]) -> [Double]? {
        guard y.count > 1 else { return nil }
        let mean = meanAbsolute(y)
        var cuts: [Double] = [y[0]]
        var anyTied = false
        for i in 1..<y.count {
            let dy = y[i] - y[i - 1]
            // Written as R writes it: the division decides borderline cases exactly as R does.
            if dy <= tolerance || dy / mean <= tolerance { anyTied = true } else { cuts.append(y[i]) }
        }
        return anyTied ? cuts : nil
    }

    /// R's `mean(abs(y))`: the sum in extended precision divided by n, then R's second pass
    /// adding the mean residual (src/main/summary.c, `real_mean`).
    static func meanAbsolute(_ y: [Double]) -> Double {
        #if arch(x86_64) && !os(Windows)
        typealias Wide = Float80
        #else
        typealias Wide = Double
        #endif
        let n = Wide(y.count)
        var sum: Wide = 0
        for v in y { sum += Wide(abs(v)) }
        var mean = sum / n
        if mean.isFinite {
            var residual: Wide = 0
            for v in y { residual += Wide(abs(v)) - mean }
            mean += residual / n
        }
        return Double(mean)
    }

    /// R's `findInterval(x, cuts)` for x ≥ cuts[0]: the index of the last cut ≤ x.
    static func lastCut(notAbove x: Double, in cuts: [Double]) -> Int {
        var lo = 0, hi = cuts.count   // cuts[lo] ≤ x < cuts[hi] (hi = count stands for +∞)
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if cuts[mid] <= x { lo = mid } else { hi = mid }
        }
        return lo
    }
}
