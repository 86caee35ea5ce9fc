import Testing
@testable import SurvivalAnalysis

@Suite struct KeyedSortTests {
    /// Sorts keys with their own index as payload and checks order and pairing.
    func check(_ input: [UInt64]) {
        var keys = input
        var payload = (0..<Int32(input.count)).map { $0 }
        KeyedSort.sort(keys: &keys, payload: &payload)
        #expect(keys == input.sorted())
        #expect(payload.map { input[Int($0)] } == keys, "payload travels with its key")
        #expect(Set(payload).count == input.count)
    }

    func randomKeys(_ n: Int, seed: UInt64, distinct: Int? = nil) -> [UInt64] {
        var g = LogRankTests.Generator(state: seed)
        return (0..<n).map { _ in distinct.map { UInt64(g.below($0)) } ?? g.next() }
    }

    @Test(arguments: [0, 1, 2, 17, 100, 2047, 2048, 5000, 70_000])
    func sortsRandomKeys(n: Int) {
        check(randomKeys(n, seed: UInt64(n) + 1))
    }

    @Test(arguments: [100, 5000])
    func sortsHeavilyTiedKeys(n: Int) {
        check(randomKeys(n, seed: 3, distinct: 7))
    }

    @Test func sortsAdversarialOrdersWithoutQuadraticBlowUp() {
        check((0..<2000).map { UInt64($0) })
        check((0..<2000).reversed().map { UInt64($0) })
        check([UInt64](repeating: 5, count: 2000))
        // Organ pipe.
        check((0..<1000).map { UInt64($0) } + (0..<1000).reversed().map { UInt64($0) })
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
        KeyedSort.sort(keys: &keys, payload: &payload)
        #expect(keys.map(TimeKey.value) == values.sorted())
    }
}
