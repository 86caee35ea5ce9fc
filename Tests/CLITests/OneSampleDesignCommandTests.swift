import Foundation
import Testing
import TestSupport

/// `survkit design --one-sample` as a user runs it: Wu (2015)'s sample size for the seed trial
/// as a single arm (Tests/Fixtures/onesampledesign/wu.csv, case seed_exponential) and errors.
@Suite struct OneSampleDesignCommandTests {
    static let integration = Tolerance(relative: 1e-9)

    @Test func seedTrialAsASingleArm() throws {
        let row = try #require(try Fixture("onesampledesign/wu.csv").rows.first { $0.string("case") == "seed_exponential" })
        for (flags, column) in [([String](), "n_finkelstein"), (["--wu-variance"], "n_wu")] {
            let r = try Survkit.run(["design", "--one-sample", "--median-historical", "11", "--hazard-ratio", "0.33333333333333331",
                                     "--accrual-time", "18", "--follow-up", "12", "--format", "json"] + flags)
            #expect(r.status == 0, "\(r.stderr)")
            let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            let exact = try #require(o["patients_evaluable"] as? Double)
            #expect(Self.integration.accepts(exact, row.double(column)), "\(column) \(exact)")
            #expect(o["patients"] as? Int == Int(exact.rounded(.up)))
            #expect(o["variance"] as? String == (flags.isEmpty ? "finkelstein" : "wu"))
        }
    }

    @Test func needsTheHistoricalControl() throws {
        let r = try Survkit.run(["design", "--one-sample", "--hazard-ratio", "0.5", "--accrual-time", "18", "--follow-up", "12"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--median-historical"), "\(r.stderr)")
    }

    @Test func refusesAControlMedian() throws {
        let r = try Survkit.run(["design", "--one-sample", "--median-historical", "11", "--median-control", "11",
                                 "--hazard-ratio", "0.5", "--accrual-time", "18", "--follow-up", "12"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--median-control"), "\(r.stderr)")
    }
}

/// `survkit design --one-sample --milestone` as a user runs it (Tests/Fixtures/onesampledesign/milestone.csv).
@Suite struct MilestoneDesignCommandTests {
    static let probability = Tolerance(relative: 1e-12)

    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try Survkit.run(["design", "--one-sample", "--milestone", "12", "--format", "json"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func everyFixtureCaseFromTheFlags() throws {
        for row in try Fixture("onesampledesign/milestone.csv").rows {
            var args = ["--rate-historical", row.string("rate_historical"), "--rate-treatment", row.string("rate_treatment"),
                        "--alpha", row.string("alpha"), "--sides", row.string("sides")]
            if let n = row.int("patients_given") { args += ["--patients", String(n)] } else { args += ["--power", row.string("power_target")] }
            if row.double("dropout")! > 0 { args += ["--dropout-rate", row.string("dropout"), "--dropout-time", "12"] }
            let o = try Self.json(args)
            let name = row.string("case")
            #expect(o["patients"] as? Int == row.int("patients"), "\(name)")
            #expect(o["patients_total"] as? Int == row.int("patients_total"), "\(name)")
            #expect(o["critical_count"] as? Int == row.int("critical_count"), "\(name)")
            #expect(Self.probability.accepts(o["alpha_attained"] as? Double, row.double("alpha_attained")), "\(name)")
            #expect(Self.probability.accepts(o["power"] as? Double, row.double("power")), "\(name)")
            #expect(o["reject_when"] as? String == (row.double("rate_treatment")! > row.double("rate_historical")! ? "at_least" : "at_most"))
        }
    }

    @Test func seedTrialFromTheMedianAndHazardRatio() throws {
        let row = try #require(try Fixture("onesampledesign/milestone.csv").rows.first { $0.string("case") == "seed_median_hr" })
        let o = try Self.json(["--median-historical", "11", "--hazard-ratio", "0.33333333333333331", "--dropout", "0.1"])
        #expect(Self.probability.accepts(o["rate_historical"] as? Double, row.double("rate_historical")))
        #expect(Self.probability.accepts(o["rate_treatment"] as? Double, row.double("rate_treatment")))
        #expect(o["patients"] as? Int == row.int("patients") && o["patients_total"] as? Int == row.int("patients_total"))
    }

    @Test(arguments: [
        (["--rate-historical", "1.5", "--rate-treatment", "0.7"], "--rate-historical"),
        (["--rate-historical", "0.5"], "--rate-treatment"),
        (["--rate-historical", "0.5", "--rate-treatment", "0.7", "--follow-up", "12"], "--follow-up"),
        (["--rate-historical", "0.5", "--median-historical", "11", "--rate-treatment", "0.7"], "--median-historical"),
        (["--rate-treatment", "0.7"], "--rate-historical"),
        (["--rate-historical", "0.5", "--rate-treatment", "0.7", "--wu-variance"], "--wu-variance"),
    ])
    func badInputIsAUsageError(args: [String], names: String) throws {
        let r = try Survkit.run(["design", "--one-sample", "--milestone", "12"] + args)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(names), "\(r.stderr)")
    }

    @Test func rateFlagsNeedTheMilestone() throws {
        let r = try Survkit.run(["design", "--one-sample", "--median-historical", "11", "--hazard-ratio", "0.5",
                                 "--accrual-time", "18", "--follow-up", "12", "--rate-treatment", "0.7"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--milestone"), "\(r.stderr)")
    }
}
