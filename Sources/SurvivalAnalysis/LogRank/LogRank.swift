/// The k-group (weighted, stratified) log-rank kernel on plain arrays: R's `survdiff`
/// (`survdiff.fit`, C routine `survdiff2`) without the formula layer.
///
/// Contract: `time[i]`, `event[i]`, `group[i]` and `strata?[i]` describe row i; group codes
/// are in `0..<groupCount`, stratum codes in `0..<stratumCount`. Each row becomes a 64-bit
/// time key and a packed word (stratum, group, event) that travels with it through one sort
/// (the package's LSD radix sort). Equal times are one time: R's `aeqSurv` tie rule is applied before, where
/// the data are built (``SurvivalData``, ``TimeFix``), globally as survdiff does before
/// splitting by stratum. Rows are grouped by stratum with a stable counting sort; one forward pass per stratum
/// accumulates observed, expected and the hypergeometric variance, with the stratum's pooled
/// Kaplan–Meier at t− for Fleming–Harrington weights.
public enum LogRank {
    /// Observed, expected and variance for k groups, optionally stratified.
    ///
    /// Times are compared exactly; to match R on near-ties, pass times through ``TimeFix``
    /// first (``SurvivalData`` does).
    /// - Precondition: equal lengths; codes in range; finite times (any sign).
    /// - Complexity: O(n) (radix sort and one pass), plus
    ///   O(D·k²) for D distinct event times and k groups, plus O(S·k) for S strata.
    public static func statistics(time: [Double], event: [Bool], group: [Int32], groupCount: Int,
                                  strata: [Int32]? = nil, stratumCount: Int = 1,
                                  weights: FlemingHarrington = .logRank) -> LogRankStatistics {
        dispatch(time: time, event: event, group: group, groupCount: groupCount,
                 strata: strata, stratumCount: stratumCount, weights: weights)
    }

    /// As ``statistics(time:event:group:groupCount:strata:stratumCount:weights:)-([Double],[Bool],[Int32],Int,[Int32]?,Int,FlemingHarrington)`` with
    /// one-byte group codes.
    /// - Complexity: as the `Int32` variant.
    public static func statistics(time: [Double], event: [Bool], group: [UInt8], groupCount: Int,
                                  strata: [Int32]? = nil, stratumCount: Int = 1,
                                  weights: FlemingHarrington = .logRank) -> LogRankStatistics {
        dispatch(time: time, event: event, group: group, groupCount: groupCount,
                 strata: strata, stratumCount: stratumCount, weights: weights)
    }

    /// Bits needed to hold the codes 0..<count.
    private static func bits(_ count: Int) -> Int { count <= 1 ? 0 : Int.bitWidth - (count - 1).leadingZeroBitCount }

    /// Picks a 32-bit packed word when stratum, group and event fit in it, else 64 bits.
    private static func dispatch<Code: FixedWidthInteger>(
        time: [Double], event: [Bool], group: [Code], groupCount k: Int,
        strata: [Int32]?, stratumCount: Int, weights: FlemingHarrington
    ) -> LogRankStatistics {
        let n = time.count
        precondition(event.count == n && group.count == n, "time, event and group differ in length")
        precondition(k >= 1 && k <= Int(Int32.max) && stratumCount >= 1 && stratumCount <= Int(Int32.max))
        if let strata { precondition(strata.count == n, "strata differ in length from time") }
        let layout = Layout(codeBits: bits(k), stratumBits: strata == nil ? 0 : bits(stratumCount))
        if layout.totalBits <= 32 {
            return compute(UInt32.self, layout, time, event, group, k, strata, stratumCount, weights)
        }
        return compute(UInt64.self, layout, time, event, group, k, strata, stratumCount, weights)
    }

    /// Where the event flag, group code and stratum code sit in a packed word.
    private struct Layout {
        let codeBits: Int
        let stratumBits: Int
        var totalBits: Int { 1 + codeBits + stratumBits }
        var stratumShift: Int { 1 + codeBits }
        var codeMask: UInt64 { codeBits == 0 ? 0 : (UInt64(1) << UInt64(codeBits)) - 1 }
    }

    private static func compute<Word: FixedWidthInteger & UnsignedInteger & BitwiseCopyable, Code: FixedWidthInteger>(
        _: Word.Type, _ layout: Layout, _ time: [Double], _ event: [Bool], _ group: [Code], _ k: Int,
        _ strata: [Int32]?, _ stratumCount: Int, _ weights: FlemingHarrington
    ) -> LogRankStatistics {
        let n = time.count
        var keys = [UInt64](repeating: 0, count: n)
        var words = [Word](repeating: 0, count: n)
        var stratumSize = [Int](repeating: 0, count: stratumCount)
        keys.withUnsafeMutableBufferPointer { keys in
            words.withUnsafeMutableBufferPointer { words in
                for i in 0..<n {
                    let code = group[i]
                    precondition(code >= 0 && Int(code) < k, "group code out of range")
                    var word = Word(truncatingIfNeeded: Int(code)) << 1 | (event[i] ? 1 : 0)
                    if let strata {
                        let s = strata[i]
                        precondition(s >= 0 && Int(s) < stratumCount, "stratum code out of range")
                        word |= Word(truncatingIfNeeded: Int(s)) << Word(layout.stratumShift)
                        stratumSize[Int(s)] += 1
                    }
                    keys[i] = TimeKey.key(time[i] + 0.0)   // −0 and +0: one time
                    words[i] = word
                }
            }
        }
        if strata == nil { stratumSize[0] = n }

        // One sort by time, over all strata as survdiff does.
        RadixSort.sort(keys: &keys, payload: &words)

        // Group by stratum keeping time order (stable counting sort).
        if strata != nil && stratumCount > 1 {
            var next = [Int](repeating: 0, count: stratumCount)
            var running = 0
            for s in 0..<stratumCount { next[s] = running; running += stratumSize[s] }
            var byStratumKeys = [UInt64](repeating: 0, count: n)
            var byStratumWords = [Word](repeating: 0, count: n)
            let shift = Word(layout.stratumShift)
            for p in 0..<n {
                let s = Int(truncatingIfNeeded: words[p] >> shift)
                byStratumKeys[next[s]] = keys[p]
                byStratumWords[next[s]] = words[p]
                next[s] += 1
            }
            keys = byStratumKeys
            words = byStratumWords
        }

        var accumulator = LogRankAccumulator(groupCount: k, stratumCount: stratumCount, weights: weights)
        keys.withUnsafeBufferPointer { keys in
            words.withUnsafeBufferPointer { words in
                var start = 0
                for s in 0..<stratumCount {
                    let end = start + stratumSize[s]
                    accumulator.addStratum(s, keys: keys, words: words, range: start..<end, codeMask: layout.codeMask)
                    start = end
                }
            }
        }
        return accumulator.statistics(stratumSize: stratumSize)
    }
}
