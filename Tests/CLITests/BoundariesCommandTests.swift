import Foundation
import Testing
import TestSupport

/// `survkit boundaries` as a user runs it. Expected numbers: rpact 3.3.4,
/// getDesignGroupSequential(kMax = 3, typeOfDesign = "asOF", typeBetaSpending = "bsOF",
/// bindingFutility = FALSE) — case 49 of Tests/Fixtures/groupseq/boundaries.csv.
@Suite struct BoundariesCommandTests {
    static let z = Tolerance(relative: 0, absolute: 1e-6)

    private func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(["boundaries"] + arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func matchesRpactEndToEnd() throws {
        let fixture = try Fixture("groupseq/boundaries.csv")
        let rows = fixture.rows(where: "case", is: "49")
        #expect(rows.first?.string("type_beta_spending") == "bsOF")
        let output = try json(["--looks", "3", "--spending", "obrien-fleming", "--futility-spending", "obrien-fleming",
                               "--power", "0.8", "--alpha", "0.025"])
        let looks = try #require(output["looks"] as? [[String: Any]])
        for (look, row) in zip(looks, rows) {
            #expect(Self.z.accepts(look["critical_value"] as? Double, row.double("critical_value")))
            #expect(Self.z.accepts(look["stage_level"] as? Double, row.double("stage_level")))
            #expect(Self.z.accepts(look["cumulative_alpha_spent"] as? Double, row.double("alpha_spent")))
            #expect(Self.z.accepts(look["futility_bound"] as? Double, row.double("futility_bound")))
        }
        #expect(Tolerance(relative: 1e-6).accepts(output["inflation_factor"] as? Double, rows[0].double("inflation_factor")))
    }

    @Test func negativeGammaAndUnequalRates() throws {
        let output = try json(["--information-rates", "0.15,0.4,0.75,1", "--spending", "hsd", "--gamma", "-3",
                               "--alpha", "0.05"])
        let rows = try Fixture("groupseq/boundaries.csv").rows(where: "case", is: "45")
        #expect(rows.first?.string("information_rates") == "0.14999999999999999 0.40000000000000002 0.75 1")
        let looks = try #require(output["looks"] as? [[String: Any]])
        for (look, row) in zip(looks, rows) {
            #expect(Self.z.accepts(look["critical_value"] as? Double, row.double("critical_value")))
        }
    }

    @Test func textIsTheDefaultAndOutputIsWrittenToAFile() throws {
        let r = try Survkit.run(["boundaries", "--looks", "2"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Inflation factor"))
        let dir = try Survkit.temporaryDirectory()
        let path = dir.appendingPathComponent("b.csv").path
        let w = try Survkit.run(["boundaries", "--looks", "4", "--spending", "kim-demets", "--rho", "2",
                                 "--format", "csv", "--output", path])
        #expect(w.status == 0 && w.stdout.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 5)
        // The same inputs give byte-identical output.
        let again = try Survkit.run(["boundaries", "--looks", "4", "--spending", "kim-demets", "--rho", "2", "--format", "csv"])
        #expect(again.stdout == text)
    }

    /// Bad input: exit 2, one line on stderr naming the problem, nothing on stdout.
    @Test(arguments: [
        (["--looks", "0"], "--looks must be at least 1"),
        (["--looks", "3", "--information-rates", "0.5,0.4,1"], "strictly increasing"),
        (["--information-rates", "0.3,0.6,0.9"], "the last information rate must be 1"),
        (["--looks", "2", "--information-rates", "0.5,0.7,1"], "--looks is 2 but --information-rates has 3 values"),
        (["--looks", "3", "--alpha", "0.6"], "--alpha must be in [1e-06, 0.5]"),
        (["--looks", "3", "--alpha", "0"], "--alpha must be in [1e-06, 0.5]"),
        (["--looks", "3", "--alpha", "-0.1"], "--alpha must be in [1e-06, 0.5]"),
        (["--looks", "3", "--spending", "hsd"], "--gamma is required"),
        (["--looks", "3", "--spending", "kim-demets"], "--rho is required"),
        (["--looks", "3", "--spending", "kim-demets", "--rho", "0.1"], "--rho must be in [0.4, 8]"),
        (["--looks", "3", "--spending", "hsd", "--gamma", "-11"], "--gamma must be in [-10, 5]"),
        (["--looks", "3", "--gamma", "1"], "--gamma applies only to Hwang-Shih-DeCani"),
        (["--looks", "3", "--futility-spending", "hsd"], "--futility-gamma is required"),
        (["--looks", "3", "--futility-rho", "2"], "need --futility-spending"),
        (["--looks", "3", "--sides", "2", "--futility-spending", "pocock"], "one-sided designs only"),
        (["--looks", "1", "--futility-spending", "pocock"], "at least 2 looks"),
        (["--looks", "3", "--sides", "3"], "--sides must be 1 or 2"),
        (["--looks", "3", "--power", "1"], "--power must be in"),
        (["--looks", "21"], "at most 20 looks"),
        ([], "--looks (or --information-rates) is required"),
    ])
    func badInputExitsTwo(_ arguments: [String], _ message: String) throws {
        let r = try Survkit.run(["boundaries"] + arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func badInputLeavesNoOutputFile() throws {
        let dir = try Survkit.temporaryDirectory()
        let path = dir.appendingPathComponent("out.json").path
        let r = try Survkit.run(["boundaries", "--looks", "0", "--output", path])
        #expect(r.status == 2)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func unknownSpendingIsAUsageError() throws {
        let r = try Survkit.run(["boundaries", "--looks", "3", "--spending", "haybittle"])
        #expect(r.status == 2)
    }
}
