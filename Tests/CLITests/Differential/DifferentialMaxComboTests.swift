import Foundation
import Testing
import TestSupport

/// `survkit logrank --maxcombo` on the two-group sets of scripts/fixtures/differential2.R: each
/// Fleming–Harrington component's z, their correlation and rank, the statistics, and the two p-values
/// against `mvtnorm::pmvnorm` (Miwa with 4096 steps, or GenzBretz for the singular default set).
@Suite struct DifferentialMaxComboTests {
    /// z's and the correlation: sums over event times, the 1e-9 relative for tests.
    static let test = Tolerance(relative: 1e-9)
    /// The p-values are integrals that neither side computes exactly: each is held to three times
    /// the sum of the errors both report (R: GenzBretz's estimate or |Miwa − GenzBretz|; survkit:
    /// `p_value_error_bound`), plus 1e-9 for the rounding of the two integrands.
    static func pValue(_ referenceError: Double, _ bound: Double) -> Tolerance {
        Tolerance(relative: 0, absolute: 3 * (referenceError + bound) + 1e-9)
    }
    static let expected = DifferentialTable("maxcombo.csv", directory: "differential2")

    @Test(arguments: DifferentialRun.load("maxcombo", directory: "differential2"))
    func matchesPmvnorm(_ run: DifferentialRun) throws {
        var c = DifferentialComparison(run)
        let result = try run.run()
        if let object = try matchOutcome(run, result, &c), let want = Self.expected.rows(run.id).first {
            let combo = object["maxcombo"] as? [String: Any] ?? [:]
            let z = (combo["components"] as? [[String: Any]] ?? []).map { jsonNumber($0["z"]) }
            let wantZ = want.string("z").split(separator: ";").map { Double($0) }
            c.equal("components", z.count, wantZ.count)
            for (index, (got, w)) in zip(z, wantZ).enumerated() { c.close("z[\(index)]", got, w, Self.test) }
            let matrix = (combo["correlation"] as? [[Any]] ?? []).map { $0.map { jsonNumber($0) } }
            // R's upper triangle column by column: (0,1), (0,2), (1,2), ...
            var upper: [Double?] = []
            for column in 1..<max(1, matrix.count) {
                for row in 0..<column { upper.append(matrix[row].count > column ? matrix[row][column] : nil) }
            }
            let wantR = want.string("correlation").split(separator: ";").map { Double($0) }
            c.equal("correlation entries", upper.count, wantR.count)
            for (index, (got, w)) in zip(upper, wantR).enumerated() { c.close("correlation[\(index)]", got, w, Self.test) }
            c.equal("rank", jsonNumber(combo["rank"]), want.double("rank"))
            c.close("statistic", jsonNumber(combo["statistic"]), want.double("statistic"), Self.test)
            c.close("one_sided_statistic", jsonNumber(combo["one_sided_statistic"]), want.double("one_sided_statistic"), Self.test)
            let p = Self.pValue(want.double("reference_error") ?? .infinity, jsonNumber(combo["p_value_error_bound"]) ?? .infinity)
            c.close("p_value", jsonNumber(combo["p_value"]), want.double("p_value"), p)
            c.close("p_value_one_sided", jsonNumber(combo["p_value_one_sided"]), want.double("p_value_one_sided"), p)
        }
        c.finish()
    }
}
