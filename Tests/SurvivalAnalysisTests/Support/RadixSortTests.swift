import Testing
import TestSupport
@testable import SurvivalAnalysis

@Suite struct RadixSortTests {
    /// Sorts with RadixSort and checks the time bits come out in order and nothing is lost.
    static func check(_ keys: [UInt64]) {
        var sorted = keys
        var scratch = [UInt64](repeating: 0, count: keys.count)
        sorted.withUnsafeMutableBufferPointer { k in
            scratch.withUnsafeMutableBufferPointer { s in RadixSort.sort(k, scratch: s) }
        }
        #expect(sorted.sorted() == keys.sorted(), "same multiset")
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0 >> 1 <= $1 >> 1 }, "ordered by time")
    }

    static func keys(_ times: [Double], seed: UInt64) -> [UInt64] {
        var stream = SplitMix(seed: seed)
        return times.map { EventTimeKey.make(time: $0, event: stream.next() % 2 == 0) }
    }

    @Test(arguments: [0, 1, 2, 31, 32, 33, 1000, 70_000] as [Int])
    func randomDoubles(n: Int) {
        var stream = SplitMix(seed: UInt64(n))
        Self.check(Self.keys((0..<n).map { _ in Double(stream.next() >> 11) / 1e3 }, seed: 1))
    }

    @Test func integerDaysWithHeavyTies() {
        var stream = SplitMix(seed: 3)
        Self.check(Self.keys((0..<60_000).map { _ in Double(stream.next() % 1_000) }, seed: 2))
    }

    @Test func timesThatDifferOnlyInTheLastMantissaBits() {
        var stream = SplitMix(seed: 4)
        Self.check(Self.keys((0..<20_000).map { _ in Double(bitPattern: 0x3FF0_0000_0000_0000 | (stream.next() % 512)) }, seed: 3))
    }

    @Test func wideRangeOfMagnitudesAndZero() {
        var stream = SplitMix(seed: 5)
        let times = (0..<30_000).map { i -> Double in
            i % 10 == 0 ? 0 : Double(stream.next() % 1_000_000) * Double(sign: .plus, exponent: Int(stream.next() % 80) - 40, significand: 1)
        }
        Self.check(Self.keys(times, seed: 4))
    }

    @Test func oneTimeOnly() {
        Self.check(Self.keys([Double](repeating: 7.25, count: 10_000), seed: 5))
    }
}
