/// A Fenwick (binary indexed) tree of weights over ranks 0..<count: add a weight at a rank and
/// ask for the total below a rank, each in O(log count) (Fenwick 1994). The weight at each
/// rank is also kept on its own, so splitting around a rank costs one prefix query. The
/// storage is one manually managed buffer (no copy-on-write checks in the hot loops), so
/// the tree is non-copyable.
struct FenwickTree: ~Copyable {
    private let count: Int
    /// tree[1...count] then atRank[0..<count].
    private let storage: UnsafeMutablePointer<Double>
    private(set) var total = 0.0

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: 2 * count + 1)
        storage.initialize(repeating: 0, count: 2 * count + 1)
    }

    deinit { storage.deallocate() }

    /// Adds `weight` at `rank`.
    /// - Complexity: O(log count).
    mutating func add(_ weight: Double, at rank: Int) {
        // The pointer and the count are read into locals first: Swift 6.3.1 with
        // -sanitize=thread crashed ("Invalid bitcast") compiling a loop that read the stored
        // properties of this ~Copyable struct inside a mutating method. The locals keep the
        // type non-copyable (one owner, one deallocation) and build under every sanitizer.
        let storage = self.storage, count = self.count
        total += weight
        storage[count + 1 + rank] += weight
        var i = rank + 1
        while i <= count {
            storage[i] += weight
            i += i & -i
        }
    }

    /// Sum of the weights at ranks 0..<rank.
    /// - Complexity: O(log count).
    func sum(below rank: Int) -> Double {
        var s = 0.0
        var i = rank
        while i > 0 {
            s += storage[i]
            i -= i & -i
        }
        return s
    }

    /// (weight below `rank`, at `rank`, above `rank`).
    /// - Complexity: O(log count).
    func split(at rank: Int) -> (below: Double, equal: Double, above: Double) {
        let below = sum(below: rank)
        let equal = storage[count + 1 + rank]
        return (below, equal, total - below - equal)
    }
}
