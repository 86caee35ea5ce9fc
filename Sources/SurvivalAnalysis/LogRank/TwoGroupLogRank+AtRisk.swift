extension TwoGroupLogRank {
    /// The log-rank statistic (weights G(0, 0)) of a run of rows in increasing time together with
    /// further censored rows that are given only by their counts: for each row p of the run, how
    /// many of the censored rows have left before its time (`censoredBefore[p]`, the number with a
    /// time strictly below it: one censored at an event time is still at risk there, as in R's
    /// `survdiff`), and, for each such count c, how many of the censored rows still at risk are in
    /// the first group (`firstGroupCensoredFrom[c]`).
    ///
    /// The trial simulator counts the censored rows below each row with SIMD comparisons while it
    /// sorts the run, so that this pass has no branch on the data: merging the two runs here (as
    /// ``init(observedTime:observedEvent:observedGroup:censoredTime:censoredGroup:secondGroupRows:)``
    /// does) moves through the censored rows in steps the processor mispredicts about once per event.
    /// Numerically the same, bit for bit: the same whole-number risk sets give the same terms, added
    /// in the same order.
    /// - Parameters:
    ///   - observedTime: times of the run, non-decreasing.
    ///   - observedEvent: whether each row of the run is an event (else censored).
    ///   - observedGroup: group codes of the run: 0 for the first group, 1 for the second.
    ///   - censoredBefore: for each row of the run, the number of censored rows with a smaller
    ///     time; non-decreasing, at most the number k of censored rows.
    ///   - firstGroupCensoredFrom: k + 1 counts: entry c is the number of first-group rows among
    ///     the censored rows c ..< k in time order (so entry k is 0).
    /// - Precondition: as stated; checked only for the arrays' lengths and the counts' range.
    /// - Complexity: O(rows of the run), no allocation.
    package init(observedTime: UnsafeBufferPointer<Double>, observedEvent: UnsafeBufferPointer<Bool>,
                 observedGroup: UnsafeBufferPointer<UInt8>, censoredBefore: UnsafeBufferPointer<Int32>,
                 firstGroupCensoredFrom: UnsafeBufferPointer<Int32>) {
        let m = observedTime.count, k = firstGroupCensoredFrom.count &- 1
        precondition(observedEvent.count == m && observedGroup.count == m && censoredBefore.count == m,
                     "time, event, group and censored counts differ in length")
        precondition(k >= 0, "the censored counts need an entry for no censored row")
        var secondObserved = 0
        for g in observedGroup { secondObserved &+= Int(g) }
        var observed = 0.0, expected = 0.0, variance = 0.0, events = 0
        // First-group rows of the run at or after row p.
        var firstObserved = m &- secondObserved
        let unitDeath = UnitDeathTerms.table.baseAddress!, width = UnitDeathTerms.largest &+ 1
        var p = 0
        while p < m {
            let c = Int(censoredBefore[p])
            precondition(c >= 0 && c <= k, "a censored count outside 0...k")
            let atRisk = (m &- p) &+ (k &- c)
            let first = firstObserved &+ Int(firstGroupCensoredFrom[c])
            let (q, deaths, firstDeaths, firstLeaving) = Self.tiedRun(
                from: p, time: observedTime, event: observedEvent, group: observedGroup)
            if deaths == 1 && atRisk <= UnitDeathTerms.largest {
                // One death (nearly every event time of a simulated trial): its terms tabulated,
                // the same bits as the lines below give.
                let terms = unitDeath[atRisk &* width &+ first]
                observed += Double(firstDeaths)
                expected += terms[0]
                if atRisk > 1 { variance += terms[1] }
                events &+= 1
            } else if deaths > 0 {
                // The terms of the two-run pass, so the sums are the same bits.
                let terms = Self.unitWeightTerms(atRisk: atRisk, deaths: deaths, firstAtRisk: first)
                observed += Double(firstDeaths)
                expected += terms.expected
                if let v = terms.variance { variance += v }
                events &+= deaths
            }
            firstObserved &-= firstLeaving
            p = q
        }
        self.init(observed: observed, expected: expected, variance: variance, events: events)
    }
}
