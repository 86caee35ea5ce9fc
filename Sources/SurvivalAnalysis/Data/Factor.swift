/// A categorical column: one integer code per row and the level labels, ordered as R's
/// `factor()` orders them.
///
/// Ordering: when every label reads as a number, numerically (R keeps a numeric column numeric,
/// and `factor(c(2, 10))` puts 2 first); otherwise by the labels' bytes (R's C-locale sort,
/// which is what a reproducible pipeline wants).
public struct Factor: Sendable, Equatable {
    /// Code in `0..<levels.count` for each row; −1 for a missing value.
    public var codes: [Int32]
    /// The distinct values in order (R's `levels()`); codes index into these.
    public var levels: [String]

    /// A factor from level codes (0-based) and level names.
    public init(codes: [Int32], levels: [String]) {
        self.codes = codes
        self.levels = levels
    }

    /// Reorders first-appearance levels into R's order and recodes the rows.
    public init(unordered codes: [Int32], levels: [String]) {
        let order = Factor.sortedOrder(levels)
        var recode = [Int32](repeating: -1, count: levels.count)
        for (newCode, old) in order.enumerated() { recode[old] = Int32(newCode) }
        self.levels = order.map { levels[$0] }
        // Levels already in R's order (the usual case for a file's few groups): the codes are
        // kept, not copied (a 40 MB copy at 1e7 rows).
        self.codes = order.elementsEqual(order.indices) ? codes : codes.map { $0 < 0 ? -1 : recode[Int($0)] }
    }

    /// Indices of `labels` in R's factor-level order.
    public static func sortedOrder(_ labels: [String]) -> [Int] {
        let numeric = labels.map { label -> Double? in
            label.utf8.withContiguousStorageIfAvailable { b in
                FastDouble.parse(b.baseAddress!, 0, b.count)
            } ?? nil
        }
        if numeric.allSatisfy({ $0 != nil }) {
            return labels.indices.sorted { a, b in
                numeric[a]! != numeric[b]! ? numeric[a]! < numeric[b]!
                    : labels[a].utf8.lexicographicallyPrecedes(labels[b].utf8)
            }
        }
        return labels.indices.sorted { labels[$0].utf8.lexicographicallyPrecedes(labels[$1].utf8) }
    }

    /// Number of rows with each level.
    public func counts() -> [Int] {
        var n = [Int](repeating: 0, count: levels.count)
        for c in codes where c >= 0 { n[Int(c)] += 1 }
        return n
    }

    /// The interaction of several factors, labelled as R's `strata()` labels them
    /// (`a=1, b=x`), with levels in the order of the first factor varying slowest.
    public static func interaction(_ factors: [(name: String, factor: Factor)]) -> Factor {
        precondition(!factors.isEmpty)
        if factors.count == 1 {
            let (name, f) = factors[0]
            return Factor(codes: f.codes, levels: f.levels.map { "\(name)=\($0)" })
        }
        let n = factors[0].factor.codes.count
        var keyIndex: [[Int32]: Int32] = [:]
        var keys: [[Int32]] = []
        var codes = [Int32](repeating: -1, count: n)
        for row in 0..<n {
            let key = factors.map { $0.factor.codes[row] }
            if key.contains(where: { $0 < 0 }) { continue }
            if let code = keyIndex[key] { codes[row] = code; continue }
            let code = Int32(keys.count)
            keyIndex[key] = code
            keys.append(key)
            codes[row] = code
        }
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        var recode = [Int32](repeating: -1, count: keys.count)
        for (newCode, old) in order.enumerated() { recode[old] = Int32(newCode) }
        let levels = order.map { k in
            zip(factors, keys[k]).map { "\($0.name)=\($0.factor.levels[Int($1)])" }.joined(separator: ", ")
        }
        return Factor(codes: codes.map { $0 < 0 ? -1 : recode[Int($0)] }, levels: levels)
    }
}
