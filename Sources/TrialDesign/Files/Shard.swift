/// Part i of n of a run's replicates (`--shard i/n`, i from 1): a contiguous, fixed range, so
/// the shards of a run together hold every replicate exactly once whatever machine runs them.
public struct Shard: Sendable, Equatable {
    /// 1 ... count.
    public let index: Int
    /// Number of shards the simulation is split into.
    public let count: Int

    /// The most shards a simulation may be split into.
    public static let largestCount = 1_000_000

    /// Shard `index` (1-based) of `count`; throws unless 1 ≤ index ≤ count ≤ ``largestCount``.
    public init(index: Int, count: Int) throws(DesignError) {
        guard count >= 1, count <= Shard.largestCount, index >= 1, index <= count else {
            throw .invalid("shard \(index)/\(count): the shard number must be from 1 to the number of shards (at most \(Shard.largestCount))")
        }
        self.index = index
        self.count = count
    }

    /// Parses `i/n`.
    public init(parsing text: String) throws(DesignError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0].trimmingCharacters()), let n = Int(parts[1].trimmingCharacters()) else {
            throw .invalid("shard '\(text)' is not of the form i/n (e.g. 3/8, shards numbered from 1)")
        }
        try self.init(index: i, count: n)
    }

    /// Replicates ⌊(i−1)R/n⌋ ..< ⌊iR/n⌋ of R (0-based).
    /// - Complexity: O(1).
    public func range(replicates: Int) -> Range<Int> {
        // R ≤ 10⁸ and n ≤ 10⁶, so the products fit in 64 bits.
        (replicates * (index - 1) / count)..<(replicates * index / count)
    }

    /// `index/count`, as `--shard` takes it.
    public var description: String { "\(index)/\(count)" }
}
