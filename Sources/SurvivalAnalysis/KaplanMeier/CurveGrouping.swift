/// Which curve each row belongs to, as R's `survfit(Surv(time, event) ~ group + s1 + s2)` splits
/// the data: one curve per level of the group column, per combination of the strata columns, or
/// per combination of both (the group varying slowest); a single curve when neither is given.
///
/// Labels: a group alone keeps its values as written in the file (`1`, `Maintained`); once
/// strata are involved the labels are R's strata names (`sex=1, ph.ecog=0`). Only combinations
/// that occur get a curve, in R's order.
public struct CurveGrouping: Sendable, Equatable {
    /// The curve of each row, in `0..<labels.count`; nil when there is a single curve.
    public var codes: [Int32]?
    /// One label per curve; `[nil]` for a single curve.
    public var labels: [String?]

    /// Number of curves.
    public var curveCount: Int { labels.count }

    /// - Complexity: O(n) in the number of rows.
    public init(_ data: SurvivalData) {
        switch (data.group, data.strata) {
        case (nil, nil):
            codes = nil
            labels = [nil]
        case let (group?, nil):
            codes = group.codes
            labels = group.levels
        case let (nil, strata?):
            codes = strata.codes
            labels = strata.levels
        case let (group?, strata?):
            let name = data.spec.group ?? "group"
            (codes, labels) = CurveGrouping.combine(group, named: name, with: strata)
        }
    }

    /// The curves of the (group, strata) combinations that occur, group varying slowest.
    private static func combine(_ group: Factor, named name: String, with strata: Factor)
        -> (codes: [Int32], labels: [String?]) {
        let width = strata.levels.count
        let combinations = group.levels.count * width
        let n = group.codes.count
        var keys = [Int](repeating: 0, count: n)
        for i in 0..<n { keys[i] = Int(group.codes[i]) * width + Int(strata.codes[i]) }
        // Dense combination numbers, in (group, strata) order, for the combinations present.
        var present = Set<Int>()
        if combinations > 1 << 20 {
            present = Set(keys)
        } else {
            var seen = [Bool](repeating: false, count: combinations)
            for k in keys { seen[k] = true }
            for (k, s) in seen.enumerated() where s { present.insert(k) }
        }
        let ordered = present.sorted()
        var dense: [Int: Int32] = [:]
        dense.reserveCapacity(ordered.count)
        for (code, key) in ordered.enumerated() { dense[key] = Int32(code) }
        let labels: [String?] = ordered.map { key in
            "\(name)=\(group.levels[key / width]), \(strata.levels[key % width])"
        }
        var codes = [Int32](repeating: 0, count: n)
        if combinations <= 1 << 20 {
            var table = [Int32](repeating: -1, count: combinations)
            for (key, code) in dense { table[key] = code }
            for i in 0..<n { codes[i] = table[keys[i]] }
        } else {
            for i in 0..<n { codes[i] = dense[keys[i]]! }
        }
        return (codes, labels)
    }
}
