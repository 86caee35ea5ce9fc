import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Aalen–Johansen curves, Gray's test and the Fine–Gray model against R (survival 3.5-3,
/// cmprsk 2.2-11), fixtures from scripts/fixtures/competing.R.
@Suite struct CompetingRisksFixtureTests {
    /// Curves and tests: the issue's 1e-9 relative (seen: ≤ 3e-14).
    static let curve = Tolerance(relative: 1e-9)
    /// A p-value R computes as 1 − pchisq: its absolute rounding is ~1e-16.
    static let pValue = Tolerance(relative: 1e-9, absolute: 1e-15)
    /// Fine–Gray against crr at its default score tolerance gtol = 1e-6: crr stops early, up to
    /// 8.9e-6 relative from the maximiser on pbc (edema, cause 2), so the issue's 1e-6 is met
    /// only against the refit below; this bound checks the default output stays that close.
    static let crrDefault = Tolerance(relative: 1e-5)
    /// Fine–Gray against crr refitted with gtol = 1e-13: the same maximiser.
    static let crrTight = Tolerance(relative: 1e-10)

    struct Case { let name, data, time, status, group: String; let strata: String?; let covariates: [String] }
    static let cases = [
        Case(name: "mgus2_sex", data: "mgus2.csv", time: "etime", status: "status", group: "sex", strata: nil, covariates: ["age", "male"]),
        Case(name: "mgus2_sex_strata", data: "mgus2.csv", time: "etime", status: "status", group: "sex", strata: "agegrp", covariates: []),
        Case(name: "pbc_trt", data: "pbc.csv", time: "time", status: "status", group: "trt", strata: nil, covariates: ["age", "logbili", "edema"]),
    ]

    static func load(_ c: Case, withGroup: Bool = true) throws -> CompetingRisksData {
        let table = try CSVTable(path: Fixtures.url("competing/data/\(c.data)").path)
        let spec = SurvivalDataSpec(time: c.time, event: c.status, group: withGroup ? c.group : nil,
                                    strata: c.strata.map { [$0] } ?? [], covariates: c.covariates)
        return try CompetingRisksData.load(from: table, spec: spec, coding: .integers).competing
    }

    @Test(arguments: cases) func curvesMatchMultiStateSurvfit(_ c: Case) throws {
        let data = try Self.load(c)
        let curves = AalenJohansen.curves(data)
        let fixture = try Fixture("competing/\(c.name)/cif.csv")
        var compared = 0
        for causeCurves in curves {
            for curve in causeCurves {
                let expected = fixture.rows.filter { $0["group"] == curve.group && $0["cause"] == curve.causeLabel }
                #expect(expected.count == curve.rows.count, "\(c.name) cause \(curve.cause) group \(curve.group ?? "")")
                for (row, r) in zip(curve.rows, expected) {
                    #expect(row.time == r.double("time"))
                    #expect(row.atRisk == r.int("n_risk"))
                    #expect(Self.curve.accepts(row.incidence, r.double("cif")), "cif at \(row.time)")
                    #expect(Self.curve.accepts(row.standardError, r.double("std_err")), "std_err at \(row.time)")
                    #expect(Self.curve.accepts(row.lower, r.double("lower")), "lower at \(row.time)")
                    #expect(Self.curve.accepts(row.upper, r.double("upper")), "upper at \(row.time)")
                    compared += 1
                }
            }
        }
        #expect(compared == fixture.rows.count)
    }

    @Test(arguments: cases) func grayTestMatchesCuminc(_ c: Case) throws {
        let tests = try #require(GrayTest.tests(try Self.load(c)))
        let fixture = try Fixture("competing/\(c.name)/gray.csv")
        #expect(tests.count == fixture.rows.count)
        for (t, r) in zip(tests, fixture.rows) {
            #expect(t.causeLabel == r.string("cause"))
            #expect(Self.curve.accepts(t.statistic, r.double("statistic")))
            #expect(Self.pValue.accepts(t.pValue, r.double("p_value")))
            #expect(t.degreesOfFreedom == r.int("df"))
        }
    }

    @Test(arguments: cases.filter { !$0.covariates.isEmpty }) func fineGrayMatchesCrr(_ c: Case) throws {
        let data = try Self.load(c, withGroup: false)
        let fixture = try Fixture("competing/\(c.name)/finegray.csv")
        for cause in 1...2 {
            let model = try FineGrayModel.fit(data, cause: cause)
            #expect(model.converged)
            let rows = fixture.rows(where: "cause", is: String(cause))
            #expect(model.terms == rows.map { $0.string("term") })
            for (j, r) in rows.enumerated() {
                #expect(Self.crrDefault.accepts(model.coefficients[j], r.double("crr_coef")), "\(r.string("term"))")
                #expect(Self.crrTight.accepts(model.coefficients[j], r.double("crr_tight_coef")), "\(r.string("term"))")
                #expect(Self.crrTight.accepts(model.standardErrors[j], r.double("crr_naive_se")), "\(r.string("term"))")
            }
        }
    }

    @Test(arguments: cases.filter { !$0.covariates.isEmpty }) func causeSpecificCoxIsCoxWithOtherCausesCensored(_ c: Case) throws {
        let table = try CSVTable(path: Fixtures.url("competing/data/\(c.data)").path)
        let fixture = try Fixture("competing/\(c.name)/cause_specific.csv")
        for cause in 1...2 {
            let spec = SurvivalDataSpec(time: c.time, event: c.status, covariates: c.covariates)
            let data = try CompetingRisksData.load(from: table, spec: spec, coding: .integers, eventCause: String(cause)).competing
            let model = try CoxModel.fit(data.data, options: CoxOptions())
            for (coefficient, r) in zip(model.coefficients, fixture.rows(where: "cause", is: String(cause))) {
                #expect(Tolerance(relative: 1e-8).accepts(coefficient.coef, r.double("coef")))
                #expect(Tolerance(relative: 1e-8).accepts(coefficient.se, r.double("se")))
            }
        }
    }
}

extension CompetingRisksFixtureTests.Case: CustomTestStringConvertible {
    var testDescription: String { name }
}
