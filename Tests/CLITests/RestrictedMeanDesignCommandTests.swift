import Foundation
import Testing
import TestSupport

/// `survkit design --nph-method rmst --tau TAU`, run as a user runs it: the seed trial's RMST
/// power against the independent integration of Tests/Fixtures/rmstdesign/power.csv
/// (scripts/fixtures/rmstdesign.R), the keys in every format, and one-line errors for a bad τ.
@Suite struct RestrictedMeanDesignCommandTests {
    static let seed = ["design", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18",
                       "--follow-up", "12", "--patients", "56"]
    /// The library agrees with the integration to 1e-8; the CLI prints round-trip doubles.
    static let integration = Tolerance(relative: 1e-8)
    static let rows = (try? Fixture("rmstdesign/power.csv").rows) ?? []

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test(arguments: [("seed_ph", [String]()), ("seed_delay3", ["--delay", "3"]),
                      ("seed_cure30", ["--cure-fraction", "0.3", "--cure-fraction-treatment", "0.3"]),
                      ("seed_ph_onesided", ["--alpha", "0.025", "--sides", "1"]),
                      ("seed_ph_dropout", ["--dropout-rate", "0.1", "--dropout-time", "12"])])
    func seedTrialAsTheIndependentIntegration(caseName: String, flags: [String]) throws {
        let row = try #require(Self.rows.first { $0.string("case") == caseName })
        let o = try json(Self.seed + flags + ["--nph-method", "rmst", "--tau", "24"])
        #expect(o["method"] as? String == "rmst")
        #expect(o["tau"] as? Double == 24)
        for key in ["rmst_control", "rmst_treatment", "rmst_difference", "rmst_se", "power_rmst"] {
            let expected = try #require(row.double(key), "fixture column \(key)")
            #expect(Self.integration.accepts(o[key] as? Double, expected), "\(caseName) \(key) \(o[key] ?? "nil")")
        }
        #expect(o["power"] as? Double == o["power_rmst"] as? Double)
    }

    /// With another method, `--tau` adds the RMST keys and leaves that method's power in `power`.
    @Test func tauWithTheLogRankMethodAddsTheKeys() throws {
        let plain = try json(Self.seed + ["--delay", "3"])
        let withTau = try json(Self.seed + ["--delay", "3", "--tau", "24"])
        #expect(plain["power_rmst"] == nil)
        #expect(withTau["method"] as? String == "logrank")
        #expect(withTau["power"] as? Double == plain["power"] as? Double)
        #expect(withTau["power_rmst"] is Double)
    }

    @Test func csvAndTextCarryTheRestrictedMean() throws {
        let csv = try Survkit.run(Self.seed + ["--nph-method", "rmst", "--tau", "24", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let header = csv.stdout.split(separator: "\n").first { !$0.hasPrefix("#") }.map(String.init) ?? ""
        for key in ["tau", "rmst_control", "rmst_treatment", "rmst_difference", "rmst_se", "power_rmst"] {
            #expect(header.split(separator: ",").contains(Substring(key)), "\(header)")
        }
        let text = try Survkit.run(Self.seed + ["--nph-method", "rmst", "--tau", "24"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("power, RMST difference"))
        #expect(text.stdout.contains("restricted mean survival time (RMST)"))
    }

    @Test func solvesPatients() throws {
        let row = try #require(Self.rows.first { $0.string("case") == "seed_delay3" })
        let o = try json(["design", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18",
                          "--follow-up", "12", "--delay", "3", "--nph-method", "rmst", "--tau", "24"])
        let expected = try #require(row.double("patients_exact"))
        #expect(Self.integration.accepts(o["patients_evaluable"] as? Double, expected))
        #expect((o["power"] as? Double ?? 0) >= 0.8)
    }

    /// `tau` and `nph-method: rmst` are design-file keys: the file gives the flags' JSON byte for byte.
    @Test func designFileKeysMatchTheFlags() throws {
        let folder = try Survkit.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rmst.yaml")
        try "median-control: 11\nmedian-treatment: 33\naccrual-time: 18\nfollow-up: 12\npatients: 56\nnph-method: rmst\ntau: 24\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try Survkit.run(["design", "--file", file.path, "--format", "json"])
        let fromFlags = try Survkit.run(Self.seed + ["--nph-method", "rmst", "--tau", "24", "--format", "json"])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout == fromFlags.stdout)
    }

    @Test(arguments: [(["--nph-method", "rmst", "--tau", "31"], "--tau 31 is beyond the longest follow-up"),
                      (["--nph-method", "rmst", "--tau", "0"], "--tau must be a positive time"),
                      (["--nph-method", "rmst", "--tau", "-2"], "--tau must be a positive time"),
                      (["--nph-method", "rmst"], "--nph-method rmst needs --tau"),
                      (["--tau", "40"], "--tau 40 is beyond the longest follow-up")])
    func badTauIsOneLine(flags: [String], message: String) throws {
        let r = try Survkit.run(Self.seed + flags)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
