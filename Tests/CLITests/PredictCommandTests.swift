import Foundation
import Testing
import TestSupport

/// `survkit predict` against the independent R implementation of scripts/fixtures/predict.R:
/// the MLE to 1e-8, the plug-in expected events within Monte Carlo error of R's integrals, the
/// simulated median within Monte Carlo error of R's simulation; reproducibility; bad input.
@Suite struct PredictCommandTests {
    /// MLE (log λ, log k), log-likelihood and dropout rate: both sides converge to ~1e-15.
    static let parameterTolerance = Tolerance(relative: 1e-8)
    /// The covariance from survreg's var(), which stops at its own convergence (rel.tolerance 1e-13).
    static let covarianceTolerance = Tolerance(relative: 1e-6)
    /// Monte Carlo agreement: this many standard errors of the difference.
    static let standardErrors = 4.0
    static let replicates = 4000

    struct Case {
        let row: [String: String]
        var name: String { row["case"]! }
        var arguments: [String] {
            var a = ["predict", Fixtures.root.appendingPathComponent(row["data"]!).path, "--time", "time", "--event", "status",
                     "--entry", "entry", "--cut", row["cut"]!, "--model", row["model"]!, "--dropout-model", row["dropout_model"]!,
                     "--target-events", row["target"]!, "--patients-to-enrol", row["to_enrol"]!, "--accrual-rate", row["rate"]!]
            if let g = row["group"], !g.isEmpty { a += ["--group", g] }
            if let accrual = row["accrual"], accrual != "poisson" { a += ["--accrual", accrual] }
            if let allocation = row["allocation"], !allocation.isEmpty {
                a += ["--allocation", allocation, "--treatment", row["treatment"]!]
            }
            return a
        }
        var at: [String] { row["at"]!.split(separator: ";").map(String.init) }
    }

    static func cases() throws -> [Case] { try Fixture("predict/cases.csv").rows.map(Case.init) }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func maximumLikelihoodMatchesR() throws {
        let params = try Fixture("predict/params.csv")
        for c in try Self.cases() {
            let out = try json(c.arguments + ["--replicates", "400"])
            let arms = out["parameters"] as! [[String: Any]]
            let expected = params.rows(where: "case", is: c.name)
            #expect(arms.count == expected.count, "\(c.name)")
            for (arm, r) in zip(arms, expected) {
                #expect((arm["arm"] as? String ?? "") == r["arm"], "\(c.name)")
                let p = Self.parameterTolerance, v = Self.covarianceTolerance
                #expect(p.accepts(arm["log_rate"] as? Double, r.double("log_rate")), "\(c.name) log_rate")
                #expect(p.accepts(arm["log_shape"] as? Double, r.double("log_shape")), "\(c.name) log_shape")
                #expect(p.accepts(arm["log_likelihood"] as? Double, r.double("log_likelihood")), "\(c.name) loglik")
                #expect(p.accepts(arm["allocation"] as? Double, r.double("allocation")), "\(c.name) allocation")
                #expect(p.accepts(arm["dropout_rate"] as? Double, r.double("dropout_rate")), "\(c.name) dropout")
                let se = (arm["log_rate_se"] as! Double, arm["log_shape_se"] as! Double)
                #expect(v.accepts(se.0 * se.0, r.double("var_log_rate")), "\(c.name) var log rate")
                #expect(Tolerance(relative: 1e-6, absolute: 1e-15).accepts(se.1 * se.1, r.double("var_log_shape")), "\(c.name) var log shape")
                #expect(Tolerance(relative: 1e-6, absolute: 1e-15).accepts(arm["log_rate_log_shape_cov"] as? Double, r.double("cov")), "\(c.name) cov")
            }
        }
    }

    @Test func plugInExpectedEventsMatchRIntegrals() throws {
        let expected = try Fixture("predict/expected.csv")
        for c in try Self.cases() {
            let out = try json(c.arguments + ["--parameter-uncertainty", "none", "--replicates", String(Self.replicates),
                                              "--at", c.at.joined(separator: ",")])
            let rows = out["events_at"] as! [[String: Any]]
            let r = expected.rows(where: "case", is: c.name)
            #expect(rows.count == r.count)
            for (row, e) in zip(rows, r) {
                let mean = row["mean"] as! Double, sd = row["sd"] as! Double
                let bound = Self.standardErrors * sd / Double(Self.replicates).squareRoot() + 1e-12
                #expect(abs(mean - e.double("expected_events")!) <= bound,
                        "\(c.name) at \(row["time"]!): survkit \(mean), R \(e.double("expected_events")!), bound \(bound)")
            }
        }
    }

    @Test func simulatedMedianMatchesRSimulation() throws {
        let medians = try Fixture("predict/median.csv")
        for c in try Self.cases() {
            let r = medians.rows(where: "case", is: c.name)[0]
            let out = try json(c.arguments + ["--replicates", String(Self.replicates), "--seed", "12"])
            let median = out["predicted_time"] as! Double
            let seR = r.double("median_se")!
            // The same batch-median error scaled to this run's replicates.
            let seSwift = seR * (r.double("replicates")! / Double(Self.replicates)).squareRoot()
            let bound = Self.standardErrors * (seR * seR + seSwift * seSwift).squareRoot()
            #expect(abs(median - r.double("median")!) <= bound, "\(c.name): survkit \(median), R \(r.double("median")!), bound \(bound)")
        }
    }

    @Test func sameSeedSameBytesForAnyThreads() throws {
        let c = try Self.cases()[3]
        let dir = try Survkit.temporaryDirectory()
        var outputs: [String] = []
        for threads in ["1", "3"] {
            let csv = dir.appendingPathComponent("events-\(threads).csv").path
            let r = try Survkit.run(c.arguments + ["--replicates", "500", "--seed", "7", "--threads", threads,
                                                   "--at", "30", "--events-csv", csv, "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(r.stdout + (try String(contentsOfFile: csv, encoding: .utf8)))
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func seedTrialExampleWritesTheCurve() throws {
        let c = try Self.cases()[0]
        let dir = try Survkit.temporaryDirectory()
        let csv = dir.appendingPathComponent("events.csv").path
        let r = try Survkit.run(c.arguments + ["--replicates", "500", "--events-csv", csv])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Event 27 predicted at"))
        #expect(r.stdout.contains("90% prediction interval"))
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "time,mean,sd,lower,upper")
        #expect(lines.count == 102)
        #expect(lines[1].hasPrefix("16,14,0,14,14"))
    }

    func failure(_ extra: [String], base: [String]? = nil) throws -> CommandResult {
        let args = try base ?? Self.cases()[0].arguments
        var a = args
        for (k, flag) in extra.enumerated() where k % 2 == 0 && flag.hasPrefix("--") {
            if let i = a.firstIndex(of: flag) { a.removeSubrange(i...(i + 1)) }
        }
        let r = try Survkit.run(a + extra)
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        return r
    }

    @Test func targetAlreadyReachedExitsTwo() throws {
        let r = try failure(["--target-events", "14"])
        #expect(r.stderr.contains("already reached: 14 events observed"), "\(r.stderr)")
        #expect(r.stderr.contains("give a target above 14"))
    }

    @Test func unreachableTargetExitsTwo() throws {
        let r = try failure(["--target-events", "60"])
        #expect(r.stderr.contains("at most 54 events are possible"), "\(r.stderr)")
        #expect(r.stderr.contains("lower --target-events"))
    }

    @Test func negativeAccrualRateExitsTwo() throws {
        let r = try failure(["--accrual-rate", "-3"])
        #expect(r.stderr.contains("--accrual-rate must be a positive number"), "\(r.stderr)")
    }

    @Test func patientsWithoutRateExitTwo() throws {
        var a = try Self.cases()[0].arguments
        let i = a.firstIndex(of: "--accrual-rate")!
        a.removeSubrange(i...(i + 1))
        let r = try failure([], base: a)
        #expect(r.stderr.contains("needs --accrual-rate"), "\(r.stderr)")
    }

    @Test func everyoneCensoredForDropoutExitsTwo() throws {
        // Every patient without the event left before the cut: no further event can happen.
        let dir = try Survkit.temporaryDirectory()
        let path = dir.appendingPathComponent("dropouts.csv").path
        try "entry,time,status\n0,5,1\n1,2,0\n2,3,0\n3,4,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try failure([], base: ["predict", path, "--time", "time", "--event", "status", "--entry", "entry",
                                       "--cut", "10", "--target-events", "3"])
        #expect(r.stderr.contains("all censored for dropout"), "\(r.stderr)")
        #expect(r.stderr.contains("--patients-to-enrol"))
    }

    @Test func fixtureCoversEvenAccrualAndAllocation() throws {
        let rows = try Self.cases().map(\.row)
        #expect(rows.contains { $0["accrual"] == "even" && ($0["group"] ?? "").isEmpty })
        #expect(rows.contains { $0["accrual"] == "even" && $0["allocation"] == "1:2" })
    }

    /// Regression (issue 12): a dropout hazard that makes the target unreachable in more than
    /// the upper 5% of the continuations used to print a null upper bound with exit 0. The
    /// synthetic trial, its arms' Weibull fits and dropout, 2:1 to the slower arm B: about 17%
    /// of the continuations never reach 100 events (R's own simulation of the 1:1 design in
    /// scripts/fixtures/predict.R also left more than 5% short of 100, so its target is 90).
    @Test func dropoutMakingTheTargetUnreachableExitsTwo() throws {
        let c = try Self.cases().first { $0.name == "synthetic_weibull_arms" }!
        let r = try failure(["--target-events", "100", "--allocation", "2:1", "--treatment", "B", "--replicates", "1000"],
                            base: c.arguments)
        #expect(r.stderr.contains("--target-events 100 is reached in only"), "\(r.stderr)")
        #expect(r.stderr.contains("lose too many patients to dropout"))
        #expect(r.stderr.contains("lower --target-events"))
        // Without the dropout model every continuation can reach it: a finite interval.
        var noDropout = c.arguments
        let i = noDropout.firstIndex(of: "--dropout-model")!
        noDropout.removeSubrange(i...(i + 1))
        let t = noDropout.firstIndex(of: "--target-events")!
        noDropout[t + 1] = "100"
        let ok = try json(noDropout + ["--allocation", "2:1", "--treatment", "B", "--replicates", "1000", "--dropout-model", "none"])
        #expect(ok["predicted_time_upper"] is Double)
    }

    @Test func allocationNeedsTwoArmsAndATreatment() throws {
        let pooled = try failure(["--allocation", "2:1"])
        #expect(pooled.stderr.contains("add --group"), "\(pooled.stderr)")
        let c = try Self.cases().first { $0.name == "synthetic_weibull_arms" }!
        let noTreatment = try failure(["--allocation", "2:1"], base: c.arguments)
        #expect(noTreatment.stderr.contains("which arm is the treatment"), "\(noTreatment.stderr)")
        let badLevel = try failure(["--allocation", "2:1", "--treatment", "C"], base: c.arguments)
        #expect(badLevel.stderr.contains("'C' is not a level of 'arm'"), "\(badLevel.stderr)")
        let badAccrual = try failure(["--accrual", "uniform"])
        #expect(badAccrual.stderr.contains("--accrual must be poisson or even"), "\(badAccrual.stderr)")
    }

    @Test func plotDrawsTheBandTargetAndPredictedTime() throws {
        let c = try Self.cases()[0]
        let dir = try Survkit.temporaryDirectory()
        let svg = dir.appendingPathComponent("predict.svg").path
        let r = try Survkit.run(c.arguments + ["--replicates", "300", "--plot", svg])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<svg") || text.hasPrefix("<?xml"))
        #expect(text.contains("class=\"band\""))
        #expect(text.contains("target 27 events"))
        #expect(text.contains("event 27 at"))
        #expect(text.contains("90% prediction band"))
    }

    @Test func dropoutColumnDecidesWhoLeft() throws {
        // Censored before the cut at 10: line 3 flagged as a dropout, line 4 not (still followed
        // from its last contact); line 5 is flagged but followed to the cut (a dropout after it).
        let dir = try Survkit.temporaryDirectory()
        let path = dir.appendingPathComponent("lost.csv").path
        try "entry,time,status,lost\n0,5,1,0\n1,2,0,1\n2,3,0,0\n3,7,0,1\n4,2,1,0\n".write(toFile: path, atomically: true, encoding: .utf8)
        let base = ["predict", path, "--time", "time", "--event", "status", "--entry", "entry", "--cut", "10",
                    "--target-events", "3", "--replicates", "50"]
        let out = try json(base + ["--dropout", "lost"])
        #expect(out["dropouts"] as? Int == 1)
        #expect(out["at_risk"] as? Int == 2)
        let bad = dir.appendingPathComponent("bad.csv").path
        try "entry,time,status,lost\n0,5,1,0\n1,2,0,2\n".write(toFile: bad, atomically: true, encoding: .utf8)
        var a = base
        a[1] = bad
        let r = try Survkit.run(a + ["--dropout", "lost"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.csv:3") && r.stderr.contains("column 'lost'") && r.stderr.contains("0 or 1"), "\(r.stderr)")
    }
}
