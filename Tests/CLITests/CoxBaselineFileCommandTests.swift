import Foundation
import Testing
import TestSupport

/// `survkit cox --baseline-file FILE`: the baseline hazard at the covariate means as CSV,
/// against R's `survfit(fit, ctype =)` (Tests/Fixtures/coxmodels/baseline.csv).
@Suite struct CoxBaselineFileCommandTests {
    static let tolerance = Tolerance(relative: 1e-8)
    static let data = Fixtures.url("coxmodels/data/lung_cc.csv").path

    @Test(arguments: [("baseline_efron", "efron", false), ("baseline_strata", "breslow", true)])
    func fileMatchesR(_ id: String, _ estimator: String, _ stratified: Bool) throws {
        let dir = try Survkit.temporaryDirectory()
        let file = dir.appendingPathComponent("baseline.csv").path
        let r = try Survkit.run(["cox", Self.data, "--time", "time", "--event", "status", "--covariates", "age,sex",
                                 "--baseline", estimator, "--baseline-file", file]
                                + (stratified ? ["--strata", "inst"] : []))
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == (stratified ? "stratum," : "") + "time,n_risk,n_event,hazard,cumhaz,survival")
        let expected = try Fixture("coxmodels/baseline.csv").rows.filter {
            $0.string("case") == id && $0.string("estimator") == estimator
        }
        #expect(lines.count - 1 == expected.count)
        let skip = stratified ? 1 : 0
        for (line, e) in zip(lines.dropFirst(), expected) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if stratified { #expect(cells[0] == e.string("stratum")) }
            let numbers = cells.dropFirst(skip).map { Double($0)! }
            #expect(numbers[0] == e.double("time"))
            #expect(numbers[1] == e.double("n_risk") && numbers[2] == e.double("n_event"))
            #expect(Self.tolerance.accepts(numbers[4], e.double("cumhaz")))
            #expect(Self.tolerance.accepts(numbers[5], e.double("surv")))
        }
    }
}
