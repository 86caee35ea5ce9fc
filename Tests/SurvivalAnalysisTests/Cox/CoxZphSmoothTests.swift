import Testing
import TestSupport
import SurvivalAnalysis

/// The residuals, smooth and x axis of R's `plot(cox.zph(fit, transform = T))` (fixtures from
/// scripts/fixtures/coxzph-plot.R: lung with age, sex, ph.ecog; veteran with trt, karno and the
/// four-level factor celltype, whose panel combines its three columns; veteran with trt, karno,
/// strata(prior) and Breslow ties).
@Suite struct CoxZphSmoothTests {
    /// Residuals, var and the spline fit: same arithmetic as R up to the order of sums and the
    /// least-squares factorisation (GSL's SVD against R's Householder QR).
    static let tolerance = Tolerance(relative: 1e-9, absolute: 1e-12)
    /// The axis positions are interpolated from those numbers.
    static let axisTolerance = Tolerance(relative: 1e-9)

    static let cases = ["lung", "veteran", "veteran_strata"]

    static func fit(_ id: String) throws -> CoxModel {
        let table = try CSVTable(path: Fixtures.url("coxzph-plot/data/\(id == "lung" ? "lung" : "veteran").csv").path)
        switch id {
        case "lung":
            let spec = SurvivalDataSpec(time: "time", event: "status", covariates: ["age", "sex", "ph.ecog"])
            return try CoxModel.fit(try SurvivalData(table: table, spec: spec))
        case "veteran":
            let spec = SurvivalDataSpec(time: "time", event: "status", covariates: ["trt", "karno"], factors: ["celltype"])
            return try CoxModel.fit(try SurvivalData(table: table, spec: spec))
        default:   // Breslow ties, two strata: the per-stratum residual scaling
            let spec = SurvivalDataSpec(time: "time", event: "status", strata: ["prior"], covariates: ["trt", "karno"])
            return try CoxModel.fit(try SurvivalData(table: table, spec: spec), options: CoxOptions(ties: .breslow))
        }
    }

    static func rows(_ file: String, _ id: String, _ transform: CoxZphTransform) throws -> [[String: String]] {
        try Fixture("coxzph-plot/\(file)").rows(where: "case", is: id).filter { $0["transform"] == transform.rawValue }
    }

    @Test(arguments: cases, CoxZphTransform.allCases)
    func residualsMatchR(_ id: String, _ transform: CoxZphTransform) throws {
        let zph = try Self.fit(id).scaledSchoenfeldResiduals(transform: transform)
        let expected = try Self.rows("residuals.csv", id, transform)
        #expect(Set(zph.terms) == Set(expected.map { $0.string("term") }))
        for (t, term) in zph.terms.enumerated() {
            // Tied deaths may come in another order: compare (time, y) pairs sorted.
            let theirs = expected.filter { $0.string("term") == term }
                .map { ($0.double("time")!, $0.double("x")!, $0.double("y")!) }.sorted { ($0.0, $0.2) < ($1.0, $1.2) }
            let mine = zph.time.indices.map { (zph.time[$0], zph.transformedTime[$0], zph.beta[t][$0]!) }
                .sorted { ($0.0, $0.2) < ($1.0, $1.2) }
            #expect(mine.count == theirs.count)
            for (m, r) in zip(mine, theirs) {
                #expect(m.0 == r.0)
                #expect(Self.tolerance.accepts(m.1, r.1), "\(id) \(transform) x at \(m.0)")
                #expect(Self.tolerance.accepts(m.2, r.2), "\(id) \(transform) \(term) y at \(m.0): \(m.2) vs \(r.2)")
            }
        }
        let m = zph.terms.count
        for row in try Self.rows("var.csv", id, transform) {
            let i = try #require(zph.terms.firstIndex(of: row.string("row")))
            let j = try #require(zph.terms.firstIndex(of: row.string("column")))
            #expect(Self.tolerance.accepts(zph.variance[i * m + j], row.double("var")), "\(id) \(transform) var")
        }
    }

    @Test(arguments: cases, CoxZphTransform.allCases)
    func smoothMatchesR(_ id: String, _ transform: CoxZphTransform) throws {
        let zph = try Self.fit(id).scaledSchoenfeldResiduals(transform: transform)
        let smooths = zph.smooths()
        let expected = try Self.rows("smooth.csv", id, transform)
        var largest = 0.0
        for (term, smooth) in zip(zph.terms, smooths) {
            let s = try #require(smooth, "\(id) \(transform) \(term) has no smooth")
            let rows = expected.filter { $0.string("term") == term }
            #expect(rows.count == 40 && s.x.count == 40)
            for (i, r) in rows.enumerated() {
                #expect(Self.tolerance.accepts(s.x[i], r.double("x")), "\(id) \(transform) \(term) x[\(i)]")
                #expect(Self.tolerance.accepts(s.fit[i], r.double("fit")), "\(id) \(transform) \(term) fit[\(i)]: \(s.fit[i]) vs \(r.double("fit")!)")
                #expect(Self.tolerance.accepts(s.standardError[i], r.double("se")), "\(id) \(transform) \(term) se[\(i)]")
                largest = max(largest, relativeDifference(s.fit[i], r.double("fit")!), relativeDifference(s.standardError[i], r.double("se")!))
            }
        }
        print("coxzph smooth \(id) \(transform): largest relative difference \(largest)")
    }

    @Test(arguments: cases, [CoxZphTransform.km, .rank])
    func axisMatchesR(_ id: String, _ transform: CoxZphTransform) throws {
        let ticks = try Self.fit(id).scaledSchoenfeldResiduals(transform: transform).axisTicks()
        let expected = try Self.rows("axis.csv", id, transform).filter { $0.double("position") != nil }
        #expect(ticks.count == expected.count)
        for (t, r) in zip(ticks, expected) {
            #expect(t.time == r.double("label"), "\(id) \(transform) label")
            #expect(Self.axisTolerance.accepts(t.position, r.double("position")), "\(id) \(transform) position")
        }
    }

    @Test func logAxisUsesOneTwoFive() throws {
        let ticks = try Self.fit("lung").scaledSchoenfeldResiduals(transform: .log).axisTicks()
        #expect(ticks.map(\.time) == [5, 10, 20, 50, 100, 200, 500])
    }
}
