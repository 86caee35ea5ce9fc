import Foundation
import Testing
import TestSupport

/// `survkit logrank --one-sample` on the sets of scripts/fixtures/differential2.R against
/// `survdiff(Surv(time, status) ~ offset(Λ₀(time)))` (observed, expected, chi-square = z², p) and,
/// for Wu's statistic and the exact Poisson p, their formulas on survdiff's O and E.
@Suite struct DifferentialOneSampleTests {
    /// Tests: the 1e-9 relative.
    static let test = Tolerance(relative: 1e-9)
    static let expected = DifferentialTable("onesample.csv", directory: "differential2")
    static let fields = ["expected", "ratio", "z_finkelstein", "p_value_finkelstein",
                         "p_value_finkelstein_one_sided", "z_wu", "p_value_wu", "p_value_wu_one_sided",
                         "p_value_exact_one_sided"]

    @Test(arguments: DifferentialRun.load("onesample", directory: "differential2"))
    func matchesSurvdiffWithOffset(_ run: DifferentialRun) throws {
        var c = DifferentialComparison(run)
        let result = try run.run()
        if run.rStatus == "error" {
            c.equal("exit status (R: \(run.rMessage))", result.status, 2)
        } else {
            c.equal("exit status (stderr: \(result.stderr))", result.status, 0)
            if result.status == 0, let want = Self.expected.rows(run.id).first {
                let object = try jsonObject(result.stdout)
                c.equal("patients", jsonNumber(object["patients"]), want.double("patients"))
                c.equal("observed", jsonNumber(object["observed"]), want.double("observed"))
                for field in Self.fields {
                    c.close(field, jsonNumber(object[field]), want.double(field), Self.test)
                }
            }
        }
        c.finish()
    }
}
