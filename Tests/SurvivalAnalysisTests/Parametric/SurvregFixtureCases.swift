import SurvivalAnalysis
import TestSupport

/// The model cases of `Tests/Fixtures/survreg/cases.csv` (written by scripts/fixtures/survreg.R).
struct SurvregFixtureCase: CustomStringConvertible {
    let id: String
    let dataPath: String
    let spec: SurvivalDataSpec
    let options: SurvregOptions
    let predict: [(name: String, value: String)]
    let quantiles: [Double]

    var description: String { id }

    static let all: [SurvregFixtureCase] = {
        try! Fixture("survreg/cases.csv").rows.map { row in
            func list(_ column: String) -> [String] { row.string(column).split(separator: ";").map(String.init) }
            func optional(_ column: String) -> String? { row.string(column).isEmpty ? nil : row.string(column) }
            let spec = SurvivalDataSpec(time: row.string("time"), event: row.string("event"), strata: list("strata"),
                                        covariates: list("covariates"), factors: list("factors"),
                                        weights: optional("weights"), cluster: optional("cluster"))
            let options = SurvregOptions(distribution: SurvregDistribution(rawValue: row.string("dist"))!,
                                         maxIterations: row.int("max_iter")!, robust: row.string("robust") == "TRUE")
            let predict = list("predict").map { pair -> (name: String, value: String) in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], parts[1])
            }
            return SurvregFixtureCase(id: row.string("case"), dataPath: row.string("data"), spec: spec,
                                      options: options, predict: predict,
                                      quantiles: list("quantiles").map { Double($0)! })
        }
    }()

    static func named(_ id: String) -> SurvregFixtureCase { all.first { $0.id == id }! }

    func load() throws -> SurvivalData {
        try SurvivalData(table: try CSVTable(path: Fixtures.root.appendingPathComponent(dataPath).path), spec: spec)
    }

    func fit() throws -> SurvregModel { try SurvregModel.fit(try load(), options: options) }
}
