import Foundation
import Testing
import TestSupport

/// Degenerate inputs that used to print a confident number (a NaN, 0 ± 0, power 0) and now
/// give R's answer or exit 2 naming the problem. R's behaviour on the same data:
/// scripts/fixtures/degenerate.R → Tests/Fixtures/degenerate/.
@Suite struct DegenerateStatisticTests {
    /// Fitted parameters: as Cox, 1e-8 relative.
    static let fit = Tolerance(relative: 1e-8)
    static let folder = "Tests/Fixtures/degenerate"

    static func data(_ name: String) -> String { Fixtures.url("degenerate/\(name)").path }

    /// V = 0 (every event at a time where all at risk have it): survdiff stops "exactly
    /// singular"; survkit used to print chi-square 0 on 0 df, p = 1 and a NaN column.
    @Test(arguments: [("one_time", ["--group", "arm"], "logrank_one_time.csv"),
                      ("one_time_rho1", ["--group", "arm", "--rho", "1"], "logrank_one_time.csv"),
                      ("strata_d_equals_n", ["--group", "arm", "--strata", "site"], "logrank_strata_d_equals_n.csv")],
          ["text", "json", "csv"])
    func logRankWithZeroVarianceIsRefused(_ c: (name: String, flags: [String], file: String), format: String) throws {
        let r = try #require(try Fixture("degenerate/logrank.csv").rows(where: "case", is: c.name).first)
        #expect(r.string("r_outcome").contains("exactly singular"), "R no longer stops: \(r)")
        try Reliability.expectRefused(["logrank", Self.data(c.file), "--time", "time", "--event", "status",
                                       "--format", format] + c.flags,
                                      mentions: [c.file, "variance of observed minus expected is 0", "undefined"])
    }

    /// The km figure's log-rank annotation on the same data said "Log-rank p = 1".
    @Test func kaplanMeierPlotShowsNoLogRankPWhenTheTestIsUndefined() throws {
        let svg = try Survkit.temporaryDirectory().appendingPathComponent("k.svg").path
        let r = try Survkit.run(["km", Self.data("logrank_one_time.csv"), "--time", "time", "--event", "status",
                                 "--group", "arm", "--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("<svg") && !text.contains("Log-rank p"), "\(text.prefix(300))")
    }

    /// FH(1, 1) where the only event time with a non-zero weight has one subject at risk:
    /// group a's weighted expected is 0 and V = 0, and the table printed NaN with "0 on 0 df".
    /// (R's survdiff has no γ; with γ = 0 the same data give its defined answer.)
    @Test(arguments: ["text", "json", "csv"])
    func flemingHarringtonWithNoWeightedInformationIsRefused(format: String) throws {
        let path = try Reliability.file("tiny.csv", "time,status,group\n5e-324,1,a\n1e-320,1,b\n1e-310,0,a\n1,1,b\n")
        try Reliability.expectRefused(["logrank", path, "--time", "time", "--event", "status", "--group", "group",
                                       "--rho", "1", "--gamma", "1", "--format", format],
                                      mentions: ["tiny.csv", "variance of observed minus expected is 0", "undefined"])
        // survdiff has no γ, so the message does not say what it does here (it does for γ = 0).
        let refused = try Survkit.run(["logrank", path, "--time", "time", "--event", "status", "--group", "group",
                                       "--rho", "1", "--gamma", "1"])
        #expect(refused.status == 2 && !refused.stderr.contains("survdiff"), "\(refused.stderr)")
        let zero = try Survkit.run(["logrank", Self.data("logrank_one_time.csv"), "--time", "time", "--event", "status",
                                    "--group", "arm", "--rho", "1"])
        #expect(zero.status == 2 && zero.stderr.contains("R's survdiff stops"), "\(zero.stderr)")
        let plain = try Survkit.run(["logrank", path, "--time", "time", "--event", "status", "--group", "group", "--rho", "1"])
        #expect(plain.status == 0, "\(plain.stderr)")
    }

    /// Covariate values near the largest double: the centring's spread (or mean) overflows and the
    /// column is aliased (NA). The warning said "zero variance", which the data do not have; a
    /// column that really is constant still says so.
    @Test func coxCovariateTooLargeForDoublesIsNamedAsSuch() throws {
        let huge = try Reliability.file("huge.csv", "time,status,x\n1,1,1e308\n2,1,-1e308\n3,0,1e308\n4,1,-1e308\n5,1,1e308\n6,0,0\n")
        let big = try Reliability.file("big.csv", "time,status,x\n1,1,1e308\n2,1,1.5e308\n3,0,1.7e308\n4,1,1e308\n5,1,1.2e308\n6,0,1.1e308\n")
        for path in [huge, big] {
            let r = try Survkit.run(["cox", path, "--time", "time", "--event", "status", "--covariates", "x"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("'x' has values too large for double precision"), "\(r.stdout)")
            #expect(!r.stdout.contains("zero variance") && !r.stdout.contains("collinear"), "\(r.stdout)")
        }
        let constant = try Reliability.file("constant.csv", "time,status,x\n1,1,5\n2,1,5\n3,0,5\n4,1,5\n")
        let r = try Survkit.run(["cox", constant, "--time", "time", "--event", "status", "--covariates", "x"])
        #expect(r.stdout.contains("'x' has zero variance"), "\(r.stdout)")
    }

    /// A partly singular variance (one group's V_gg = 0, its direction dropped): the text
    /// column (O−E)²/V reads NA there, as the CSV does, not NaN.
    @Test func partlySingularVarianceShowsNAInText() throws {
        let d037 = Fixtures.url("differential/data/d037.csv").path
        let r = try Survkit.run(["logrank", d037, "--time", "time", "--event", "status", "--group", "g", "--strata", "s"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("NaN"), "\(r.stdout)")
        #expect(r.stdout.contains("g=2     1         1     1.000     0.0000         NA"), "\(r.stdout)")
    }

    /// A ±1e308 covariate is aliased: R's survreg gives NA for it and fits the rest; survkit
    /// printed 0 with SE 0 (and hazard ratio 1 with limits 1 to 1).
    @Test func survregAliasedColumnIsNAAndTheRestMatchesR() throws {
        let r = try Survkit.run(["survreg", Self.data("aliased_1e308.csv"), "--time", "time", "--event", "status",
                                 "--covariates", "x,z", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(out["coefficients"] as? [[String: Any]])
        let want = try Fixture("degenerate/survreg_aliased.csv").rows
        #expect(rows.map { $0["term"] as? String } == want.map { $0["term"] })
        for (row, w) in zip(rows, want) {
            if w.double("value") == nil {
                #expect(row["value"] is NSNull && row["se"] is NSNull && row["z"] is NSNull, "\(row)")
            } else {
                #expect(Self.fit.accepts(row["value"] as? Double, w.double("value")), "\(row) vs \(w)")
                #expect(Self.fit.accepts(row["se"] as? Double, w.double("se")), "\(row) vs \(w)")
            }
        }
        let model = try #require(try Fixture("degenerate/survreg_aliased_model.csv").rows.first)
        #expect(Self.fit.accepts(out["loglik"] as? Double, model.double("loglik")))
        #expect(Self.fit.accepts(out["loglik_intercept"] as? Double, model.double("loglik_intercept")))
        let hazard = try #require(out["hazard_scale"] as? [[String: Any]])
        let x = try #require(hazard.first { $0["term"] as? String == "x" })
        #expect(x["estimate"] is NSNull && x["hazard_ratio"] is NSNull, "\(x)")
        let warnings = try #require(out["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("'x'") && $0.contains("not estimable") }, "\(warnings)")
        let text = try Survkit.run(["survreg", Self.data("aliased_1e308.csv"), "--time", "time", "--event", "status",
                                    "--covariates", "x,z"])
        #expect(text.stdout.contains("x                 NA          NA      NA        NA"), "\(text.stdout)")
    }

    /// The same data in cox: R's coxph stops; survkit answers with x not estimable (NA) and a
    /// warning, as docs/cox.md documents — never 0 ± 0.
    @Test func coxAliasedColumnIsNA() throws {
        let model = try #require(try Fixture("degenerate/survreg_aliased_model.csv").rows.first)
        #expect(model.string("cox_outcome") != "ok")
        let r = try Survkit.run(["cox", Self.data("aliased_1e308.csv"), "--time", "time", "--event", "status",
                                 "--covariates", "x,z", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let x = try #require((out["coefficients"] as? [[String: Any]])?.first { $0["term"] as? String == "x" })
        #expect(x["coef"] is NSNull && x["se"] is NSNull, "\(x)")
        #expect((out["warnings"] as? [String])?.contains { $0.contains("'x'") } == true)
    }

    static let simulation = ["simulate", "--median-control", "12", "--hazard-ratio", "0.7", "--accrual-time", "12",
                             "--follow-up", "12", "--patients", "100", "--replicates", "20", "--seed", "1"]
    static let design = ["design", "--median-control", "12", "--hazard-ratio", "0.7", "--accrual-time", "12",
                         "--follow-up", "12"]

    /// fh:0,1e9: every weight underflowed, every replicate's test was undefined and counted as
    /// not rejecting, and the table said power 0 and type I error 0.
    @Test(arguments: ["fh:0,1e9", "fh:10.5,0", "fh:0,11"])
    func simulateRefusesAbsurdFlemingHarringtonExponents(_ test: String) throws {
        try Reliability.expectRefused(Self.simulation + ["--test", test], mentions: [test, "at most 10"])
    }

    @Test func simulateAcceptsTheLargestExponent() throws {
        let r = try Survkit.run(Self.simulation + ["--test", "fh:10,10", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// design --fh-gamma 1e9 --solve power printed the FH power as alpha.
    @Test(arguments: [["--fh-gamma", "1e9", "--solve", "power", "--patients", "300"], ["--nph-method", "fh", "--fh-rho", "10.5"]])
    func designRefusesAbsurdFlemingHarringtonExponents(_ flags: [String]) throws {
        try Reliability.expectRefused(Self.design + flags, mentions: ["must be at most 10"])
    }

    /// --patients-to-enrol 10^7 with 100 replicates ran for minutes and asked for 8 GB.
    @Test func predictRefusesMoreSimulatedPatientsThanTheLimit() throws {
        try Reliability.expectRefused(["predict", Fixtures.data("nct07363356-interim.csv").path, "--time", "time",
                                       "--event", "status", "--entry", "entry", "--target-events", "60",
                                       "--patients-to-enrol", "10000000", "--accrual-rate", "2", "--replicates", "100"],
                                      mentions: ["--replicates 100", "10000000 to enrol", "limit of 250000000"])
    }
}
