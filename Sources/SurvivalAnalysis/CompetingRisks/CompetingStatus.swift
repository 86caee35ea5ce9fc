/// How a competing-risks status column is coded: integer codes (0 = censored, 1…k = causes, as
/// `cmprsk::cuminc`'s `cencode = 0`), or labels with one of them meaning censored (as R's
/// `survfit` with a factor status whose first level is censoring).
public enum CompetingStatusCoding: Sendable, Equatable {
    /// 0 = censored, a positive integer = the cause of that number.
    case integers
    /// Labels; the rows holding this one are censored, every other label is a cause, causes
    /// numbered 1…k in R's factor-level order (``Factor/sortedOrder(_:)``).
    case labels(censorValue: String)
}

/// The causes of a competing-risks status column: their labels, and per row the cause
/// (0 = censored, 1…k indexing ``labels``).
public struct CompetingStatus: Sendable, Equatable {
    /// The label of each cause, in cause order (with integer coding, the integer as written).
    public var labels: [String]
    /// False when label coding named a censoring label that no row holds (every row is then an
    /// event: most likely a misspelt `--censor-value`).
    public var censorValuePresent = true
    /// The 1-based cause number of a label, or nil when no kept row has that cause.
    public func cause(named label: String) -> Int? {
        labels.firstIndex(of: label).map { $0 + 1 }
    }

    /// Decodes the labels of a status column into cause numbers (−1 = missing).
    ///
    /// Integer coding: each label must read as a whole number ≥ 0; labels are the integers,
    /// ordered numerically. Errors: ``CompetingRisksError/statusNotInteger`` (with the first row
    /// holding it) or ``CompetingRisksError/statusNegative``.
    /// - Complexity: O(rows + levels log levels).
    static func decode(codes: [Int32], levels: [String], coding: CompetingStatusCoding)
        throws(CompetingRisksError) -> (status: CompetingStatus, cause: [Int32]) {
        var causeOfLevel = [Int32](repeating: 0, count: levels.count)
        var labels: [String] = []
        switch coding {
        case .labels(let censorValue):
            let order = Factor.sortedOrder(levels)
            for level in order where levels[level] != censorValue {
                labels.append(levels[level])
                causeOfLevel[level] = Int32(labels.count)
            }
        case .integers:
            var numbers: [(level: Int, value: Int)] = []
            for (level, text) in levels.enumerated() {
                guard let v = Double(text.trimmingCharacters()), v.isFinite, v == v.rounded(), abs(v) < 1e9 else {
                    throw .statusNotInteger(value: text, row: codes.firstIndex(of: Int32(level)) ?? 0)
                }
                guard v >= 0 else { throw .statusNegative(value: text, row: codes.firstIndex(of: Int32(level)) ?? 0) }
                numbers.append((level, Int(v)))
            }
            let distinct = Array(Set(numbers.map(\.value).filter { $0 > 0 })).sorted()
            labels = distinct.map(String.init)
            for (level, value) in numbers where value > 0 {
                causeOfLevel[level] = Int32(distinct.firstIndex(of: value)! + 1)
            }
        }
        let cause = codes.map { $0 < 0 ? -1 : causeOfLevel[Int($0)] }
        var status = CompetingStatus(labels: labels)
        if case .labels(let censorValue) = coding { status.censorValuePresent = levels.contains(censorValue) }
        return (status, cause)
    }
}

extension String {
    func trimmingCharacters() -> Substring {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
