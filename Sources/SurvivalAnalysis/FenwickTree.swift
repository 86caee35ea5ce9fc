/// A Fenwick (binary indexed) tree of weights over ranks 0..<count: add a weight at a rank and
/// ask for the total below a rank, each in O(log count) (Fenwick 1994).
struct FenwickTree {
    private var tree: [Double]
    private(set) var total = 0.0

    init(count: Int) { tree = [Double](repeating: 0, count: count + 1) }

    /// Adds `weight` at `rank`.
    /// - Complexity: O(log count).
    mutating func add(_ weight: Double, at rank: Int) {
        total += weight
        var i = rank + 1
        while i < tree.count {
            tree[i] += weight
            i += i & -i
        }
    }

    /// Sum of the weights at ranks 0..<rank.
    /// - Complexity: O(log count).
    func sum(below rank: Int) -> Double {
        var s = 0.0
        var i = rank
        while i > 0 {
            s += tree[i]
            i -= i & -i
        }
        return s
    }

    /// (weight below `rank`, at `rank`, above `rank`).
    func split(at rank: Int) -> (below: Double, equal: Double, above: Double) {
        let below = sum(below: rank)
        let upTo = sum(below: rank + 1)
        return (below, upTo - below, total - upTo)
    }
}
