import Testing
@testable import SurvivalAnalysis

/// The sorted-input entry point is the same pass as the sorting one: equal statistics bit for
/// bit, ties included, whatever order equal times come in.
@Suite struct TwoGroupLogRankSortedTests {
    @Test func equalsTheSortingKernelBitForBit() {
        for seed in UInt64(1)...40 {
            let d = LogRankTests.tied(56, groups: 2, strata: 1, seed: seed)
            let group = d.group.map { UInt8($0) }
            let sorting = TwoGroupLogRank(time: d.time, event: d.event, group: group)
            // Sorted by time, equal times in reverse row order (the kernel must not care).
            let order = d.time.indices.sorted { (d.time[$0], $1) < (d.time[$1], $0) }
            let time = order.map { d.time[$0] }, event = order.map { d.event[$0] }, arms = order.map { group[$0] }
            let sorted = time.withUnsafeBufferPointer { t in
                event.withUnsafeBufferPointer { e in
                    arms.withUnsafeBufferPointer { g in TwoGroupLogRank(sortedTime: t, event: e, group: g) }
                }
            }
            #expect(sorted == sorting, "seed \(seed)")
            #expect(sorted.z.bitPattern == sorting.z.bitPattern)
        }
    }
}
