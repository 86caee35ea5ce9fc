extension TwoGroupLogRank {
    /// The log-rank statistic (weights G(0, 0)) of rows that come as two runs, each already in
    /// increasing time, without merging them into one table: the trial simulator's rows whose
    /// outcome is in by the cut (events and dropouts, which it sorts) and the rows censored at the
    /// cut (which come out of its row building in order). Only the first run is walked row by
    /// row; the second only moves the risk set, and the merge is never made.
    ///
    /// Numerically the same as ``init(sortedTime:event:group:)`` on the merged rows, bit for bit:
    /// the same terms at the same event times in the same order. The at-risk counts are whole
    /// numbers, so counting them as integers instead of decrementing doubles changes nothing;
    /// a censored row at an event time is at risk there (it leaves after that time), as in R's
    /// `survdiff`.
    /// - Parameters:
    ///   - observedTime: times of the first run, non-decreasing.
    ///   - observedEvent: whether each row of the first run is an event (else censored).
    ///   - observedGroup: group codes of the first run: 0 for the first group, 1 for the second.
    ///   - censoredTime: times of the second run (all censored), non-decreasing.
    ///   - censoredGroup: group codes of the second run, 0 or 1.
    /// - Precondition: each run's arrays of equal length; times finite and non-decreasing within
    ///   a run; group codes 0 or 1.
    /// - Complexity: O(rows), no allocation.
    package init(observedTime: UnsafeBufferPointer<Double>, observedEvent: UnsafeBufferPointer<Bool>,
                 observedGroup: UnsafeBufferPointer<UInt8>, censoredTime: UnsafeBufferPointer<Double>,
                 censoredGroup: UnsafeBufferPointer<UInt8>) {
        var second = 0
        var codes: UInt8 = 0
        for g in observedGroup {
            second &+= Int(g)
            codes |= g
        }
        for g in censoredGroup {
            second &+= Int(g)
            codes |= g
        }
        precondition(codes <= 1, "two-group codes must be 0 or 1")
        self.init(observedTime: observedTime, observedEvent: observedEvent, observedGroup: observedGroup,
                  censoredTime: censoredTime, censoredGroup: censoredGroup, secondGroupRows: second)
    }

    /// As ``init(observedTime:observedEvent:observedGroup:censoredTime:censoredGroup:)`` for a
    /// caller that has counted the rows of the second group (code 1) in both runs while building
    /// them (the trial simulator), so the codes are not read twice.
    /// - Parameter secondGroupRows: the number of rows, in both runs, whose group code is 1.
    /// - Precondition: as the counting initialiser; `secondGroupRows` is that count (not checked
    ///   beyond its range).
    /// - Complexity: O(rows), no allocation.
    package init(observedTime: UnsafeBufferPointer<Double>, observedEvent: UnsafeBufferPointer<Bool>,
                 observedGroup: UnsafeBufferPointer<UInt8>, censoredTime: UnsafeBufferPointer<Double>,
                 censoredGroup: UnsafeBufferPointer<UInt8>, secondGroupRows second: Int) {
        let m = observedTime.count, k = censoredTime.count
        precondition(observedEvent.count == m && observedGroup.count == m && censoredGroup.count == k,
                     "time, event and group differ in length")
        precondition(second >= 0 && second <= m + k, "more second-group rows than rows")
        var observed = 0.0, expected = 0.0, variance = 0.0, events = 0
        // Rows with a time at or after the current one, and those of them in the first group.
        var atRisk = m &+ k
        var first = atRisk &- second
        var c = 0
        var p = 0
        while p < m {
            let key = observedTime[p]
            // Censored rows before this time have left; those at it are still at risk.
            while c < k && censoredTime[c] < key {
                atRisk &-= 1
                first &-= Int(1 &- censoredGroup[c])
                c &+= 1
            }
            let (q, deaths, firstDeaths, firstLeaving) = Self.tiedRun(
                from: p, time: observedTime, event: observedEvent, group: observedGroup)
            if deaths > 0 {
                let terms = Self.unitWeightTerms(atRisk: atRisk, deaths: deaths, firstAtRisk: first)
                observed += Double(firstDeaths)
                expected += terms.expected
                if let v = terms.variance { variance += v }
                events &+= deaths
            }
            first &-= firstLeaving
            atRisk &-= q &- p
            p = q
        }
        self.init(observed: observed, expected: expected, variance: variance, events: events)
    }

    /// The terms of one event time with the weight 1: d deaths among n at risk, n₁ of them in
    /// the first group — the expected first-group deaths d · (1/n) · n₁ and, when n > 1, the
    /// hypergeometric variance t − t · (1/n) · n₁ with t = d (n − d) (1/n) / (n − 1) · n₁ —
    /// written as ``pass(keys:firstAtRisk:weights:flags:)`` writes them (1 · x is x exactly), so
    /// every pass that adds them in event order gets the same bits.
    @inline(__always)
    static func unitWeightTerms(atRisk: Int, deaths: Int, firstAtRisk: Int) -> (expected: Double, variance: Double?) {
        let nr = Double(atRisk), d = Double(deaths), inverse = 1 / nr
        let atRiskFirst = Double(firstAtRisk)
        let expected = d * inverse * atRiskFirst
        guard atRisk > 1 else { return (expected, nil) }
        let kt = d * (nr - d) * inverse / (nr - 1)
        let t = kt * atRiskFirst
        return (expected, t - t * inverse * atRiskFirst)
    }

    /// Row p of a run in increasing time and the rows tied with it (rare with continuous times,
    /// so the loop of ties is entered only when the next time is equal).
    /// - Returns: the first row after them, their deaths, first-group deaths and first-group rows.
    @inline(__always)
    static func tiedRun(from p: Int, time: UnsafeBufferPointer<Double>, event: UnsafeBufferPointer<Bool>,
                        group: UnsafeBufferPointer<UInt8>) -> (next: Int, deaths: Int, firstDeaths: Int, firstLeaving: Int) {
        let m = time.count, key = time[p]
        let isFirst = Int(1 &- group[p])
        let died = Int(unsafeBitCast(event[p], to: UInt8.self))
        var deaths = died, firstDeaths = died & isFirst, firstLeaving = isFirst
        var q = p &+ 1
        while q < m && time[q] == key {
            let isFirst = Int(1 &- group[q])
            let died = Int(unsafeBitCast(event[q], to: UInt8.self))
            deaths &+= died
            firstDeaths &+= died & isFirst
            firstLeaving &+= isFirst
            q &+= 1
        }
        return (q, deaths, firstDeaths, firstLeaving)
    }
}
