/// Time-dependent covariates joined onto (start, stop] rows, as R's
/// `tmerge(data1, data2, id = id, x = tdc(time, value))` (survival 3.5-3), applied for every
/// covariate at once:
/// - a row of a subject is cut at every measurement time of that subject strictly inside its
///   interval (start, stop); the pieces before a cut are censored, the last keeps the row's
///   event (tmerge's "within" measurements);
/// - a piece's value is the last measurement at a time ≤ the piece's start (last value
///   carried forward); among measurements at the same time the last one in file order wins
///   (tmerge orders by time stably and takes the last); before the first measurement the
///   value is missing (tmerge's default `tdcstart = NA`);
/// - a measurement at or before the first start ("leading"/"early") applies from the start;
///   one at or after the last stop ("trailing"/"late") changes nothing.
///
/// Measurements with a missing time or value are left out by the caller (tmerge's
/// `na.rm = TRUE`), as are those of subjects not in the rows (tmerge's "missid").
///
/// Cutting at the union of all covariates' times at once gives the same rows as tmerge's
/// one-covariate-at-a-time calls: a piece of a later call inherits the earlier covariate's
/// value from its parent piece, and no earlier time lies strictly inside the parent.
public enum TimeDependentMerge {
    /// What a new column records, as tmerge's operators.
    public enum Kind: Sendable, Equatable {
        /// `tdc(time, value)`: the last value measured at or before the piece's start (missing before the first).
        case lastValue
        /// `tdc(time)`: 1 once a time at or before the piece's start has passed, else 0.
        case indicator
        /// `cumtdc(time, value)`: the sum of the values measured at or before the piece's start
        /// (missing before the first); the amounts are indexed by the measurements' handles.
        case cumulativeSum(amounts: [Double])
        /// `event(time[, value])`: on a piece ending at a measurement time, that measurement's
        /// value handle (the last of tied ones); 0 on every other piece.
        case event
        /// `cumevent(time)`: on a piece ending at a measurement time, the number of the
        /// subject's measurements at times ≤ its stop (those before the start included, as
        /// tmerge counts them); 0 on every other piece.
        case cumulativeCount
    }

    /// A new column's entry on one piece.
    public enum Value: Sendable, Equatable {
        /// R's NA.
        case missing
        /// A measurement's value handle (the caller prints the value as read).
        case handle(Int)
        /// A computed number (indicator, count, cumulative sum, or 0 for "no event here").
        case number(Double)
    }

    /// One new column: its kind and its measurements in file order.
    public struct Covariate: Sendable, Equatable {
        /// How the column is computed.
        public let kind: Kind
        /// Measurements in file order (ties in time resolved by this order: the last wins).
        public let measurements: [Measurement]

        /// A column of `kind` from `measurements`.
        /// - Parameters:
        ///   - kind: what the column records.
        ///   - measurements: its measurements, in file order.
        public init(kind: Kind, measurements: [Measurement]) {
            self.kind = kind
            self.measurements = measurements
        }
    }

    /// One timed measurement of one covariate.
    public struct Measurement: Sendable, Equatable {
        /// The subject (an index shared with the rows' `subject`).
        public let subject: Int
        /// When it was measured, on the rows' time scale.
        public let time: Double
        /// The caller's handle for the value (e.g. its index in the file).
        public let value: Int

        /// A measurement of `subject` at `time` with value handle `value`.
        /// - Parameters:
        ///   - subject: the subject's index.
        ///   - time: the measurement time (finite).
        ///   - value: the caller's handle for the value.
        public init(subject: Int, time: Double, value: Int) {
            self.subject = subject
            self.time = time
            self.value = value
        }
    }

    /// One output row: a piece of an input row with each covariate's value.
    public struct Piece: Sendable, Equatable {
        /// The input row (0-based) the piece comes from.
        public let row: Int
        /// The piece's start.
        public let start: Double
        /// The piece's stop.
        public let stop: Double
        /// True only for the last piece of a row with an event.
        public let event: Bool
        /// For each covariate, the value handle in force on the piece, nil before the first
        /// measurement.
        public let values: [Int?]
    }

    /// The pieces of every row with each column's entry (tdc, cumtdc, event, cumevent), in row
    /// order and, within a row, in time order. Every column's measurement times strictly inside
    /// a row cut it, as tmerge cuts for each operator.
    /// - Parameters:
    ///   - subject: each row's subject index (0..<subjects).
    ///   - start: each row's start; `start[i] < stop[i]`.
    ///   - stop: each row's stop.
    ///   - event: whether row i ends in an event.
    ///   - covariates: the new columns.
    ///   - delay: tmerge's `options = list(delay = d)` (≥ 0): a `tdc`/`cumtdc` measurement
    ///     (``Kind/lastValue``, ``Kind/indicator``, ``Kind/cumulativeSum(amounts:)``) at a time after the
    ///     subject's first start takes effect `delay` later (time + delay, so it may fall at or
    ///     after the stop and change nothing); one at or before the first start is not moved.
    ///     Events (``Kind/event``, ``Kind/cumulativeCount``) are never delayed.
    ///   - cumulativeStart: tmerge's `tdcstart` for ``Kind/cumulativeSum(amounts:)``: the value before the
    ///     first measurement, and the base the running sum is added to (R's Ctmerge:
    ///     `tdcstart + Σ`); nil is tmerge's default NA (missing before the first, then the sum).
    ///     ``Kind/lastValue`` stays ``Value/missing`` before the first measurement: the caller
    ///     writes its `tdcstart` there.
    /// - Returns: the pieces, and for each piece one ``Value`` per covariate.
    /// - Complexity: O(n + m + pieces × covariates × log m) after one stable sort of the m
    ///   measurement times per covariate.
    public static func pieces(subject: [Int], start: [Double], stop: [Double], event: [Bool],
                              covariates: [Covariate], delay: Double = 0,
                              cumulativeStart: Double? = nil) -> (pieces: [Piece], values: [[Value]]) {
        precondition(delay >= 0 && delay.isFinite, "delay must be finite and >= 0")
        let covariates = delay > 0 ? delayed(covariates, by: delay, subject: subject, start: start) : covariates
        let cut = pieces(subject: subject, start: start, stop: stop, event: event,
                         measurements: covariates.map(\.measurements))
        let subjects = (subject.max() ?? -1) + 1
        let grouped = covariates.map { group($0.measurements, subjects: subjects) }
        // Per covariate of kind cumulativeSum: per subject, running sums in time order (as R's
        // cumsum, accumulated in extended precision where the platform has it).
        let sums: [[[Double]]] = zip(covariates, grouped).map { covariate, g in
            guard case let .cumulativeSum(amounts) = covariate.kind else { return [] }
            return g.values.map { handles in
                #if arch(x86_64)
                var total: Float80 = 0
                return handles.map { total += Float80(amounts[$0]); return Double(total) }
                #else
                var total = 0.0
                return handles.map { total += amounts[$0]; return total }
                #endif
            }
        }
        let values: [[Value]] = cut.map { piece in
            let s = subject[piece.row]
            return covariates.indices.map { c in
                let g = grouped[c]
                switch covariates[c].kind {
                case .lastValue:
                    return piece.values[c].map(Value.handle) ?? .missing
                case .indicator:
                    return .number(firstIndex(after: piece.start, in: g.times[s]) > 0 ? 1 : 0)
                case .cumulativeSum:
                    let k = firstIndex(after: piece.start, in: g.times[s])
                    if let base = cumulativeStart { return .number(k == 0 ? base : base + sums[c][s][k - 1]) }
                    return k == 0 ? .missing : .number(sums[c][s][k - 1])
                case .event:
                    let k = firstIndex(after: piece.stop, in: g.times[s])
                    return k > 0 && g.times[s][k - 1] == piece.stop ? .handle(g.values[s][k - 1]) : .number(0)
                case .cumulativeCount:
                    let k = firstIndex(after: piece.stop, in: g.times[s])
                    return k > 0 && g.times[s][k - 1] == piece.stop ? .number(Double(k)) : .number(0)
                }
            }
        }
        return (cut, values)
    }

    /// The pieces of every row, in row order and, within a row, in time order.
    /// - Parameters:
    ///   - subject: each row's subject index (0..<subjects).
    ///   - start: each row's start; `start[i] < stop[i]`.
    ///   - stop: each row's stop.
    ///   - event: whether row i ends in an event.
    ///   - measurements: for each covariate, its measurements in file order (ties in time are
    ///     resolved by this order: the last wins).
    /// - Complexity: O(n + m + pieces × covariates) after one stable sort of the m
    ///   measurement times per covariate.
    public static func pieces(subject: [Int], start: [Double], stop: [Double], event: [Bool],
                              measurements: [[Measurement]]) -> [Piece] {
        precondition(subject.count == start.count && start.count == stop.count && stop.count == event.count,
                     "subject, start, stop and event differ in length")
        let subjects = (subject.max() ?? -1) + 1
        // Per covariate: measurements grouped by subject, in time order (stable).
        let grouped = measurements.map { group($0, subjects: subjects) }
        // Per subject: the distinct measurement times of all covariates, sorted.
        var cutTimes = [[Double]](repeating: [], count: subjects)
        for covariate in grouped {
            for s in 0..<subjects where !covariate.times[s].isEmpty { cutTimes[s].append(contentsOf: covariate.times[s]) }
        }
        for s in 0..<subjects where !cutTimes[s].isEmpty { cutTimes[s] = Array(Set(cutTimes[s])).sorted() }

        var result: [Piece] = []
        result.reserveCapacity(start.count)
        for i in start.indices {
            let s = subject[i]
            let cuts = cutTimes[s]
            var from = start[i]
            var k = firstIndex(after: from, in: cuts)
            while k < cuts.count && cuts[k] < stop[i] {
                result.append(Piece(row: i, start: from, stop: cuts[k], event: false,
                                    values: grouped.map { $0.value(of: s, at: from) }))
                from = cuts[k]
                k += 1
            }
            result.append(Piece(row: i, start: from, stop: stop[i], event: event[i],
                                values: grouped.map { $0.value(of: s, at: from) }))
        }
        return result
    }

    /// The covariates with tmerge's `delay` applied to the time-dependent kinds: a time after
    /// the subject's first start (the smallest start of its rows) moves to time + delay.
    private static func delayed(_ covariates: [Covariate], by delay: Double, subject: [Int], start: [Double]) -> [Covariate] {
        var firstStart = [Double](repeating: .infinity, count: (subject.max() ?? -1) + 1)
        for (s, t) in zip(subject, start) { firstStart[s] = Swift.min(firstStart[s], t) }
        return covariates.map { covariate in
            switch covariate.kind {
            case .event, .cumulativeCount: return covariate
            case .lastValue, .indicator, .cumulativeSum:
                return Covariate(kind: covariate.kind, measurements: covariate.measurements.map { m in
                    m.time <= firstStart[m.subject] ? m : Measurement(subject: m.subject, time: m.time + delay, value: m.value)
                })
            }
        }
    }

    /// One covariate's measurements by subject, each subject's in time order.
    private struct Grouped {
        var times: [[Double]]
        var values: [[Int]]

        /// The value of the last measurement at a time ≤ `t` (the last of tied ones), if any.
        func value(of subject: Int, at t: Double) -> Int? {
            let k = TimeDependentMerge.firstIndex(after: t, in: times[subject])
            return k == 0 ? nil : values[subject][k - 1]
        }
    }

    private static func group(_ measurements: [Measurement], subjects: Int) -> Grouped {
        var grouped = Grouped(times: Array(repeating: [], count: subjects), values: Array(repeating: [], count: subjects))
        // Stable order by time, then a stable pass into subjects: ties keep file order.
        for j in RadixSort.order(measurements.map(\.time)) {
            let m = measurements[Int(j)]
            grouped.times[m.subject].append(m.time)
            grouped.values[m.subject].append(m.value)
        }
        return grouped
    }

    /// The index of the first element of the sorted `values` that is > `t`.
    private static func firstIndex(after t: Double, in values: [Double]) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
