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
