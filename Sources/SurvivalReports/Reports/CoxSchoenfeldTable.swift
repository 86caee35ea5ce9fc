import SurvivalAnalysis

/// The per-event residual file written by `survkit cox --schoenfeld FILE.csv`.
public struct CoxSchoenfeldTable: Sendable {
    /// Line (or observation) number of each event's row.
    public let lines: [Int32]
    /// Stratum label of each event's row, when the fit is stratified.
    public let strata: [String]?
    /// Design column names.
    public let terms: [String]
    /// The residuals.
    public let residuals: CoxSchoenfeld

    /// A table of `residuals` of `model` fitted to `data`.
    public init(data: SurvivalData, model: CoxModel, residuals: CoxSchoenfeld) {
        lines = residuals.rows.map { data.lines[$0] }
        strata = data.strata.map { f in residuals.rows.map { f.levels[Int(f.codes[$0])] } }
        terms = model.columnNames
        self.residuals = residuals
    }

    /// `line,[stratum,]time,schoenfeld_<term>…,scaledsch_<term>…`, one row per event in R's
    /// order (stratum, time, data order).
    /// - Complexity: O(events·p).
    public func csv() -> String {
        let p = terms.count
        var w = CSVWriter(header: ["line"] + (strata == nil ? [] : ["stratum"]) + ["time"]
                          + terms.map { "schoenfeld_\($0)" } + terms.map { "scaledsch_\($0)" })
        for e in lines.indices {
            var row: [CSVWriter.Cell] = [.int(Int(lines[e]))]
            if let strata { row.append(.text(strata[e])) }
            row.append(.number(residuals.time[e]))
            for block in [residuals.residuals, residuals.scaled] {
                row += (0..<p).map { .number(block[e * p + $0]) }
            }
            w.append(row)
        }
        return w.rendered()
    }
}
