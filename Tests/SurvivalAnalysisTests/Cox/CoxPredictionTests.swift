import Testing
import SurvivalAnalysis
import TestSupport

/// R's survfit(fit, newdata) on the cases with predict values in cases.csv.
@Suite struct CoxPredictionTests {
    static let tolerance = Tolerance(relative: 1e-6, absolute: 1e-14)
    static let expected = try! Fixture("cox/survfit.csv").rows

    @Test(arguments: CoxFixtureCase.all.filter { !$0.predict.isEmpty })
    func matchesR(_ c: CoxFixtureCase) throws {
        let values = c.predict.split(separator: ";").map { pair -> (name: String, value: String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }
        let prediction = try c.fit().predictSurvival(values)
        let rows = Self.expected.filter { $0["case"] == c.id }
        let points = prediction.curves.flatMap { curve in curve.points.map { (curve.stratum ?? "", $0) } }
        #expect(rows.count == points.count)
        let t = Self.tolerance
        for (r, (stratum, point)) in zip(rows, points) {
            let what = "\(c.id) \(stratum) t=\(point.time)"
            #expect(r.string("stratum") == stratum)
            #expect(t.accepts(point.time, r.double("time")), "\(what)")
            #expect(t.accepts(point.atRisk, r.double("n_risk")), "\(what) n.risk")
            #expect(t.accepts(point.events, r.double("n_event")), "\(what) n.event")
            #expect(t.accepts(point.censored, r.double("n_censor")), "\(what) n.censor")
            #expect(t.accepts(point.cumulativeHazard, r.double("cumhaz")), "\(what) cumhaz")
            #expect(t.accepts(point.standardError, r.double("std_err")), "\(what) se \(point.standardError)")
            #expect(t.accepts(point.survival, r.double("survival")), "\(what) surv")
            #expect(t.accepts(point.lower, r.double("lower")), "\(what) lower")
            #expect(t.accepts(point.upper, r.double("upper")), "\(what) upper")
            #expect(t.accepts(point.baselineCumulativeHazard, r.double("baseline_cumhaz")), "\(what) baseline")
        }
    }

    @Test func badValuesAreNamed() throws {
        let model = try CoxFixtureCase.named("lung_strata_efron").fit()
        #expect(throws: CoxPredictionError.missingTerm("sex")) {
            try model.predictSurvival([("age", "60"), ("ph.ecog", "1")])
        }
        #expect(throws: CoxPredictionError.unknownLevel(term: "ph.ecog", value: "7", levels: ["0", "1", "2", "3"])) {
            try model.predictSurvival([("age", "60"), ("sex", "1"), ("ph.ecog", "7")])
        }
        #expect(throws: CoxPredictionError.unknownName("weight")) {
            try model.predictSurvival([("weight", "60")])
        }
        #expect(throws: CoxPredictionError.unknownStratum("inst=99")) {
            try model.predictSurvival([("age", "60"), ("sex", "1"), ("ph.ecog", "1"), ("inst", "99")])
        }
        // Without the strata column: one curve per stratum, as R.
        let all = try model.predictSurvival([("age", "60"), ("sex", "1"), ("ph.ecog", "1")])
        #expect(all.curves.count == model.strataLevels.count)
    }

    /// The typed overload: numbers as numbers, levels as labels; the same curves as the text
    /// one, and the same errors.
    @Test func typedValuesPredictAsText() throws {
        let model = try CoxFixtureCase.named("lung_strata_efron").fit()
        let text = try model.predictSurvival([("age", "60"), ("sex", "1"), ("ph.ecog", "1"), ("inst", "1")])
        let typed = try model.predictSurvival([("age", .number(60)), ("sex", .number(1)), ("ph.ecog", .level("1")),
                                               ("inst", .number(1))])
        // A number for a factor names the level that reads as it.
        let numberForFactor = try model.predictSurvival([("age", .number(60)), ("sex", .number(1)),
                                                         ("ph.ecog", .number(1)), ("inst", .level("1"))])
        for other in [typed, numberForFactor] {
            #expect(other.relativeRisk == text.relativeRisk)
            #expect(other.curves.map(\.stratum) == text.curves.map(\.stratum))
            #expect(other.curves.map { $0.points.map(\.survival) } == text.curves.map { $0.points.map(\.survival) })
        }
        #expect(typed.values.map(\.value) == ["60", "1", "1", "1"])
        #expect(throws: CoxPredictionError.notANumber(term: "age", value: "sixty")) {
            try model.predictSurvival([("age", .level("sixty")), ("sex", .number(1)), ("ph.ecog", .level("1"))])
        }
        #expect(throws: CoxPredictionError.notANumber(term: "age", value: "inf")) {
            try model.predictSurvival([("age", .number(.infinity)), ("sex", .number(1)), ("ph.ecog", .level("1"))])
        }
        #expect(throws: CoxPredictionError.unknownLevel(term: "ph.ecog", value: "1.5", levels: ["0", "1", "2", "3"])) {
            try model.predictSurvival([("age", .number(60)), ("sex", .number(1)), ("ph.ecog", .number(1.5))])
        }
    }
}
