import Testing
@testable import SurvivalAnalysis

@Suite struct TimeRadixSortTests {
    func check(_ values: [Double]) {
        let (order, sorted) = values.withUnsafeBufferPointer(TimeRadixSort.sort)
        #expect(sorted == values.sorted())
        #expect(order.map { values[Int($0)] } == sorted)
        #expect(Set(order).count == values.count)
    }

    @Test func sortsLargeInputsWithTiesAndSigns() {
        var g = LogRankTests.Generator(state: 42)
        let values = (0..<20_000).map { i -> Double in
            switch i % 4 {
            case 0: return Double(g.below(100))
            case 1: return g.uniform() * 1e6
            case 2: return -g.uniform() * 10
            default: return i % 8 == 3 ? -0.0 : 1e-300 * g.uniform()
            }
        }
        check(values)
    }

    @Test func sortsSmallInputs() {
        check([3, 1, 2, 2, 0, -1])
        check([])
        check([5])
    }

    @Test func integerTimesSkipDigitsButStillSort() {
        check((0..<5000).map { Double(($0 * 7919) % 1000) })
    }

    @Test func keysRoundTripAndKeepOrder() {
        let xs: [Double] = [-.greatestFiniteMagnitude, -1, -.leastNonzeroMagnitude, -0.0, 0, .leastNonzeroMagnitude, 1, 1e300]
        for x in xs { #expect(TimeRadixSort.value(TimeRadixSort.key(x)).bitPattern == x.bitPattern) }
        for (a, b) in zip(xs, xs.dropFirst()) { #expect(TimeRadixSort.key(a) < TimeRadixSort.key(b)) }
    }
}
