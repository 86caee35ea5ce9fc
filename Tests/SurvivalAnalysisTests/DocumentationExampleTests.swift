import Testing
import TestSupport
import SurvivalAnalysis

/// The example of the DocC landing page (Sources/SurvivalAnalysis/SurvivalAnalysis.docc/SurvivalAnalysis.md),
/// run as written (only the data path is the test's) and checked against R's fixtures, so the
/// documentation cannot rot: if the API changes, this stops compiling; if the numbers change, it fails.
@Suite struct DocumentationExampleTests {
    /// The fixtures' own tolerance for these quantities (KaplanMeierTests, LogRankTests, CoxModelTests).
    static let tolerance = Tolerance(relative: 1e-6)

    @Test func lungExampleMatchesR() throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)

        // Kaplan–Meier by sex: medians 270 (212, 310) and 426 (348, 550) days.
        let bySex = try SurvivalData(table: table,
                                     spec: SurvivalDataSpec(time: "time", event: "status", group: "sex"))
        let medians = try Fixture("km/lung_sex/median.csv").rows.filter {
            $0.string("estimator") == "kaplan-meier" && $0.string("conf_type") == "log" && $0.double("conf_level") == 0.95
        }
        let curves = KaplanMeier.curves(bySex)
        #expect(curves.count == 2 && medians.count == 2)
        for (curve, r) in zip(curves, medians) {
            let band = ConfidenceBand(curve, type: .log, level: 0.95)
            let median = curve.median(band: band)
            #expect(median.time == r.double("median") && median.lower == r.double("lower") && median.upper == r.double("upper"))
        }

        // Log-rank test by sex: chi-square 10.3 on 1 degree of freedom, p = 0.001.
        let logRank = try LogRankTest(bySex)
        let r = try Fixture("logrank/cases.csv").rows.first { $0.string("case") == "lung_sex" }!
        #expect(Self.tolerance.accepts(logRank.chiSquare.statistic, r.double("chisq")))
        #expect(logRank.chiSquare.degreesOfFreedom == r.int("df"))
        #expect(Self.tolerance.accepts(logRank.chiSquare.pValue, r.double("p_value")))

        // Cox model on age and sex with ECOG status as a factor (Efron ties, as R's coxph).
        let coxData = try SurvivalData(table: table,
                                       spec: SurvivalDataSpec(time: "time", event: "status",
                                                              covariates: ["age", "sex"], factors: ["ph.ecog"]))
        let cox = try CoxModel.fit(coxData)
        let rows = try Fixture("cox/coefficients.csv").rows.filter { $0.string("case") == "lung_efron" }
        #expect(rows.count == 5)   // age, sex, ph.ecog=1, 2, 3
        #expect(cox.coefficients.map(\.term) == rows.map { $0.string("term") })
        for (c, row) in zip(cox.coefficients, rows) {
            #expect(Self.tolerance.accepts(c.coef, row.double("coef")), "\(c.term)")
            #expect(Self.tolerance.accepts(c.expCoef, row.double("exp_coef")), "\(c.term)")
            #expect(Self.tolerance.accepts(c.se, row.double("se")), "\(c.term)")
            #expect(Self.tolerance.accepts(c.pValue, row.double("p_value")), "\(c.term)")
        }
    }
}
