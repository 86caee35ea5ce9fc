extension SurvivalData {
    /// The checks a file's columns get when read (``init(parsed:spec:)``), for columns handed
    /// over in memory: no rows, unequal lengths, a non-finite or negative time, a code outside
    /// its factor's levels, a non-finite covariate. Rows are numbered from 1.
    /// - Complexity: O(n × columns).
    static func validate(time: [Double], event: [Bool], group: Factor?, strata: Factor?,
                         covariates: [(name: String, values: [Double])], source: String) throws(InputError) {
        let n = time.count
        guard n > 0 else { throw InputError(file: source, message: "no rows") }
        func lengthError(_ column: String, _ count: Int) -> InputError {
            InputError(file: source, columnName: column, message: "\(count) values for \(n) times")
        }
        func rowError(_ column: String, _ row: Int, _ problem: String) -> InputError {
            InputError(file: source, columnName: column, message: "row \(row + 1): \(problem)")
        }
        if event.count != n { throw lengthError("event", event.count) }
        for (i, t) in time.enumerated() where !(t.isFinite && t >= 0) {
            throw rowError("time", i, t.isFinite ? "time \(t) is negative" : "time \(t) is not a finite number")
        }
        for (name, factor) in [("group", group), ("strata", strata)] {
            guard let factor else { continue }
            if factor.codes.count != n { throw lengthError(name, factor.codes.count) }
            if let bad = factor.codes.firstIndex(where: { $0 < 0 || Int($0) >= factor.levels.count }) {
                throw rowError(name, bad, "code \(factor.codes[bad]) is not one of the \(factor.levels.count) levels")
            }
        }
        for (name, values) in covariates {
            if values.count != n { throw lengthError(name, values.count) }
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw rowError(name, bad, "value \(values[bad]) is not a finite number")
            }
        }
    }
}
