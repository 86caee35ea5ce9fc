import Testing
@testable import SurvivalAnalysis
import TestSupport

/// Schoenfeld, scaled Schoenfeld, score, dfbeta and dfbetas residuals, cox.zph and the
/// predicted curve on (start, stop] data against R (scripts/fixtures/counting-cox.R), on the
/// models of `counting/cases.csv` (heart, cgd Andersen–Gill, pbcseq).
@Suite struct CountingCoxResidualTests {
    /// Issue 14: residuals and tests on counting data within 1e-8 of R; the absolute part
    /// covers residuals that are 0 up to rounding (R's own sums differ there by ~1e-15).
    static let residuals = Tolerance(relative: 1e-8, absolute: 1e-11)
    /// cox.zph statistics and p-values: sums of the same terms as zph2's.
    static let zph = Tolerance(relative: 1e-8, absolute: 1e-12)
    /// Predicted curves (survfit.coxph): the cumulative sums of agsurv.
    static let curve = Tolerance(relative: 1e-8, absolute: 1e-14)

    static let schoenfeldRows = try! Fixture("counting-cox/schoenfeld.csv").rows
    static let influenceRows = try! Fixture("counting-cox/influence.csv").rows
    static let zphRows = try! Fixture("counting-cox/zph.csv").rows
    static let predictRows = try! Fixture("counting-cox/predict.csv").rows
    static let survfitRows = try! Fixture("counting-cox/survfit.csv").rows
    static let baselineRows = try! Fixture("counting-cox/baseline.csv").rows

    static func fit(_ c: CountingFixtureCase) throws -> CoxModel {
        try CoxModel.fit(try c.load(), options: c.options)
    }

    @Test(arguments: CountingFixtureCase.all)
    func schoenfeldMatchesR(_ c: CountingFixtureCase) throws {
        let model = try Self.fit(c)
        let s = model.schoenfeldResiduals()
        let p = s.columns
        let rows = Self.schoenfeldRows.filter { $0["case"] == c.id }
        #expect(rows.count == s.rows.count * p)
        let terms = model.coefficients.map(\.term)
        var worst = 0.0
        for r in rows {
            let k = r.int("event")! - 1
            let j = terms.firstIndex(of: r.string("term"))!
            #expect(s.rows[k] == r.int("row")! - 1, "\(c.id) event \(k) row")
            #expect(s.time[k] == r.double("time"))
            let a = s.residuals[k * p + j], b = r.double("schoenfeld")!
            let sa = s.scaled[k * p + j], sb = r.double("scaled")!
            #expect(Self.residuals.accepts(a, b), "\(c.id) event \(k) \(terms[j]): \(a) vs \(b)")
            #expect(Self.residuals.accepts(sa, sb), "\(c.id) event \(k) \(terms[j]) scaled: \(sa) vs \(sb)")
            // Relative where the residual is not a rounding-level zero (R gives ±1e-17 for 0).
            for (x, y) in [(a, b), (sa, sb)] where max(abs(x), abs(y)) > 1e-6 {
                worst = max(worst, relativeDifference(x, y))
            }
        }
        #expect(worst <= 1e-8, "\(c.id): largest relative Schoenfeld difference \(worst)")
    }

    @Test(arguments: CountingFixtureCase.all)
    func influenceMatchesR(_ c: CountingFixtureCase) throws {
        let model = try Self.fit(c)
        let influence = model.influence()
        let p = influence.columns
        let terms = model.coefficients.map(\.term)
        let rows = Self.influenceRows.filter { $0["case"] == c.id }
        #expect(rows.count == influence.score.count)
        for r in rows {
            let i = r.int("row")! - 1
            let j = terms.firstIndex(of: r.string("term"))!
            let what = "\(c.id) row \(i + 1) \(terms[j])"
            #expect(Self.residuals.accepts(influence.score[i * p + j], r.double("score")), "\(what) score")
            #expect(Self.residuals.accepts(influence.dfbeta[i * p + j], r.double("dfbeta")), "\(what) dfbeta")
            #expect(Self.residuals.accepts(influence.dfbetas[i * p + j], r.double("dfbetas")), "\(what) dfbetas")
        }
    }

    @Test(arguments: CountingFixtureCase.all)
    func zphMatchesR(_ c: CountingFixtureCase) throws {
        let model = try Self.fit(c)
        for transform in CoxZphTransform.allCases {
            let table = model.proportionalHazardsTest(transform: transform)
            let rows = Self.zphRows.filter { $0["case"] == c.id && $0["transform"] == transform.rawValue }
            let ours = table.terms + [table.global]
            #expect(rows.map { $0.string("term") } == ours.map(\.term), "\(c.id) \(transform) terms")
            for (r, row) in zip(rows, ours) {
                let what = "\(c.id) \(transform) \(row.term)"
                #expect(Self.zph.accepts(row.chisq, r.double("chisq")), "\(what) chisq \(row.chisq)")
                #expect(row.df == r.int("df"), "\(what) df")
                #expect(Self.zph.accepts(row.pValue, r.double("p")), "\(what) p \(row.pValue)")
            }
        }
    }

    @Test(arguments: CountingFixtureCase.all)
    func predictionMatchesR(_ c: CountingFixtureCase) throws {
        let model = try Self.fit(c)
        let text = Self.predictRows.first { $0["case"] == c.id }!.string("predict")
        let values = text.split(separator: ";").map { pair -> (name: String, value: String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }
        let prediction = try model.predictSurvival(values)
        let rows = Self.survfitRows.filter { $0["case"] == c.id }
        let points = prediction.curves.flatMap { curve in curve.points.map { (curve.stratum ?? "", $0) } }
        #expect(rows.count == points.count)
        let t = Self.curve
        for (r, (stratum, point)) in zip(rows, points) {
            let what = "\(c.id) \(stratum) t=\(point.time)"
            // R names a single strata() column's curves by level alone.
            #expect(stratum.split(separator: "=").last.map(String.init) ?? "" == r.string("stratum"), "\(what)")
            #expect(point.time == r.double("time"), "\(what)")
            #expect(t.accepts(point.atRisk, r.double("n_risk")), "\(what) n.risk \(point.atRisk)")
            #expect(t.accepts(point.events, r.double("n_event")), "\(what) n.event")
            #expect(t.accepts(point.censored, r.double("n_censor")), "\(what) n.censor")
            #expect(t.accepts(point.cumulativeHazard, r.double("cumhaz")), "\(what) cumhaz")
            #expect(t.accepts(point.standardError, r.double("std_err")), "\(what) se \(point.standardError)")
            #expect(t.accepts(point.survival, r.double("survival")), "\(what) surv")
            #expect(t.accepts(point.lower, r.double("lower")), "\(what) lower")
            #expect(t.accepts(point.upper, r.double("upper")), "\(what) upper")
        }
    }

    /// `--baseline`: survfit(fit, ctype = 1 | 2) at the means, n.risk counting start < t ≤ stop.
    @Test(arguments: CountingFixtureCase.all)
    func baselineMatchesR(_ c: CountingFixtureCase) throws {
        let model = try Self.fit(c)
        for estimator in CoxTies.allCases {
            let baseline = model.baselineHazard(estimator: estimator)
            let rows = Self.baselineRows.filter { $0["case"] == c.id && $0["estimator"] == estimator.rawValue }
            #expect(rows.count == baseline.rows.count, "\(c.id) \(estimator)")
            for (r, row) in zip(rows, baseline.rows) {
                let what = "\(c.id) \(estimator) t=\(row.time)"
                #expect(row.time == r.double("time"), "\(what)")
                #expect(Self.curve.accepts(row.atRisk, r.double("n_risk")), "\(what) n.risk \(row.atRisk)")
                #expect(Self.curve.accepts(row.events, r.double("n_event")), "\(what) n.event")
                #expect(Self.curve.accepts(row.cumulativeHazard, r.double("cumhaz")), "\(what) cumhaz")
                #expect(Self.curve.accepts(row.survival, r.double("surv")), "\(what) surv")
            }
        }
    }
}
