import Testing
import TestSupport
@testable import SurvivalAnalysis

/// The one sort (``RadixSort``): its payload entry point (formerly KeyedSort's and the
/// Kaplan–Meier radix sort's tests) and its index-permutation entry point (formerly
/// StableOrder's), with assertions as they were, plus stability.
@Suite struct RadixSortTests {
    // MARK: Keys with a payload

    /// Sorts keys with their own index as payload and checks order, pairing and stability.
    func check(_ input: [UInt64]) {
        var keys = input
        var payload = (0..<Int32(input.count)).map { $0 }
        RadixSort.sort(keys: &keys, payload: &payload)
        #expect(keys == input.sorted())
        #expect(payload.map { input[Int($0)] } == keys, "payload travels with its key")
        #expect(Set(payload).count == input.count)
        #expect(zip(payload, payload.dropFirst()).allSatisfy { a, b in input[Int(a)] != input[Int(b)] || a < b },
                "equal keys keep their input order")
    }

    func randomKeys(_ n: Int, seed: UInt64, distinct: Int? = nil) -> [UInt64] {
        var g = LogRankTests.Generator(state: seed)
        return (0..<n).map { _ in distinct.map { UInt64(g.below($0)) } ?? g.next() }
    }

    @Test(arguments: [0, 1, 2, 17, 63, 64, 65, 100, 2047, 2048, 5000, 65_535, 70_000])
    func sortsRandomKeys(n: Int) {
        check(randomKeys(n, seed: UInt64(n) + 1))
    }

    @Test(arguments: [100, 5000, 70_000])
    func sortsHeavilyTiedKeys(n: Int) {
        check(randomKeys(n, seed: 3, distinct: 7))
    }

    @Test func sortsAdversarialOrdersWithoutQuadraticBlowUp() {
        check((0..<2000).map { UInt64($0) })
        check((0..<2000).reversed().map { UInt64($0) })
        check([UInt64](repeating: 5, count: 2000))
        // Organ pipe.
        check((0..<1000).map { UInt64($0) } + (0..<1000).reversed().map { UInt64($0) })
        // Long runs sharing the upper half, finished by the low-bit passes.
        check((0..<70_000).reversed().map { UInt64($0) | 0xABCD_0000_0000_0000 })
        check((0..<3000).reversed().map { UInt64($0 % 1500) | 0x1234_5678_0000_0000 })
    }

    @Test func doubleTimesSortThroughTheirKeys() {
        var g = LogRankTests.Generator(state: 42)
        let values = (0..<20_000).map { i -> Double in
            switch i % 4 {
            case 0: return Double(g.below(100))
            case 1: return g.uniform() * 1e6
            case 2: return -g.uniform() * 10
            default: return i % 8 == 3 ? -0.0 : 1e-300 * g.uniform()
            }
        }
        var keys = values.map(TimeKey.key)
        var payload = (0..<Int32(values.count)).map { $0 }
        RadixSort.sort(keys: &keys, payload: &payload)
        #expect(keys.map(TimeKey.value) == values.sorted())
    }

    // MARK: Kaplan–Meier time keys (event flags as payload)

    /// Sorts curve keys with event flags and checks the times come out in order and nothing is lost.
    static func checkCurveKeys(_ times: [Double], seed: UInt64) {
        var stream = SplitMix(seed: seed)
        let flags = times.map { _ in UInt8(stream.next() % 2) }
        var keys = times.map(CurveKey.make)
        var payload = flags
        RadixSort.sort(keys: &keys, payload: &payload)
        let pairs = zip(times.map(CurveKey.make), flags).map { [$0.0, UInt64($0.1)] }
        #expect(zip(keys, payload).map { [$0.0, UInt64($0.1)] }.sorted { $0.lexicographicallyPrecedes($1) }
                == pairs.sorted { $0.lexicographicallyPrecedes($1) }, "same multiset")
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 }, "ordered by time")
    }

    @Test(arguments: [0, 1, 2, 31, 32, 33, 1000, 70_000] as [Int])
    func randomDoubles(n: Int) {
        var stream = SplitMix(seed: UInt64(n))
        Self.checkCurveKeys((0..<n).map { _ in Double(stream.next() >> 11) / 1e3 }, seed: 1)
    }

    @Test func integerDaysWithHeavyTies() {
        var stream = SplitMix(seed: 3)
        Self.checkCurveKeys((0..<60_000).map { _ in Double(stream.next() % 1_000) }, seed: 2)
    }

    @Test func timesThatDifferOnlyInTheLastMantissaBits() {
        var stream = SplitMix(seed: 4)
        Self.checkCurveKeys((0..<20_000).map { _ in Double(bitPattern: 0x3FF0_0000_0000_0000 | (stream.next() % 512)) }, seed: 3)
    }

    @Test func wideRangeOfMagnitudesAndZero() {
        var stream = SplitMix(seed: 5)
        let times = (0..<30_000).map { i -> Double in
            i % 10 == 0 ? 0 : Double(stream.next() % 1_000_000) * Double(sign: .plus, exponent: Int(stream.next() % 80) - 40, significand: 1)
        }
        Self.checkCurveKeys(times, seed: 4)
    }

    @Test func oneTimeOnly() {
        Self.checkCurveKeys([Double](repeating: 7.25, count: 10_000), seed: 5)
    }

    // MARK: Stable order as an index permutation

    /// Small and large inputs (insertion sort, 8-, 11- and 16-bit digits) must agree with a
    /// stable comparison sort, including negative numbers, zeros and many ties.
    @Test(arguments: [10, 5000, 70000])
    func orderMatchesStableSort(_ n: Int) {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int64(bitPattern: state >> 11) % 2001 - 1000) / 8   // ties and negatives
        }
        var keys = (0..<n).map { _ in next() }
        if n > 3 { keys[0] = -0.0; keys[1] = 0.0; keys[2] = 1e300; keys[3] = -1e-300 }
        let expected = (0..<n).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        #expect(RadixSort.order(keys).map(Int.init) == expected)
        // Stability: equal keys keep index order (−0 and +0 included: they are one key).
        let order = RadixSort.order(keys)
        for k in 1..<order.count where keys[Int(order[k])] == keys[Int(order[k - 1])] {
            #expect(order[k] > order[k - 1])
        }
    }
}
