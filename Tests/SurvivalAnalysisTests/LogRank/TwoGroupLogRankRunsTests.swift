import Testing
@testable import SurvivalAnalysis

/// The two-run entry points (censored rows as a run, or as counts below each row) are the pass
/// on the merged rows: equal statistics bit for bit, ties within and across the runs included,
/// and edge cases (an empty run, all censored, one event).
@Suite struct TwoGroupLogRankRunsTests {
    /// Splits rows into a first run (every event and, with `censoredFirst`, every other censored
    /// row) and a second run of censored rows, each sorted by time, and compares the two-run
    /// statistic with the sorting kernel's on the same rows.
    func check(_ time: [Double], _ event: [Bool], _ group: [UInt8], censoredFirst: Bool, _ label: String) {
        var firstRun: [Int] = [], secondRun: [Int] = []
        var censoredSeen = 0
        for i in time.indices {
            if event[i] {
                firstRun.append(i)
            } else {
                censoredSeen += 1
                if censoredFirst && censoredSeen % 2 == 0 { firstRun.append(i) } else { secondRun.append(i) }
            }
        }
        // Equal times in reverse row order in one run, in row order in the other.
        firstRun.sort { (time[$0], $1) < (time[$1], $0) }
        secondRun.sort { (time[$0], $0) < (time[$1], $1) }
        let sorting = TwoGroupLogRank(time: time, event: event, group: group)
        let oTime = firstRun.map { time[$0] }, oEvent = firstRun.map { event[$0] }, oGroup = firstRun.map { group[$0] }
        let cTime = secondRun.map { time[$0] }, cGroup = secondRun.map { group[$0] }
        let runs = Self.runs(observedTime: oTime, observedEvent: oEvent, observedGroup: oGroup,
                             censoredTime: cTime, censoredGroup: cGroup)
        #expect(runs == sorting, "\(label)")
        #expect(runs.z.bitPattern == sorting.z.bitPattern, "\(label)")
    }

    /// Integer times in 0..<40 for 56 rows: many ties, within each run and across the runs.
    @Test(arguments: [false, true])
    func equalsTheSortingKernelBitForBitOnTiedData(censoredFirst: Bool) {
        for seed in UInt64(1)...40 {
            let d = LogRankTests.tied(56, groups: 2, strata: 1, seed: seed)
            check(d.time, d.event, d.group.map { UInt8($0) }, censoredFirst: censoredFirst, "seed \(seed)")
        }
    }

    /// Continuous times, every event in the first run, risk sets up to the one-death table's
    /// limit (the simulator's usual trial): the distinct-event pass among the entry points.
    @Test func distinctEventsEqualTheSortingKernel() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func uniform() -> Double { // xorshift64*
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return Double((state &* 0x2545_F491_4F6C_DD1D) >> 11) * 0x1p-53
        }
        for rows in [1, 2, 3, 10, 27, 40, 56, 64] {
            for replicate in 0..<25 {
                let time = (0..<rows).map { _ in 0.001 + 60 * uniform() }
                // Some censored rows at an event's time (still at risk there).
                var timed = time
                if rows > 3 { timed[rows - 1] = timed[0] }
                let event = (0..<rows).map { i in i != rows - 1 && uniform() < 0.6 }
                let group = (0..<rows).map { _ in UInt8(uniform() < 0.5 ? 0 : 1) }
                check(timed, event, group, censoredFirst: false, "\(rows) rows, replicate \(replicate)")
            }
        }
    }

    @Test func equalsTheSortingKernelOnEdgeCases() {
        // All censored (z is NaN in both), one event, every row an event, a censored row at the
        // only event time, and the first group alone.
        check([3, 1, 2], [false, false, false], [0, 1, 0], censoredFirst: false, "all censored")
        check([3, 1, 2, 5], [false, true, false, false], [0, 1, 0, 1], censoredFirst: false, "one event")
        check([4, 1, 2, 2], [true, true, true, true], [0, 1, 1, 0], censoredFirst: false, "all events")
        check([2, 2, 1, 3], [true, false, false, false], [0, 1, 0, 1], censoredFirst: false, "censored at the event time")
        check([2, 5, 1], [true, false, true], [0, 0, 0], censoredFirst: false, "one group")
    }

    /// The statistic itself, by hand, so the comparison cannot pass on a shared mistake: events
    /// at 1 (group 0; 4 at risk, 2 of them in group 0) and 3 (group 1; 2 at risk, 1 in group 0),
    /// censored at 2 (group 1) and 4 (group 0): O = 1, E = 1·2/4 + 1·1/2 = 1,
    /// V = (1·3/4/3)·2·(1 − 2/4) + (1·1/2/1)·1·(1 − 1/2) = 1/4 + 1/4 (all exact in binary).
    @Test func matchesAHandComputation() {
        let r = Self.runs(observedTime: [1, 3], observedEvent: [true, true], observedGroup: [0, 1],
                          censoredTime: [2, 4], censoredGroup: [1, 0])
        #expect(r.observed == 1)
        #expect(r.expected == 1)
        #expect(r.variance == 0.5)
        #expect(r.events == 2)
    }

    static func runs(observedTime: [Double], observedEvent: [Bool], observedGroup: [UInt8],
                     censoredTime: [Double], censoredGroup: [UInt8]) -> TwoGroupLogRank {
        observedTime.withUnsafeBufferPointer { ot in
            observedEvent.withUnsafeBufferPointer { oe in
                observedGroup.withUnsafeBufferPointer { og in
                    censoredTime.withUnsafeBufferPointer { ct in
                        censoredGroup.withUnsafeBufferPointer { cg in
                            let counting = TwoGroupLogRank(observedTime: ot, observedEvent: oe, observedGroup: og,
                                                           censoredTime: ct, censoredGroup: cg)
                            // The entry point for callers that counted the second group themselves
                            // (the simulator) gives the same bits.
                            let second = (observedGroup + censoredGroup).reduce(0) { $0 + Int($1) }
                            let given = TwoGroupLogRank(observedTime: ot, observedEvent: oe, observedGroup: og,
                                                        censoredTime: ct, censoredGroup: cg, secondGroupRows: second)
                            #expect(given == counting)
                            #expect(given.z.bitPattern == counting.z.bitPattern)
                            // The entry point given the censored rows' counts only (the simulator's
                            // usual path) gives the same bits too.
                            let before = observedTime.map { t in Int32(censoredTime.count { $0 < t }) }
                            let firstFrom = (0...censoredTime.count).map { c in
                                Int32(censoredGroup[c...].count { $0 == 0 })
                            }
                            let counted = before.withUnsafeBufferPointer { b in
                                firstFrom.withUnsafeBufferPointer { f in
                                    TwoGroupLogRank(observedTime: ot, observedEvent: oe, observedGroup: og,
                                                    censoredBefore: b, firstGroupCensoredFrom: f)
                                }
                            }
                            #expect(counted == counting)
                            #expect(counted.z.bitPattern == counting.z.bitPattern)
                            // Every row of the first run an event at a time of its own: the
                            // distinct-event pass (groups and counts only) gives the same bits.
                            if observedEvent.allSatisfy({ $0 }) && Set(observedTime).count == observedTime.count
                                && observedTime.count + censoredTime.count <= UnitDeathTerms.largest {
                                let distinct = before.withUnsafeBufferPointer { b in
                                    firstFrom.withUnsafeBufferPointer { f in
                                        TwoGroupLogRank(distinctEventGroup: og, censoredBefore: b, firstGroupCensoredFrom: f)
                                    }
                                }
                                #expect(distinct == counting)
                                #expect(distinct.z.bitPattern == counting.z.bitPattern)
                            }
                            return counting
                        }
                    }
                }
            }
        }
    }
}
