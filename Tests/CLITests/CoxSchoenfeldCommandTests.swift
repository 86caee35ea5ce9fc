import Foundation
import Testing
import TestSupport

/// `survkit cox --schoenfeld FILE`: R's `residuals(fit, "schoenfeld" | "scaledsch")` per event
/// through the CSV file (Tests/Fixtures/coxmodels/schoenfeld.csv), and the refusals.
@Suite struct CoxSchoenfeldCommandTests {
    static let tolerance = Tolerance(relative: 1e-8, absolute: 1e-10)
    static let data = Fixtures.url("coxmodels/data/lung_cc.csv").path
    static let base = ["cox", data, "--time", "time", "--event", "status"]

    @Test func fileMatchesR() throws {
        let dir = try Survkit.temporaryDirectory()
        let file = dir.appendingPathComponent("schoenfeld.csv").path
        let r = try Survkit.run(Self.base + ["--covariates", "age,sex,ecog1,ecog2", "--schoenfeld", file])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        let terms = ["age", "sex", "ecog1", "ecog2"]
        #expect(lines.first.map(String.init) == (["line", "time"] + terms.map { "schoenfeld_\($0)" }
                                                 + terms.map { "scaledsch_\($0)" }).joined(separator: ","))
        let expected = try Fixture("coxmodels/schoenfeld.csv").rows(where: "case", is: "zph_efron")
        #expect(lines.count - 1 == expected.count / 4)
        for (e, line) in zip(expected.filter { $0.string("term") == "age" }, lines.dropFirst()) {
            let cells = line.split(separator: ",").map { Double($0)! }
            // Line = row + 1 (the header is line 1).
            #expect(Int(cells[0]) == e.int("row")! + 1)
            #expect(cells[1] == e.double("time"))
            #expect(Self.tolerance.accepts(cells[2], e.double("schoenfeld")))
            #expect(Self.tolerance.accepts(cells[6], e.double("scaledsch")))
        }
        let refused = try Survkit.run(Self.base + ["--covariates", "sex", "--ridge", "1", "--schoenfeld", file])
        #expect(refused.status == 2 && refused.stderr.contains("--schoenfeld"), "\(refused.stderr)")
    }
}
