/// The sorted rows of a Cox model's risk sets cut once into fixed chunks for the parallel
/// evaluation of the partial likelihood (``CoxChunkedSweep``).
///
/// A chunk never splits a group of tied times, so every group's deaths are taken inside one
/// chunk. The cuts depend only on the data (a target of ``targetRows`` rows a chunk), never on
/// the number of threads, and the chunks' partial sums are added in chunk order: the
/// likelihood is the same to the bit on any number of cores.
struct CoxRiskSetChunks: Sendable {
    /// Rows a chunk aims at: a 10⁶-row fit has ≈ 120 chunks to share out among the cores, and
    /// each chunk's settlement with the rows above it (O(p²)) is paid ≈ 120 times, not 10⁶.
    static let targetRows = 8192

    /// Chunk c holds the sorted rows `bounds[c]..<bounds[c + 1]`.
    let bounds: [Int]
    /// True when chunk c's last row and chunk c + 1's first row are in the same stratum, so the
    /// risk set at the top of chunk c includes rows of chunk c + 1.
    let continues: [Bool]
    /// True when all of chunk c's rows are in one stratum.
    let oneStratum: [Bool]

    var count: Int { bounds.count - 1 }

    /// - Complexity: O(n).
    init(time: [Double], lastInStratum last: [Bool], targetRows: Int = CoxRiskSetChunks.targetRows) {
        let n = time.count
        // A cut before row i is allowed where a new group of tied times begins.
        func startsGroup(_ i: Int) -> Bool { last[i - 1] || time[i] != time[i - 1] }
        var bounds = [0]
        var next = targetRows
        while next < n {
            while next < n && !startsGroup(next) { next += 1 }
            if next < n { bounds.append(next) }
            next += targetRows
        }
        bounds.append(n)
        let chunks = bounds.count - 1
        var continues = [Bool](repeating: false, count: chunks)
        var oneStratum = [Bool](repeating: true, count: chunks)
        for c in 0..<chunks {
            let (lo, hi) = (bounds[c], bounds[c + 1])
            continues[c] = hi < n && !last[hi - 1]
            var i = lo
            while i < hi - 1 && !last[i] { i += 1 }
            oneStratum[c] = i >= hi - 1
        }
        self.bounds = bounds
        self.continues = continues
        self.oneStratum = oneStratum
    }
}
