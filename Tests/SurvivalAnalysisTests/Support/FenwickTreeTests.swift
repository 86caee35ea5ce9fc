import Testing
@testable import SurvivalAnalysis

@Suite struct FenwickTreeTests {
    @Test func prefixSumsMatchDirectSums() {
        var tree = FenwickTree(count: 10)
        var direct = [Double](repeating: 0, count: 10)
        let updates: [(Double, Int)] = [(1.5, 3), (2, 0), (0.25, 9), (-1, 3), (4, 5), (1, 3)]
        for (w, r) in updates {
            tree.add(w, at: r)
            direct[r] += w
        }
        for r in 0...10 {
            #expect(tree.sum(below: r) == direct[0..<r].reduce(0, +))
        }
        let s = tree.split(at: 3)
        #expect(s.below == 2 && s.equal == 1.5 && s.above == 4.25)
        #expect(tree.total == direct.reduce(0, +))
    }

    /// The 32-bit count tree gives the Double tree's sums for unit weights, removals included.
    @Test func countsMatchTheDoubleTree() {
        var counts = FenwickTree.Counts(count: 50)
        var weights = FenwickTree(count: 50)
        var state: UInt64 = 3
        for step in 0..<400 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let rank = Int(state >> 33) % 50
            let w: Double = step % 5 == 4 ? -1 : 1
            counts.add(Int32(weight: w), at: rank)
            weights.add(w, at: rank)
            let probe = Int(state >> 40) % 50
            let (a, b) = (counts.split(at: probe), weights.split(at: probe))
            #expect(a.below == b.below && a.equal == b.equal && a.above == b.above)
        }
        #expect(Double(counts.total) == weights.total)
    }
}
