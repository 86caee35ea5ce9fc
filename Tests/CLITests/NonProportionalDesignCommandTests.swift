import Foundation
import Testing
import TestSupport

/// `survkit design` under non-proportional hazards, run as a user runs it: the seed trial with a
/// 3-month delay and a cure fraction, against the independent integration of
/// Tests/Fixtures/nph/events.csv (scripts/fixtures/nph.R), and one-line errors for bad input.
@Suite struct NonProportionalDesignCommandTests {
    static let seed = ["design", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18",
                       "--follow-up", "12", "--patients", "56", "--format", "json"]
    /// The library agrees with the integration to 1e-8; the CLI prints round-trip doubles.
    static let integration = Tolerance(relative: 1e-8)
    static let events = (try? Fixture("nph/events.csv").rows) ?? []

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test(arguments: [("seed_delay3", ["--delay", "3"]),
                      ("seed_cure30", ["--cure-fraction", "0.3", "--cure-fraction-treatment", "0.3"]),
                      ("seed_cure30_control", ["--cure-fraction", "0.3"])])
    func seedTrialPowerAsTheIndependentIntegration(caseName: String, flags: [String]) throws {
        let row = try #require(Self.events.first { $0.string("case") == caseName })
        let o = try json(Self.seed + flags)
        #expect(Self.integration.accepts(o["power_logrank"] as? Double, row.double("logrank_power")))
        #expect(Self.integration.accepts(o["power_ahr"] as? Double, row.double("power")))
        #expect(Self.integration.accepts(o["average_hazard_ratio"] as? Double, row.double("ahr")))
        #expect(Self.integration.accepts(o["events_control"] as? Double, row.double("events_control")))
        #expect(Self.integration.accepts(o["events_treatment"] as? Double, row.double("events_treatment")))
        #expect(o["method"] as? String == "logrank")
        #expect(o["patients"] as? Int == 56)
    }

    @Test func piecewiseFlagsGiveTheDelayToo() throws {
        let lc = 0.6931471805599453 / 11
        let a = try json(Self.seed + ["--delay", "3"])
        let b = try json(["design", "--hazard-times", "0,3", "--hazards-control", "\(lc),\(lc)", "--hazard-ratios", "1,\(1.0 / 3)",
                          "--accrual-time", "18", "--follow-up", "12", "--patients", "56", "--format", "json"])
        #expect(Tolerance(relative: 1e-12).accepts(a["power_logrank"] as? Double, b["power_logrank"] as? Double))
    }

    /// The NPH settings are design-file keys through the one settings table: `delay: 3` in a
    /// YAML file gives byte for byte the flag's JSON, and a flag overrides the file.
    @Test func designFileKeysMatchTheFlagsAndFlagsOverride() throws {
        let folder = try Survkit.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nph.yaml")
        try "median-control: 11\nmedian-treatment: 33\naccrual-time: 18\nfollow-up: 12\npatients: 56\ndelay: 3\nnph-method: logrank\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try Survkit.run(["design", "--file", file.path, "--format", "json"])
        let fromFlag = try Survkit.run(Self.seed + ["--delay", "3"])
        #expect(fromFile.status == 0 && fromFlag.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout == fromFlag.stdout)
        let overridden = try Survkit.run(["design", "--file", file.path, "--delay", "6", "--format", "json"])
        let flagOnly = try Survkit.run(Self.seed + ["--delay", "6"])
        #expect(overridden.status == 0)
        #expect(overridden.stdout == flagOnly.stdout)
        #expect(overridden.stdout != fromFile.stdout)
    }

    @Test func badDesignFileMethodNamesLineAndColumn() throws {
        let folder = try Survkit.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yaml")
        try "median-control: 11\nmedian-treatment: 33\naccrual-time: 18\nfollow-up: 12\npatients: 56\nnph-method: foo\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try Survkit.run(["design", "--file", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.yaml:6:13: nph-method 'foo' is not one of ahr, logrank, rmst"))
    }

    @Test func solvesPatientsWithLooks() throws {
        let o = try json(["design", "--median-control", "11", "--median-treatment", "33", "--delay", "3", "--accrual-time", "18",
                          "--follow-up", "12", "--looks", "3", "--format", "json"])
        let looks = try #require(o["looks"] as? [[String: Any]])
        #expect(looks.count == 3)
        #expect((o["inflation_factor"] as? Double ?? 0) > 1)
        #expect(o["patients_evaluable"] is Double)
        // The patients reach the target group-sequential power, not just the fixed design's.
        #expect((o["power"] as? Double ?? 0) >= 0.8)
        #expect((looks.last?["cumulative_power"] as? Double) == o["power"] as? Double)
        for key in ["information", "information_fraction", "drift", "rejection_probability_h1", "cumulative_alpha_spent"] {
            #expect(looks[0][key] is Double, "\(key)")
        }
    }

    /// `--patients 56 --looks 3` with a delay: the group-sequential power of
    /// Tests/Fixtures/nphgs/power.csv (scripts/fixtures/nphgs.R) in JSON, and the text report's
    /// group-sequential rows.
    @Test func groupSequentialPowerOfGivenPatients() throws {
        let row = try #require(((try? Fixture("nphgs/power.csv").rows) ?? []).first {
            $0.string("case") == "seed_delay3_looks3" && $0.string("method") == "logrank"
        })
        let o = try json(Self.seed + ["--delay", "3", "--looks", "3"])
        #expect(Tolerance(relative: 1e-6).accepts(o["power"] as? Double, row.double("power")))
        #expect((o["power_fixed"] as? Double) == (o["power_logrank"] as? Double))
        let text = try Survkit.run(Array(Self.seed.dropLast(2)) + ["--delay", "3", "--looks", "3"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("power, group-sequential (logrank)"), "\(text.stdout)")
        #expect(text.stdout.contains("power, log-rank at-risk (fixed design)"))
        #expect(text.stdout.contains("Cum. power"))
    }

    /// `--format csv` with looks: one row per look in the long form of the proportional-hazards
    /// design, the look's critical value and rejection probability as in
    /// Tests/Fixtures/nphgs/power.csv, and the scalars (with `power_fixed`) the same in every row.
    @Test func groupSequentialCSVHasARowPerLook() throws {
        let row = try #require(((try? Fixture("nphgs/power.csv").rows) ?? []).first {
            $0.string("case") == "seed_delay3_looks3" && $0.string("method") == "logrank"
        })
        let r = try Survkit.run(Array(Self.seed.dropLast(2)) + ["--delay", "3", "--looks", "3", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        try #require(lines.count == 4, "\(r.stdout)")
        let header = lines[0]
        func column(_ key: String) throws -> Int { try #require(header.firstIndex(of: key), "no column \(key)") }
        let critical = row.string("critical_values").split(separator: ";").compactMap { Double($0) }
        let rejection = row.string("rejection").split(separator: ";").compactMap { Double($0) }
        try #require(critical.count == 3 && rejection.count == 3)
        let tolerance = Tolerance(relative: 1e-6)
        for k in 0..<3 {
            let cells = lines[k + 1]
            #expect(cells[try column("look")] == String(k + 1))
            #expect(tolerance.accepts(Double(cells[try column("critical_value")]), critical[k]))
            #expect(tolerance.accepts(Double(cells[try column("rejection_probability_h1")]), rejection[k]))
            for key in ["power", "power_fixed", "patients", "inflation_factor", "events"] {
                #expect(cells[try column(key)] == lines[1][try column(key)], "\(key) differs between looks")
            }
        }
        #expect(tolerance.accepts(Double(lines[1][try column("power")]), row.double("power")))
        let plain = try Survkit.run(Array(Self.seed.dropLast(2)) + ["--delay", "3", "--format", "csv"])
        #expect(plain.stdout.split(separator: "\n").count == 2)
        #expect(!plain.stdout.contains("power_fixed"))
    }

    @Test func restrictedMeanLooksAreRefusedWithTheReason() throws {
        let r = try Survkit.run(Self.seed + ["--delay", "3", "--nph-method", "rmst", "--tau", "24", "--looks", "2"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("needs its own covariance"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func badCureFractionIsOneLine() throws {
        let r = try Survkit.run(Self.seed + ["--cure-fraction", "1"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--cure-fraction-control must lie in [0, 1)"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func methodFlagIsRefused() throws {
        let r = try Survkit.run(Self.seed + ["--delay", "3", "--method", "freedman"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--nph-method"), "\(r.stderr)")
    }
}
