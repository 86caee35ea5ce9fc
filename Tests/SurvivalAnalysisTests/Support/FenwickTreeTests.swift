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
}
