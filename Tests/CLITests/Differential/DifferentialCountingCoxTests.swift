import Foundation
import Testing
import TestSupport

/// `survkit cox --start` ((start, stop] data; with `--id --robust` the variance clustered on the
/// subject) against `coxph(Surv(start, stop, event) ~ x1 + x2 [+ strata(s)], cluster = id)` on the
/// counting-process sets of scripts/fixtures/differential2.R, compared as `DifferentialCoxTests`.
@Suite struct DifferentialCountingCoxTests {
    static let fits = DifferentialTable("cox.csv", directory: "differential2")
    static let coefficients = DifferentialTable("cox_coef.csv", directory: "differential2")

    @Test(arguments: DifferentialRun.load("cox", directory: "differential2"))
    func matchesCoxph(_ run: DifferentialRun) throws {
        try DifferentialCoxTests.check(run, fits: Self.fits, coefficients: Self.coefficients)
    }
}
