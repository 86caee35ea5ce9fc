import GSLSupport
import Testing
@testable import TrialDesign

@Suite struct RankSortTests {
    func sorted(_ times: [Double]) -> (time: [Double], group: [UInt8]) {
        let m = times.count
        let time = UnsafeMutableBufferPointer<Double>.allocate(capacity: m), sortedTime = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
        let status = UnsafeMutableBufferPointer<Bool>.allocate(capacity: m), sortedStatus = UnsafeMutableBufferPointer<Bool>.allocate(capacity: m)
        let group = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: m), sortedGroup = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: m)
        defer { [time, sortedTime].forEach { $0.deallocate() }; [status, sortedStatus].forEach { $0.deallocate() }
                [group, sortedGroup].forEach { $0.deallocate() } }
        for i in 0..<m { time[i] = times[i]; status[i] = i % 2 == 0; group[i] = UInt8(i) }
        RankSort().sort(count: m, time: time, status: status, group: group, sortedTime: sortedTime,
                        sortedStatus: sortedStatus, sortedGroup: sortedGroup)
        for k in 0..<m { #expect(sortedStatus[k] == (sortedGroup[k] % 2 == 0)) }   // rows move whole
        return (Array(sortedTime), Array(sortedGroup))
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 29, 63, 64])
    func sortsRandomTimes(m: Int) {
        let stream = RandomStream(seed: UInt64(m), stream: 0)
        let times = (0..<m).map { _ in stream.uniform() * 40 }
        #expect(sorted(times).time == times.sorted())
    }

    /// Times that agree in their upper 32 bits (one rank for the SIMD count) are ordered by the
    /// insertion pass on their full values; equal ones, −0 and +0 included, keep their row order.
    @Test func timesAgreeingInTheirUpperHalvesAreOrderedExactly() {
        let e = 0x1p-50  // 1 + k·2⁻⁵⁰ share their upper 32 bits for small k
        let result = sorted([1 + 3 * e, 1 + e, 0.5, 1 + 2 * e, 1 + e, 1, 0, -0.0])
        #expect(result.time.map(\.bitPattern) == [0, -0.0, 0.5, 1, 1 + e, 1 + e, 1 + 2 * e, 1 + 3 * e].map(\.bitPattern))
        #expect(result.group == [6, 7, 2, 5, 1, 4, 3, 0])
    }

    /// The stable sort by time: (time, row) pairs in increasing time, ties in row order.
    func reference(_ times: [Double]) -> (time: [UInt64], group: [UInt8]) {
        let order = times.indices.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
        return (order.map { times[$0].bitPattern }, order.map { UInt8($0) })
    }

    /// Both key widths (16-bit scaled keys, and the 32-bit fallback forced by a +∞ time) give
    /// the stable sort, on random times with many ties (a half-unit grid) and on times that
    /// share their 16-bit keys (1e-9 apart) but not their values.
    @Test func bothKeyWidthsGiveTheStableSort() {
        let stream = RandomStream(seed: 11, stream: 0)
        for m in 1...64 {
            for variant in 0..<4 {
                var times = (0..<m).map { _ in (stream.uniform() * 20).rounded() / 2 }
                if variant == 1 { times = times.map { 30 + $0 * 1e-9 } }
                if variant == 2 { times = (0..<m).map { _ in stream.uniform() * 40 } }
                if variant == 3 { times[Int(stream.uniform() * Double(m))] = .infinity }
                let result = sorted(times)
                let expected = reference(times)
                #expect(result.time.map(\.bitPattern) == expected.time, "m \(m), variant \(variant)")
                #expect(result.group == expected.group, "m \(m), variant \(variant)")
            }
        }
    }

    /// All times 0 (no scale for 16-bit keys): the 32-bit keys, −0 and +0 in row order.
    @Test func allZeroTimesKeepRowOrder() {
        let result = sorted([0, -0.0, 0, -0.0])
        #expect(result.time.map(\.bitPattern) == [0, -0.0, 0, -0.0].map(\.bitPattern))
        #expect(result.group == [0, 1, 2, 3])
    }

    /// Equal times keep their row order (the padding's +∞ never counts as smaller).
    @Test func tiesKeepRowOrder() {
        let result = sorted([3, 1, 3, 2, 1, 3, .infinity])
        #expect(result.time == [1, 1, 2, 3, 3, 3, .infinity])
        #expect(result.group == [1, 4, 3, 0, 2, 5, 6])
    }
}

/// The rank sort that also counts, for each row, the censored times below it (the simulator's
/// usual path): the same stable sort, and the counts of a plain count on the full times, with
/// censored times equal to rows' times, sharing their keys, or above them all.
@Suite struct RankSortCensoredCountTests {
    @Test func sortsAndCountsTheCensoredTimesBelowEachRow() {
        let stream = RandomStream(seed: 31, stream: 0)
        let sorter = RankSort()
        for m in [1, 2, 5, 16, 27, 31, 32] {
            for variant in 0..<4 {
                var times = (0..<m).map { _ in stream.uniform() * 40 }
                if variant == 1 { times = times.map { ($0 / 4).rounded() } }
                if variant == 2 { times = times.map { 30 + $0 * 1e-9 } }
                let k = Int(stream.uniform() * 40)
                var censored = (0..<k).map { _ in stream.uniform() * 50 }
                // Some censored times equal to rows' times, or one ulp off them.
                for c in censored.indices where c % 3 == 0 && !times.isEmpty {
                    let t = times[Int(stream.uniform() * Double(m))]
                    censored[c] = c % 2 == 0 ? t : t.nextUp
                }
                if variant == 1 { censored = censored.map { ($0 / 4).rounded() } }
                if variant == 2 { censored = censored.map { 30 + $0 * 1e-9 } }
                censored.sort()
                let (sortedTimes, groups, before, used) = sort(sorter, times, censored)
                #expect(used, "m \(m), variant \(variant)")
                let order = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
                #expect(sortedTimes.map(\.bitPattern) == order.map { times[$0].bitPattern }, "m \(m), variant \(variant)")
                #expect(groups == order.map { UInt8($0) })
                #expect(before == order.map { i in Int32(censored.count { $0 < times[i] }) }, "m \(m), variant \(variant)")
            }
        }
    }

    /// The ranks alone (``RankSort/rankDistinct(count:time:group:censoredTime:sortedGroup:sortedCensoredBefore:)``):
    /// when it accepts, the groups and censored counts in the sort's slots; it declines exactly
    /// when two rows share a 16-bit key (equal times, or times closer than the keys' step).
    @Test func distinctRanksAreTheSortsSlots() {
        let stream = RandomStream(seed: 47, stream: 0)
        let sorter = RankSort()
        var accepted = 0, declined = 0
        for m in [1, 2, 5, 16, 27, 31, 32] {
            for variant in 0..<4 {
                var times = (0..<m).map { _ in stream.uniform() * 40 }
                // Equal times; times one ulp apart; times within one key step of each other.
                if variant == 1 && m > 1 { times[m - 1] = times[0] }
                if variant == 2 && m > 1 { times[m - 1] = times[0].nextUp }
                if variant == 3 { times = times.map { 30 + $0 * 1e-9 } }
                let k = Int(stream.uniform() * 40)
                var censored = (0..<k).map { _ in stream.uniform() * 50 }
                for c in censored.indices where c % 3 == 0 && !times.isEmpty {
                    let t = times[Int(stream.uniform() * Double(m))]
                    censored[c] = c % 2 == 0 ? t : t.nextUp
                }
                censored.sort()
                let largest = times.max()!
                let keys = times.map { Int16(truncatingIfNeeded: ($0 * (RankSort.scaledKeyLimit / largest) + 0x1p52).bitPattern) }
                let distinctKeys = Set(keys).count == m
                let (groups, before, used) = rank(sorter, times, censored)
                #expect(used == distinctKeys, "m \(m), variant \(variant)")
                if used {
                    accepted += 1
                    let (_, sortedGroups, sortedBefore, _) = sort(sorter, times, censored)
                    #expect(groups == sortedGroups, "m \(m), variant \(variant)")
                    #expect(before == sortedBefore, "m \(m), variant \(variant)")
                } else {
                    declined += 1
                }
            }
        }
        // Both outcomes exercised.
        #expect(accepted >= 7 && declined >= 7, "accepted \(accepted), declined \(declined)")
        let (_, _, used) = rank(sorter, [1, .infinity, 2], [0.5])
        #expect(!used)
    }

    func rank(_ sorter: RankSort, _ times: [Double], _ censored: [Double]) -> ([UInt8], [Int32], Bool) {
        let m = times.count
        var time = times, group = (0..<m).map { UInt8($0) }
        var sortedGroup = [UInt8](repeating: 0, count: m), before = [Int32](repeating: -1, count: m)
        let used = time.withUnsafeMutableBufferPointer { t in
            group.withUnsafeMutableBufferPointer { g in
                censored.withUnsafeBufferPointer { c in
                    sortedGroup.withUnsafeMutableBufferPointer { sg in
                        before.withUnsafeMutableBufferPointer { b in
                            sorter.rankDistinct(count: m, time: t, group: g, censoredTime: c, sortedGroup: sg,
                                                sortedCensoredBefore: b.baseAddress!)
                        }
                    }
                }
            }
        }
        return (sortedGroup, before, used)
    }

    /// Without 16-bit keys (a time +∞) nothing is written and the caller sorts otherwise.
    @Test func declinesWithoutKeys() {
        let (_, _, _, used) = sort(RankSort(), [1, .infinity, 2], [0.5])
        #expect(!used)
    }

    func sort(_ sorter: RankSort, _ times: [Double], _ censored: [Double]) -> ([Double], [UInt8], [Int32], Bool) {
        let m = times.count
        var time = times, status = times.map { _ in true }, group = (0..<m).map { UInt8($0) }
        var sortedTime = [Double](repeating: .nan, count: m), sortedStatus = [Bool](repeating: false, count: m)
        var sortedGroup = [UInt8](repeating: 0, count: m), before = [Int32](repeating: -1, count: m)
        let used = time.withUnsafeMutableBufferPointer { t in
            status.withUnsafeMutableBufferPointer { s in
                group.withUnsafeMutableBufferPointer { g in
                    censored.withUnsafeBufferPointer { c in
                        sortedTime.withUnsafeMutableBufferPointer { st in
                            sortedStatus.withUnsafeMutableBufferPointer { ss in
                                sortedGroup.withUnsafeMutableBufferPointer { sg in
                                    before.withUnsafeMutableBufferPointer { b in
                                        sorter.sort(count: m, time: t, status: s, group: g, censoredTime: c,
                                                    sortedTime: st, sortedStatus: ss, sortedGroup: sg,
                                                    sortedCensoredBefore: b.baseAddress!)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (sortedTime, sortedGroup, before, used)
    }
}
