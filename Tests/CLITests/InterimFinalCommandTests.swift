import Foundation
import Testing
import TestSupport

/// `survkit interim` at the seed trial's over-running final look (issue 12): the worked example
/// followed on (notebooks-data/nct07363356-final.csv) cut when 30 of the 27 planned events have
/// happened, with the interim at month 16 as it happened. Reference: the case
/// `seed_overrun_final` of Tests/Fixtures/gsinference/gsinference.csv (rpact 3.3.4's
/// getAnalysisResults with maxInformation = 27; scripts/fixtures/gsinference.R).
@Suite struct InterimFinalCommandTests {
    /// Critical values and the final p-value: absolute 1e-6 (see GroupSequentialInferenceTests).
    static let integrated = Tolerance(relative: 0, absolute: 1e-6)
    /// rpact's root searches (final CI, median-unbiased estimate): relative 1e-5.
    static let rootSearch = Tolerance(relative: 1e-5)
    /// rpact's bisection for repeated p-values: absolute 2e-6.
    static let repeatedP = Tolerance(relative: 0, absolute: 2e-6)

    static func row() throws -> [String: String] {
        try #require(try Fixture("gsinference/gsinference.csv").rows.first { $0.string("case") == "seed_overrun_final" })
    }

    static func arguments(previous: String) throws -> [String] {
        let cut = try String(contentsOf: Fixtures.url("gsinference/seed_final_cut.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return ["interim", Fixtures.data("nct07363356-final.csv").path, "--time", "time", "--event", "status",
                "--group", "arm", "--entry", "entry", "--cut", cut,
                "--design", Fixtures.data("nct07363356-gs.yaml").path, "--previous-looks", previous]
    }

    @Test func overrunningFinalLookMatchesRpact() throws {
        let row = try Self.row()
        let events = row.string("events").split(separator: " ").map { Double($0)! }
        let z = row.string("z").split(separator: " ").map { Double($0)! }
        let r = try Survkit.run(try Self.arguments(previous: "\(Int(events[0])):\(z[0])") + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(out["events"] as? Int == 30)
        #expect(out["final"] as? Bool == true)
        #expect(out["over_running"] as? Bool == true)
        #expect(abs((out["z"] as? Double ?? .nan) - z[1]) < 1e-9)
        let critical = row.string("critical_values").split(separator: " ").map { Double($0)! }
        #expect(Self.integrated.accepts(out["critical_value"] as? Double, critical[1]))
        // The interim had crossed: reported, and the final inference is made there.
        let crossing = try #require(out["previous_crossing"] as? [String: Any])
        #expect(crossing["look"] as? Int == 1)
        #expect(crossing["decision"] as? String == "stop-for-efficacy")
        #expect(out["final_inference_look"] as? Double == row.double("final_stage"))
        #expect(Self.integrated.accepts(out["final_p_value"] as? Double, row.double("final_p_value")))
        #expect(Self.rootSearch.accepts(out["final_ci_lower"] as? Double, row.double("final_ci_lower")))
        #expect(Self.rootSearch.accepts(out["final_ci_upper"] as? Double, row.double("final_ci_upper")))
        #expect(Self.rootSearch.accepts(out["median_unbiased_hazard_ratio"] as? Double,
                                        row.double("median_unbiased_hazard_ratio")))
        let repeated = row.string("repeated_p_values").split(separator: " ").map { Double($0)! }
        let mine = try #require(out["repeated_p_values"] as? [Double])
        #expect(mine.count == repeated.count)
        for (a, b) in zip(mine, repeated) { #expect(Self.repeatedP.accepts(a, b), "repeated p \(a) vs \(b)") }
    }

    /// `--prior-events` switches the predictive power to a design prior (JSON says which).
    @Test func designPriorFlag() throws {
        let base = ["interim", Fixtures.data("nct07363356-interim.csv").path, "--time", "time", "--event", "status",
                    "--group", "arm", "--entry", "entry", "--cut", "12",
                    "--design", Fixtures.data("nct07363356-gs.yaml").path, "--format", "json"]
        func json(_ extra: [String]) throws -> [String: Any] {
            let r = try Survkit.run(base + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        }
        let flat = try json([]), strong = try json(["--prior-events", "1e9"])
        #expect(flat["predictive_power_prior"] as? String == "flat")
        #expect(strong["predictive_power_prior"] as? String == "design")
        let cp = try #require(strong["conditional_power_design"] as? Double)
        #expect(abs((strong["predictive_power"] as? Double ?? .nan) - cp) < 1e-5)
        #expect(flat["predictive_power"] as? Double != strong["predictive_power"] as? Double)
        let bad = try Survkit.run(base + ["--prior-events", "0"])
        #expect(bad.status == 2 && bad.stderr.contains("--prior-events must be a positive number"), "\(bad.stderr)")
    }

    /// The design file's `prior-events:` key gives the same design prior as the flag; the flag wins.
    /// A look outside the design's window of events (min-/max-events-per-look) exits 2 saying
    /// what to change, unless --allow-outside-window.
    @Test func lookOutsideItsWindowIsRefusedUnlessAllowed() throws {
        let dir = try Survkit.temporaryDirectory()
        let design = dir.appendingPathComponent("window.yaml")
        let original = try String(contentsOf: Fixtures.data("nct07363356-gs.yaml"), encoding: .utf8)
        try (original + "min-events-per-look: [12, 25]\nmax-events-per-look: [13, 32]\n").write(to: design, atomically: true, encoding: .utf8)
        let base = ["interim", Fixtures.data("nct07363356-interim.csv").path, "--time", "time", "--event", "status",
                    "--group", "arm", "--entry", "entry", "--cut", "16", "--design", design.path, "--format", "json"]
        let refused = try Survkit.run(base)
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("look 1 has 14 events, outside its window [12, 13]"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--allow-outside-window"))
        let allowed = try Survkit.run(base + ["--allow-outside-window"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let plain = try Survkit.run(["interim", Fixtures.data("nct07363356-interim.csv").path, "--time", "time", "--event", "status",
                                     "--group", "arm", "--entry", "entry", "--cut", "16", "--design",
                                     Fixtures.data("nct07363356-gs.yaml").path, "--format", "json"])
        #expect(allowed.stdout.replacingOccurrences(of: design.path, with: "") ==
                plain.stdout.replacingOccurrences(of: Fixtures.data("nct07363356-gs.yaml").path, with: ""))
    }

    @Test func designPriorFromTheDesignFile() throws {
        let dir = try Survkit.temporaryDirectory()
        let design = dir.appendingPathComponent("design.yaml")
        let original = try String(contentsOf: Fixtures.data("nct07363356-gs.yaml"), encoding: .utf8)
        try (original + "prior-events: 20\n").write(to: design, atomically: true, encoding: .utf8)
        func run(_ designPath: String, _ extra: [String]) throws -> [String: Any] {
            let r = try Survkit.run(["interim", Fixtures.data("nct07363356-interim.csv").path, "--time", "time", "--event", "status",
                                     "--group", "arm", "--entry", "entry", "--cut", "12", "--design", designPath,
                                     "--format", "json"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        }
        let fromFile = try run(design.path, [])
        let fromFlag = try run(Fixtures.data("nct07363356-gs.yaml").path, ["--prior-events", "20"])
        #expect(fromFile["predictive_power_prior"] as? String == "design")
        #expect(fromFile["predictive_power_prior_events"] as? Double == 20)
        #expect(fromFile["predictive_power"] as? Double == fromFlag["predictive_power"] as? Double)
        let overridden = try run(design.path, ["--prior-events", "1e9"])
        #expect(overridden["predictive_power_prior_events"] as? Double == 1e9)
        try (original + "prior-events: -3\n").write(to: design, atomically: true, encoding: .utf8)
        let bad = try Survkit.run(["interim", Fixtures.data("nct07363356-interim.csv").path, "--time", "time", "--event", "status",
                                   "--group", "arm", "--design", design.path])
        #expect(bad.status == 2 && bad.stderr.contains("prior-events must be a positive number of events"), "\(bad.stderr)")
    }

    @Test func textSaysTheLookOverRunsAndTheEarlierCrossing() throws {
        let r = try Survkit.run(try Self.arguments(previous: "14:3.2042"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("30 events of 27 planned"))
        #expect(r.stdout.contains("over-runs the planned events"))
        #expect(r.stdout.contains("look 1 already crossed the efficacy bound"))
        #expect(r.stdout.contains("Final inference at look 1"))
    }
}
