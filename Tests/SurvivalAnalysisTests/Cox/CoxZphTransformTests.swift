import Testing
import TestSupport
import SurvivalAnalysis

/// `cox.zph(fit, transform =)` for every transform, and `fit$var` / `fit$naive.var`, against R
/// (fixtures from scripts/fixtures/coxzph.R on coxmodels/data/lung_cc.csv).
@Suite struct CoxZphTransformTests {
    static let tolerance = Tolerance(relative: 1e-8)

    static func fit(_ id: String) throws -> CoxModel {
        let path = Fixtures.url("coxmodels/data/lung_cc.csv").path
        switch id {
        case "zph_efron":
            let spec = SurvivalDataSpec(time: "time", event: "status", covariates: ["age", "sex", "ecog1", "ecog2"])
            return try CoxModel.fit(try SurvivalData(table: try CSVTable(path: path), spec: spec))
        case "zph_breslow_strata":
            let spec = SurvivalDataSpec(time: "time", event: "status", strata: ["inst"], covariates: ["age", "sex"])
            return try CoxModel.fit(try SurvivalData(table: try CSVTable(path: path), spec: spec),
                                    options: CoxOptions(ties: .breslow))
        default:
            let spec = SurvivalDataSpec(time: "time", event: "status", covariates: ["age", "sex", "ecog1"], cluster: "inst")
            return try CoxModel.fit(try SurvivalData(table: try CSVTable(path: path), spec: spec))
        }
    }

    @Test(arguments: ["zph_efron", "zph_breslow_strata"], CoxZphTransform.allCases)
    func zphMatchesR(_ id: String, _ transform: CoxZphTransform) throws {
        let zph = try Self.fit(id).proportionalHazardsTest(transform: transform)
        #expect(zph.transform == transform.rawValue)
        let expected = try Fixture("coxmodels/zph.csv").rows.filter {
            $0.string("case") == id && $0.string("transform") == transform.rawValue
        }
        let rows = zph.terms + [zph.global]
        #expect(rows.map(\.term) == expected.map { $0.string("term") })
        for (row, e) in zip(rows, expected) {
            #expect(Self.tolerance.accepts(row.chisq, e.double("chisq")), "\(id) \(transform) \(row.term)")
            #expect(row.df == e.int("df"))
            #expect(Self.tolerance.accepts(row.pValue, e.double("p")), "\(id) \(transform) \(row.term) p")
        }
    }

    @Test(arguments: ["zph_efron", "vcov_robust"])
    func varianceMatchesR(_ id: String) throws {
        let model = try Self.fit(id)
        let expected = try Fixture("coxmodels/vcov.csv").rows(where: "case", is: id)
        let p = model.columnNames.count
        #expect(expected.count == p * p)
        #expect((model.naiveVarianceMatrix != nil) == (id == "vcov_robust"))
        for (k, e) in expected.enumerated() {
            #expect(e.string("row") == model.columnNames[k / p] && e.string("column") == model.columnNames[k % p])
            #expect(Self.tolerance.accepts(model.varianceMatrix[k], e.double("var")), "\(id) var \(k)")
            if let naive = model.naiveVarianceMatrix {
                #expect(Self.tolerance.accepts(naive[k], e.double("naive_var")), "\(id) naive \(k)")
            }
        }
    }
}

extension CoxZphTransformTests {
    @Test(arguments: ["zph_efron", "zph_breslow_strata"])
    func influenceMatchesR(_ id: String) throws {
        let model = try Self.fit(id)
        let influence = model.influence()
        let p = model.columnNames.count
        let expected = try Fixture("coxmodels/influence.csv").rows(where: "case", is: id)
        #expect(expected.count == model.rowsUsed * p)
        // Score residuals are differences of O(1) sums: absolute 1e-10 where they cross 0.
        let t = Tolerance(relative: 1e-8, absolute: 1e-10)
        for e in expected {
            let row = e.int("row")! - 1
            let k = model.columnNames.firstIndex(of: e.string("term"))!
            #expect(t.accepts(influence.score[row * p + k], e.double("score")), "\(id) score \(row) \(k)")
            #expect(t.accepts(influence.dfbeta[row * p + k], e.double("dfbeta")), "\(id) dfbeta \(row) \(k)")
            #expect(t.accepts(influence.dfbetas[row * p + k], e.double("dfbetas")), "\(id) dfbetas \(row) \(k)")
        }
    }
}
