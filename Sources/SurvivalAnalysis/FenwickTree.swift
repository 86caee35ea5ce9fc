/// A Fenwick (binary indexed) tree of weights over ranks 0..<count: add a weight at a rank and
/// ask for the total below a rank, each in O(log count) (Fenwick 1994). The weight at each
/// rank is also kept on its own, so splitting around a rank costs one prefix query.
struct FenwickTree {
    private var tree: [Double]
    private var atRank: [Double]
    private(set) var total = 0.0

    init(count: Int) {
        tree = [Double](repeating: 0, count: count + 1)
        atRank = [Double](repeating: 0, count: count)
    }

    /// Adds `weight` at `rank`.
    /// - Complexity: O(log count).
    mutating func add(_ weight: Double, at rank: Int) {
        total += weight
        atRank[rank] += weight
        tree.withUnsafeMutableBufferPointer { t in
            var i = rank + 1
            while i < t.count {
                t[i] += weight
                i += i & -i
            }
        }
    }

    /// Sum of the weights at ranks 0..<rank.
    /// - Complexity: O(log count).
    func sum(below rank: Int) -> Double {
        tree.withUnsafeBufferPointer { t in
            var s = 0.0
            var i = rank
            while i > 0 {
                s += t[i]
                i -= i & -i
            }
            return s
        }
    }

    /// (weight below `rank`, at `rank`, above `rank`).
    /// - Complexity: O(log count).
    func split(at rank: Int) -> (below: Double, equal: Double, above: Double) {
        let below = sum(below: rank)
        let equal = atRank[rank]
        return (below, equal, total - below - equal)
    }
}
