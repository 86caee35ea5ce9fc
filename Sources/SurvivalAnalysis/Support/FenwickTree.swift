/// A Fenwick (binary indexed) tree of weights over ranks 0..<count: add a weight at a rank and
/// ask for the total below a rank, each in O(log count) (Fenwick 1994). The weight at each
/// rank is also kept on its own, so splitting around a rank costs one prefix query. The
/// storage is one manually managed buffer (no copy-on-write checks in the hot loops), so
/// the tree is non-copyable.
///
/// The weights are `Double`s, or `Int32` counts when every weight is 1
/// (``FenwickTree/Counts``): half the memory, so twice as many of the nodes a walk over 10⁶
/// random ranks touches stay in the cache, and the same sums (whole numbers below 2⁵³ are
/// exact in both).
typealias FenwickTree = WeightedFenwickTree<Double>

/// ``FenwickTree`` over any weight type.
struct WeightedFenwickTree<Weight: FenwickWeight>: ~Copyable {
    /// A tree of unit weights, counted in 32 bits.
    typealias Counts = WeightedFenwickTree<Int32>

    private let count: Int
    /// tree[1...count] then atRank[0..<count].
    private let storage: UnsafeMutablePointer<Weight>
    private(set) var total: Weight = .zero

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: 2 * count + 1)
        storage.initialize(repeating: .zero, count: 2 * count + 1)
    }

    deinit { storage.deallocate() }

    /// Adds `weight` at `rank`.
    /// - Complexity: O(log count).
    mutating func add(_ weight: Weight, at rank: Int) {
        // The pointer and the count are read into locals first: Swift 6.3.1 with
        // -sanitize=thread crashed ("Invalid bitcast") compiling a loop that read the stored
        // properties of this ~Copyable struct inside a mutating method. The locals keep the
        // type non-copyable (one owner, one deallocation) and build under every sanitizer.
        let storage = self.storage, count = self.count
        total = .sum(total, weight)
        storage[count + 1 + rank] = .sum(storage[count + 1 + rank], weight)
        var i = rank + 1
        while i <= count {
            storage[i] = .sum(storage[i], weight)
            i += i & -i
        }
    }

    /// Sum of the weights at ranks 0..<rank.
    /// - Complexity: O(log count).
    func sum(below rank: Int) -> Weight {
        var s = Weight.zero
        var i = rank
        while i > 0 {
            s = .sum(s, storage[i])
            i -= i & -i
        }
        return s
    }

    /// (weight below `rank`, at `rank`, above `rank`).
    /// - Complexity: O(log count).
    func split(at rank: Int) -> (below: Double, equal: Double, above: Double) {
        let below = sum(below: rank)
        let equal = storage[count + 1 + rank]
        return (below.double, equal.double, Weight.difference(Weight.difference(total, below), equal).double)
    }
}

/// A weight a ``WeightedFenwickTree`` can hold: `Double`, or `Int32` for counts.
protocol FenwickWeight: BitwiseCopyable {
    static var zero: Self { get }
    /// a + b and a − b (wrapping for counts, which never come near 2³¹ rows).
    static func sum(_ a: Self, _ b: Self) -> Self
    static func difference(_ a: Self, _ b: Self) -> Self
    init(weight: Double)
    var double: Double { get }
}

extension Double: FenwickWeight {
    @inline(__always) static func sum(_ a: Double, _ b: Double) -> Double { a + b }
    @inline(__always) static func difference(_ a: Double, _ b: Double) -> Double { a - b }
    @inline(__always) init(weight: Double) { self = weight }
    @inline(__always) var double: Double { self }
}

extension Int32: FenwickWeight {
    /// A unit weight (the only weight a count tree is given) is 1.
    @inline(__always) static func sum(_ a: Int32, _ b: Int32) -> Int32 { a &+ b }
    @inline(__always) static func difference(_ a: Int32, _ b: Int32) -> Int32 { a &- b }
    @inline(__always) init(weight: Double) { self = Int32(weight) }
    @inline(__always) var double: Double { Double(self) }
}
