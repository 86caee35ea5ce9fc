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
