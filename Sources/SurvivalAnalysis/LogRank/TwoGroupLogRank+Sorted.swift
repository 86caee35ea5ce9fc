extension TwoGroupLogRank {
    /// The log-rank statistic of rows that are already in increasing time, without the sort:
    /// the trial simulator orders its few dozen rows itself (`init(time:event:group:weights:)`
    /// would sort them again, which is most of its cost on a simulated trial). The same pass, so
    /// the same numbers bit for bit as the sorting initialiser on the same rows; the order of rows
    /// with equal times does not matter.
    /// - Parameters:
    ///   - time: times from entry, non-decreasing.
    ///   - event: whether each row is an event (else censored).
    ///   - group: 0 for the first group, 1 for the second.
    /// - Precondition: equal lengths; `time` finite and non-decreasing; `group` codes 0 or 1.
    /// - Complexity: O(n), no allocation.
    public init(sortedTime time: UnsafeBufferPointer<Double>, event: UnsafeBufferPointer<Bool>,
                group: UnsafeBufferPointer<UInt8>) {
        let n = time.count
        precondition(event.count == n && group.count == n, "time, event and group differ in length")
        var secondAtRisk = 0
        var codes: UInt8 = 0
        for g in group {
            secondAtRisk &+= Int(g)
            codes |= g
        }
        precondition(codes <= 1, "two-group codes must be 0 or 1")
        self = TwoGroupLogRank.pass(keys: time, firstAtRisk: n - secondAtRisk, weights: .logRank) { i in
            group[i] | (event[i] ? 2 : 0)
        }
    }
}
