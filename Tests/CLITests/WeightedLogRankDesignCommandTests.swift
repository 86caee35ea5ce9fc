import Foundation
import Testing
import TestSupport

/// `survkit design --nph-method fh --fh-rho R --fh-gamma G`, run as a user runs it: the seed
/// trial against Tests/Fixtures/fhdesign/power.csv (scripts/fixtures/fhdesign.R), the keys, and
/// one-line errors for bad weights.
@Suite struct WeightedLogRankDesignCommandTests {
    static let seed = ["design", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18",
                       "--follow-up", "12", "--patients", "56"]
    /// The library agrees with the integration to 1e-8; the CLI prints round-trip doubles.
    static let integration = Tolerance(relative: 1e-8)
    static let rows = (try? Fixture("fhdesign/power.csv").rows) ?? []

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test(arguments: [("seed_delay3_fh01", ["--delay", "3", "--fh-gamma", "1"]),
                      ("seed_delay3_fh0half", ["--delay", "3", "--fh-rho", "0", "--fh-gamma", "0.5"]),
                      ("seed_cure30_fh10", ["--cure-fraction", "0.3", "--cure-fraction-treatment", "0.3", "--fh-rho", "1"]),
                      ("seed_cure30_control_fh11", ["--cure-fraction", "0.3", "--fh-rho", "1", "--fh-gamma", "1"])])
    func seedTrialAsTheIndependentIntegration(caseName: String, flags: [String]) throws {
        let row = try #require(Self.rows.first { $0.string("case") == caseName })
        let o = try json(Self.seed + flags + ["--nph-method", "fh"])
        #expect(o["method"] as? String == "fh")
        #expect(o["fh_rho"] as? Double == row.double("rho"))
        #expect(o["fh_gamma"] as? Double == row.double("gamma"))
        #expect(Self.integration.accepts(o["fh_drift"] as? Double, try #require(row.double("fh_drift"))))
        #expect(Self.integration.accepts(o["power_fh"] as? Double, try #require(row.double("power_fh"))))
        #expect(o["power"] as? Double == o["power_fh"] as? Double)
    }

    /// With the log-rank method, `--fh-gamma` adds the FH keys beside it; without FH flags none appear.
    @Test func weightsWithTheLogRankMethodAddTheKeys() throws {
        let plain = try json(Self.seed + ["--delay", "3"])
        let withWeights = try json(Self.seed + ["--delay", "3", "--fh-gamma", "1"])
        #expect(plain["power_fh"] == nil)
        #expect(withWeights["method"] as? String == "logrank")
        #expect(withWeights["power"] as? Double == plain["power"] as? Double)
        #expect(withWeights["power_fh"] is Double)
        let text = try Survkit.run(Self.seed + ["--delay", "3", "--nph-method", "fh", "--fh-gamma", "1"])
        #expect(text.stdout.contains("power, FH(0, 1) log-rank"), "\(text.stdout)")
    }

    @Test(arguments: [(["--nph-method", "fh", "--fh-gamma", "-1"], "--fh-gamma must be a number ≥ 0"),
                      (["--nph-method", "fh", "--fh-rho", "-0.5"], "--fh-rho must be a number ≥ 0")])
    func badWeightsAreOneLine(flags: [String], message: String) throws {
        let r = try Survkit.run(Self.seed + flags)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    /// With looks the FH design is group-sequential: spending at the FH information fractions,
    /// which differ from the event fractions (values: NonProportionalSequentialTests).
    @Test func looksGiveTheGroupSequentialPower() throws {
        let r = try Survkit.run(["design", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18",
                                 "--follow-up", "12", "--nph-method", "fh", "--fh-gamma", "1", "--looks", "2", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let looks = try #require(o["looks"] as? [[String: Any]])
        #expect(looks.count == 2)
        let fraction = try #require(looks[0]["information_fraction"] as? Double)
        #expect(fraction < 0.45, "FH(0, 1) weights late events: the first half of the events carries less information")
        // Spent at so small a first fraction the first look costs almost nothing: the
        // group-sequential power is within 1e-4 of the fixed design's.
        let power = try #require(o["power"] as? Double), fixed = try #require(o["power_fixed"] as? Double)
        #expect(abs(power - fixed) < 1e-4 && power != fixed, "\(power) \(fixed)")
    }

    @Test func betaSpendingFutilityIsRefusedWithLooks() throws {
        let r = try Survkit.run(["design", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18",
                                 "--follow-up", "12", "--nph-method", "fh", "--fh-gamma", "1", "--looks", "2", "--sides", "1",
                                 "--alpha", "0.025", "--futility-spending", "obrien-fleming"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("futility (beta) spending is not available with non-proportional hazards"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
