import Testing
import SurvivalAnalysis
import TestSupport

@Suite struct CoxDesignTests {
    func data(_ csv: String, covariates: [String], factors: [String]) throws -> SurvivalData {
        let table = try CSVTable(bytes: Array(csv.utf8), source: "test.csv")
        return try SurvivalData(table: table, spec: SurvivalDataSpec(time: "t", event: "e", covariates: covariates,
                                                                     factors: factors))
    }

    /// Treatment contrasts: the first level in byte order is the reference; terms `f=level`.
    @Test func factorsUseTreatmentContrasts() throws {
        let d = try data("t,e,age,arm\n1,1,50,b\n2,0,60,a\n3,1,70,c\n", covariates: ["age"], factors: ["arm"])
        let design = try CoxDesign(d)
        #expect(design.columnNames == ["age", "arm=b", "arm=c"])
        #expect(design.terms.map(\.name) == ["age", "arm"])
        #expect(try design.row(for: ["age": "55", "arm": "c"]) == [55, 0, 1])
        #expect(try design.row(for: ["age": "55", "arm": "a"]) == [55, 0, 0])
        #expect(throws: CoxPredictionError.unknownLevel(term: "arm", value: "d", levels: ["a", "b", "c"])) {
            try design.row(for: ["age": "55", "arm": "d"])
        }
    }

    @Test func singleLevelFactorIsAnInputError() throws {
        let d = try data("t,e,arm\n1,1,a\n2,0,a\n", covariates: [], factors: ["arm"])
        #expect(throws: InputError.self) { try CoxDesign(d) }
    }
}
