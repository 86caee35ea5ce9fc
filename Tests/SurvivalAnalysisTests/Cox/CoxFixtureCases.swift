import SurvivalAnalysis
import TestSupport

/// The model cases of `Tests/Fixtures/cox/cases.csv` (written by scripts/fixtures/cox.R):
/// which data file, columns and options each R fit used.
struct CoxFixtureCase: CustomStringConvertible {
    let id: String
    let dataPath: String
    let spec: SurvivalDataSpec
    let options: CoxOptions
    let predict: String
    let zph: Bool
    let residuals: Bool

    var description: String { id }

    static let all: [CoxFixtureCase] = {
        let fixture = try! Fixture("cox/cases.csv")
        return fixture.rows.map { row in
            func list(_ column: String) -> [String] {
                row.string(column).split(separator: ";").map(String.init)
            }
            func optional(_ column: String) -> String? { row.string(column).isEmpty ? nil : row.string(column) }
            let spec = SurvivalDataSpec(time: row.string("time"), event: row.string("event"), strata: list("strata"),
                                        covariates: list("covariates"), factors: list("factors"),
                                        weights: optional("weights"), cluster: optional("cluster"))
            let settings = CoxSettings(eps: row.double("eps")!, maxIterations: row.int("max_iter")!)
            let options = CoxOptions(ties: CoxTies(rawValue: row.string("ties"))!, settings: settings,
                                     robust: row.string("robust") == "TRUE")
            return CoxFixtureCase(id: row.string("case"), dataPath: row.string("data"), spec: spec, options: options,
                                  predict: row.string("predict"), zph: row.string("zph") == "TRUE",
                                  residuals: row.string("residuals") == "TRUE")
        }
    }()

    static func named(_ id: String) -> CoxFixtureCase { all.first { $0.id == id }! }

    var dataFile: String { Fixtures.root.appendingPathComponent(dataPath).path }

    func load() throws -> SurvivalData {
        try SurvivalData(table: try CSVTable(path: dataFile), spec: spec)
    }

    func fit() throws -> CoxModel { try CoxModel.fit(try load(), options: options) }

    /// `age=60;sex=2` → ["age": "60", "sex": "2"].
    var predictValues: [String: String] {
        var values: [String: String] = [:]
        for pair in predict.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            values[parts[0]] = parts[1]
        }
        return values
    }
}
