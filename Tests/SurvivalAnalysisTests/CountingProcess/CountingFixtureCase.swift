import SurvivalAnalysis
import TestSupport

/// The Cox models of `Tests/Fixtures/counting/cases.csv` (scripts/fixtures/counting.R): R's
/// coxph on (start, stop] data — heart, cgd (Andersen–Gill, cluster(id)), pbcseq via tmerge.
struct CountingFixtureCase: CustomStringConvertible {
    let id: String
    let dataPath: String
    let spec: SurvivalDataSpec
    let options: CoxOptions

    var description: String { id }

    static let all: [CountingFixtureCase] = {
        try! Fixture("counting/cases.csv").rows.map { row in
            func list(_ column: String) -> [String] { row.string(column).split(separator: ",").map(String.init) }
            func optional(_ column: String) -> String? { row.string(column).isEmpty ? nil : row.string(column) }
            var spec = SurvivalDataSpec(time: row.string("stop"), event: row.string("event"), strata: list("strata"),
                                        covariates: list("covariates"), factors: list("factors"),
                                        weights: optional("weights"), cluster: optional("cluster"))
            spec.start = row.string("start")
            spec.subject = "id"
            return CountingFixtureCase(id: row.string("case"), dataPath: row.string("data"), spec: spec,
                                       options: CoxOptions(ties: CoxTies(rawValue: row.string("ties"))!))
        }
    }()

    var dataFile: String { Fixtures.url("counting/data/" + dataPath).path }

    func load() throws -> SurvivalData { try SurvivalData(table: try CSVTable(path: dataFile), spec: spec) }
}
