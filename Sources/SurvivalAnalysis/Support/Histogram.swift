/// Counts of values in consecutive bins [e₀, e₁), [e₁, e₂), …, [e_{k−1}, e_k] (the last bin
/// closed, as R's `hist(right = FALSE, include.lowest = TRUE)`), for the figures of simulated
/// trials. NaN values and values outside [e₀, e_k] are counted apart, never dropped silently.
package struct Histogram: Sendable, Equatable {
    /// Bin edges, one more than the bins, increasing.
    package let edges: [Double]
    /// Number of values in each bin.
    package let counts: [Int]
    /// Values outside the edges.
    package let outside: Int
    /// NaN values (undefined estimates).
    package let missing: Int

    /// - Precondition: at least two edges, strictly increasing.
    /// - Complexity: O(n log k) for n values and k bins.
    package init(_ values: [Double], edges: [Double]) {
        precondition(edges.count >= 2 && zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 }, "edges must increase")
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var outside = 0, missing = 0
        let last = edges[edges.count - 1]
        for v in values {
            if v.isNaN { missing += 1; continue }
            if v < edges[0] || v > last { outside += 1; continue }
            // The bin whose lower edge is the last edge ≤ v (binary search), the top edge in the last bin.
            var low = 0, high = edges.count - 1
            while high - low > 1 {
                let mid = (low + high) / 2
                if edges[mid] <= v { low = mid } else { high = mid }
            }
            counts[low] += 1
        }
        self.edges = edges
        self.counts = counts
        self.outside = outside
        self.missing = missing
    }
}
