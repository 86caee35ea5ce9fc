/// Episodes of follow-up at given cut points, as R's `survSplit(..., cut = , episode = )`:
/// each row's interval (start, stop] is cut at every cut point strictly inside it; the pieces
/// before a cut are censored, the last keeps the row's event; the episode of a piece is
/// 1 + the number of cut points ≤ its start (R's `findInterval(start, cut) + 1`).
///
/// A Cox model fitted to the pieces equals the model fitted to the rows (the risk sets are the
/// same), which is how time-dependent effects and covariates are set up on them.
public enum EpisodeSplit {
    /// One piece of a row's follow-up.
    public struct Piece: Sendable, Equatable {
        /// The input row (0-based) the piece comes from.
        public let row: Int
        /// The piece's start.
        public let start: Double
        /// The piece's stop.
        public let stop: Double
        /// True only for the last piece of a row with an event.
        public let event: Bool
        /// 1 + the number of cut points ≤ `start`.
        public let episode: Int
    }

    /// The pieces of every row, in row order and, within a row, in time order.
    /// - Parameters:
    ///   - start: starts (0 for right-censored data); `start[i] < stop[i]`.
    ///   - stop: ends of the intervals (R's `survSplit` `end`), on the time scale of `start`.
    ///   - event: whether row i ends in an event; only the last piece of a row keeps it.
    ///   - cuts: cut points, in any order (duplicates count once).
    /// - Complexity: O(n log m + pieces) for m cut points.
    public static func pieces(start: [Double], stop: [Double], event: [Bool], cuts: [Double]) -> [Piece] {
        precondition(start.count == stop.count && stop.count == event.count, "start, stop and event differ in length")
        let cuts = Array(Set(cuts)).sorted()
        var result: [Piece] = []
        result.reserveCapacity(start.count)
        for i in start.indices {
            var s = start[i]
            // First cut > s (binary search): cuts before it are ≤ s.
            var lo = 0, hi = cuts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if cuts[mid] <= s { lo = mid + 1 } else { hi = mid }
            }
            var episode = lo + 1
            var k = lo
            while k < cuts.count && cuts[k] < stop[i] {
                result.append(Piece(row: i, start: s, stop: cuts[k], event: false, episode: episode))
                s = cuts[k]
                episode += 1
                k += 1
            }
            result.append(Piece(row: i, start: s, stop: stop[i], event: event[i], episode: episode))
        }
        return result
    }
}
