/// (start, stop] counting-process data, as R's `Surv(start, stop, event)`: the checks a file's
/// intervals get and R's tie rule applied to starts and stops together.
///
/// A row is at risk at t when start < t ≤ stop, so a row that starts at the time another row
/// stops is not in the risk set of that time (R's rule, `agreg.fit` and `survfit`).
public enum CountingProcess {
    /// Starts and stops after R's `aeqSurv` for a three-column `Surv`: the unique values of
    /// both columns together give the cuts, and both are replaced by their cut.
    ///
    /// Errors (``InputError``, naming line and column): a non-finite start, a stop not after its
    /// start (R's `Surv` gives NA, "Stop time must be > start time"), and an interval that the
    /// tie rule shrinks to length 0 (R: "aeqSurv exception, an interval has effective length 0").
    /// - Complexity: O(n log n).
    static func intervals(start: [Double], stop: [Double], lines: [Int32], source: String,
                          startColumn: (name: String, number: Int?),
                          stopColumn: (name: String, number: Int?)) throws(InputError) -> (start: [Double], stop: [Double]) {
        for i in start.indices where !(start[i] < stop[i]) {
            throw InputError(file: source, line: Int(lines[i]), column: stopColumn.number, columnName: stopColumn.name,
                             message: "stop time \(NumberLabel.text(stop[i])) is not after the start time \(NumberLabel.text(start[i])) ('\(startColumn.name)'): a (start, stop] interval needs start < stop")
        }
        let fixed = TimeFix.apply(start + stop)
        let n = start.count
        let newStart = Array(fixed[0..<n]), newStop = Array(fixed[n..<(2 * n)])
        for i in 0..<n where !(newStart[i] < newStop[i]) {
            throw InputError(file: source, line: Int(lines[i]), column: stopColumn.number, columnName: stopColumn.name,
                             message: "the interval (\(NumberLabel.text(start[i])), \(NumberLabel.text(stop[i]))] has length 0 after the near-tie rule (R's aeqSurv: differences ≤ 1.5e-8 are ties)")
        }
        return (newStart, newStop)
    }

    /// Checks that no subject has two overlapping intervals (each subject's rows, ordered by
    /// start, must have every start ≥ the previous stop), as R's `survcheck` calls an overlap.
    /// The error names both lines.
    /// - Complexity: O(n log n).
    static func checkOverlaps(start: [Double], stop: [Double], subject: Factor, lines: [Int32],
                              source: String, subjectColumn: String) throws(InputError) {
        let n = start.count
        // Order by subject, then by start (a stable sort by start, then a counting sort by subject).
        let byStart = RadixSort.order(start)
        var first = [Int](repeating: 0, count: subject.levels.count + 1)
        for c in subject.codes { first[Int(c) + 1] += 1 }
        for s in 0..<subject.levels.count { first[s + 1] += first[s] }
        var order = [Int](repeating: 0, count: n)
        var next = first
        for row in byStart {
            let s = Int(subject.codes[Int(row)])
            order[next[s]] = Int(row)
            next[s] += 1
        }
        for s in 0..<subject.levels.count where first[s + 1] - first[s] > 1 {
            for k in (first[s] + 1)..<first[s + 1] {
                let a = order[k - 1], b = order[k]
                if start[b] < stop[a] {
                    let (x, y) = lines[a] < lines[b] ? (a, b) : (b, a)
                    throw InputError(file: source, line: Int(lines[y]), columnName: subjectColumn,
                                     message: "subject \(subjectColumn)=\(subject.levels[s]) has overlapping intervals: line \(lines[x]) (\(NumberLabel.text(start[x])), \(NumberLabel.text(stop[x]))] and line \(lines[y]) (\(NumberLabel.text(start[y])), \(NumberLabel.text(stop[y]))]")
                }
            }
        }
    }
}

extension SurvivalData {
    /// The data as (start, stop] counting-process data: `start` per row, the current times as
    /// stops, R's tie rule applied to the recorded starts and stops together.
    ///
    /// Errors (``InputError``): a length mismatch, a stop not after its start, an interval of
    /// length 0 after the tie rule, overlapping intervals of one subject.
    /// - Complexity: O(n log n).
    public func withStart(_ start: [Double], subject: Factor? = nil) throws(InputError) -> SurvivalData {
        guard start.count == count else {
            throw InputError(file: source, columnName: "start", message: "\(start.count) start times for \(count) rows")
        }
        var out = self
        let fixed = try CountingProcess.intervals(start: start, stop: recordedTime, lines: lines, source: source,
                                                  startColumn: ("start", nil), stopColumn: (spec.time, nil))
        out.start = fixed.start
        out.time = fixed.stop
        out.subject = subject
        if let subject {
            try CountingProcess.checkOverlaps(start: fixed.start, stop: fixed.stop, subject: subject, lines: lines,
                                              source: source, subjectColumn: "subject")
        }
        return out
    }
}
