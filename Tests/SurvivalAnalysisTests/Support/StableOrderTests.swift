import Testing
@testable import SurvivalAnalysis

@Suite struct StableOrderTests {
    /// Large inputs take the radix path, small ones the comparison path; both must agree with a
    /// stable comparison sort, including negative numbers, zeros and many ties.
    @Test(arguments: [10, 5000, 70000])
    func matchesStableSort(_ n: Int) {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int64(bitPattern: state >> 11) % 2001 - 1000) / 8   // ties and negatives
        }
        var keys = (0..<n).map { _ in next() }
        if n > 3 { keys[0] = -0.0; keys[1] = 0.0; keys[2] = 1e300; keys[3] = -1e-300 }
        let expected = (0..<n).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        // (−0 sorts before +0 in the radix path; they sit at indices 0 and 1, so index order agrees.)
        #expect(StableOrder.order(keys).map(Int.init) == expected)
        // Stability: equal keys keep index order.
        let order = StableOrder.order(keys)
        for k in 1..<order.count where keys[Int(order[k])] == keys[Int(order[k - 1])] && keys[Int(order[k])] != 0 {
            #expect(order[k] > order[k - 1])
        }
    }
}
