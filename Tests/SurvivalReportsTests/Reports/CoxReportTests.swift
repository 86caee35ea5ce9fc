import Testing
import SurvivalAnalysis
import SurvivalReports
import TestSupport

@Suite struct CoxReportTests {
    func model(_ file: String, covariates: [String], factors: [String] = []) throws -> CoxModel {
        let table = try CSVTable(path: file)
        let spec = SurvivalDataSpec(time: "time", event: "status", covariates: covariates, factors: factors)
        return try CoxModel.fit(try SurvivalData(table: table, spec: spec))
    }

    @Test func aliasedTermIsNullInJSONAndNAInCSVAndText() throws {
        let m = try model(Fixtures.url("cox/data/collinear.csv").path, covariates: ["x1", "x2", "x3"])
        let report = CoxReport(model: m)
        let json = report.json().rendered()
        #expect(json.contains("\"term\": \"x3\",\n      \"coef\": null"))
        #expect(report.csv().split(separator: "\n")[3] == "x3,NA,NA,NA,NA,NA,NA,NA,NA")
        let text = report.text()
        #expect(text.contains("Warnings:\n  - 'x3' is collinear"))
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("x3 ") && $0.contains("NA") })
    }

    @Test func robustColumnsAppearOnlyWhenUsed() throws {
        let plain = try model(Fixtures.data("lung.csv").path, covariates: ["age", "sex"])
        #expect(!CoxReport(model: plain).text().contains("robust se"))
        #expect(!CoxReport(model: plain).json().rendered().contains("robust_se"))
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status",
                                                                         covariates: ["age", "sex"]))
        let robust = try CoxModel.fit(data, options: CoxOptions(robust: true))
        let report = CoxReport(model: robust)
        #expect(report.text().contains("robust se"))
        #expect(report.text().contains("Robust score test"))
        #expect(report.json().rendered().contains("\"robust_score_test\""))
    }

    @Test func confidenceLevelLabelsFollowR() throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status",
                                                                         covariates: ["age"]))
        let m = try CoxModel.fit(data, options: CoxOptions(confidenceLevel: 0.9))
        #expect(CoxReport(model: m).text().contains("lower .90"))
    }

    @Test func predictionAndZphTables() throws {
        let m = try model(Fixtures.data("lung.csv").path, covariates: ["age", "sex"])
        let report = CoxReport(model: m, zph: m.proportionalHazardsTest(),
                               prediction: try m.predictSurvival([("age", "60"), ("sex", "2")]))
        let text = report.text()
        #expect(text.contains("Proportional hazards test (cox.zph, km transform):"))
        #expect(text.contains("GLOBAL"))
        #expect(text.contains("Predicted survival for age=60, sex=2"))
        let json = report.json().rendered()
        #expect(json.contains("\"zph\"") && json.contains("\"baseline_cumhaz\""))
    }
}
