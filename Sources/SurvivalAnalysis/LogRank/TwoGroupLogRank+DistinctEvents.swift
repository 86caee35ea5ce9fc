extension TwoGroupLogRank {
    /// The log-rank statistic (weights G(0, 0)) of a run of events at distinct times, given in
    /// increasing time by their groups alone, together with censored rows given by their counts
    /// as in ``init(observedTime:observedEvent:observedGroup:censoredBefore:firstGroupCensoredFrom:)``:
    /// that pass when every row of the run is an event and no two share a time, which is every
    /// simulated trial without dropout whose event times are all different (nearly all of them).
    ///
    /// Each event time then has one death, so each term is read from ``UnitDeathTerms`` with no
    /// branch at all: no search for tied rows, no test of the death count. The terms are the ones
    /// that pass reads (the same table, indexed by the same whole-number risk sets) added in the
    /// same order, and the table's variance term is 0 for a lone row at risk (which that pass
    /// does not add; adding +0 to the non-negative sum leaves its bits), so the statistic is the
    /// same bit for bit.
    /// - Parameters:
    ///   - distinctEventGroup: the group of each event, in increasing time (0 for the first
    ///     group, 1 for the second).
    ///   - censoredBefore: for each event, the number of censored rows with a smaller time;
    ///     non-decreasing, at most the number k of censored rows.
    ///   - firstGroupCensoredFrom: k + 1 counts: entry c is the number of first-group rows among
    ///     the censored rows c ..< k in time order (entry k is 0).
    /// - Precondition: events plus censored rows at most ``UnitDeathTerms/largest``; the counts in
    ///   range (checked); the times distinct (not checked: the caller knows it from its sort).
    /// - Complexity: O(events), no allocation.
    package init(distinctEventGroup group: UnsafeBufferPointer<UInt8>, censoredBefore: UnsafeBufferPointer<Int32>,
                 firstGroupCensoredFrom: UnsafeBufferPointer<Int32>) {
        let m = group.count, k = firstGroupCensoredFrom.count &- 1
        precondition(censoredBefore.count == m, "groups and censored counts differ in length")
        precondition(k >= 0 && m &+ k <= UnitDeathTerms.largest, "a risk set beyond the table of one-death terms")
        var second = 0
        for g in group { second &+= Int(g) }
        // First-group events at or after event p.
        var firstObserved = m &- second
        let unitDeath = UnitDeathTerms.table.baseAddress!, width = UnitDeathTerms.largest &+ 1
        let from = firstGroupCensoredFrom.baseAddress!
        // (expected, variance), both sums added in time order as the scalar passes add them.
        var sums = SIMD2<Double>(0, 0)
        for p in 0..<m {
            let c = Int(censoredBefore[p])
            precondition(UInt(bitPattern: c) <= UInt(k), "a censored count outside 0...k")
            let atRisk = (m &- p) &+ (k &- c)
            sums += unitDeath[atRisk &* width &+ firstObserved &+ Int(from[c])]
            firstObserved &-= Int(1 &- group[p])
        }
        self.init(observed: Double(m &- second), expected: sums[0], variance: sums[1], events: m)
    }
}
