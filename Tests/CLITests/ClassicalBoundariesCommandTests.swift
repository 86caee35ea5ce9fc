import Foundation
import Testing
import TestSupport

/// `survkit boundaries` and `survkit design --looks` with the issue-12 flags (`--boundary-type`,
/// `--delta`, `--spending-values`, `--binding-futility`, `--events`, `--allocation`) as a user
/// runs them, against rpact 3.3.4 (Tests/Fixtures/gsboundaries/*.csv, scripts/fixtures/gsboundaries.R).
@Suite struct ClassicalBoundariesCommandTests {
    static let z = Tolerance(relative: 0, absolute: 1e-6)
    static let relative = Tolerance(relative: 1e-6)

    private func json(_ command: String, _ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run([command] + arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// The fixture rows of the first boundaries case matching `match`.
    private func rows(_ match: ([String: String]) -> Bool) throws -> [[String: String]] {
        let all = try Fixture("gsboundaries/boundaries.csv").rows
        guard let first = all.first(where: match) else { return [] }
        return all.filter { $0.string("case") == first.string("case") }
    }

    @Test func wangTsiatisTwoSidedMatchesRpact() throws {
        let rows = try rows { $0.string("type_of_design") == "WT" && $0.double("delta_wt") == 0.25
            && $0.string("kmax") == "4" && $0.string("sided") == "2" }
        #expect(rows.count == 4)
        let out = try json("boundaries", ["--looks", "4", "--boundary-type", "wang-tsiatis", "--delta", "0.25",
                                          "--sides", "2", "--alpha", "0.05"])
        let looks = try #require(out["looks"] as? [[String: Any]])
        #expect(looks.count == 4)
        for (look, row) in zip(looks, rows) {
            #expect(Self.z.accepts(look["critical_value"] as? Double, row.double("critical_value")))
            #expect(Self.z.accepts(look["critical_value_p"] as? Double, row.double("stage_level")))
            #expect(Self.z.accepts(look["cumulative_alpha_spent"] as? Double, row.double("alpha_spent")))
        }
        #expect(out["boundary_type"] as? String == "wang-tsiatis")
        #expect(out["delta"] as? Double == 0.25)
        #expect(out["spending"] is NSNull)
    }

    @Test func haybittlePetoAndUserSpendingMatchRpact() throws {
        let hp = try rows { $0.string("type_of_design") == "HP" && $0.string("kmax") == "5" && $0.string("sided") == "1" }
        #expect(hp.count == 5)
        let out = try json("boundaries", ["--looks", "5", "--boundary-type", "haybittle-peto"])
        for (look, row) in zip(try #require(out["looks"] as? [[String: Any]]), hp) {
            #expect(Self.z.accepts(look["critical_value"] as? Double, row.double("critical_value")))
        }
        let user = try rows { $0.string("type_of_design") == "asUser" && $0["binding_futility"] == "TRUE" }
        #expect(user.count == 3)
        let binding = try json("boundaries", ["--looks", "3", "--spending-values", "0.001,0.01,0.025",
                                              "--futility-spending", "obrien-fleming", "--binding-futility"])
        #expect(binding["binding_futility"] as? Bool == true)
        #expect(binding["spending"] as? String == "user")
        for (look, row) in zip(try #require(binding["looks"] as? [[String: Any]]), user) {
            #expect(Self.z.accepts(look["critical_value"] as? Double, row.double("critical_value")))
            #expect(Self.z.accepts(look["futility_bound"] as? Double, row.double("futility_bound")))
        }
        #expect(Self.relative.accepts(binding["inflation_factor"] as? Double, user[0].double("inflation_factor")))
    }

    /// The hazard-ratio scale: exp(−c·(1 + r)/√(r·D_k)), as rpact's criticalValuesEffectScale.
    @Test func hazardRatioScaleOfBoundaries() throws {
        let out = try json("boundaries", ["--looks", "2", "--boundary-type", "pocock", "--events", "120", "--allocation", "2:1"])
        let looks = try #require(out["looks"] as? [[String: Any]])
        for (k, look) in looks.enumerated() {
            let c = try #require(look["critical_value"] as? Double)
            let d = 120.0 * Double(k + 1) / 2
            #expect(Self.relative.accepts(look["critical_value_hazard_ratio"] as? Double, exp(-c * 3 / (2 * d).squareRoot())))
            #expect(look["events"] as? Double == d)
        }
        let plain = try json("boundaries", ["--looks", "2"])
        #expect((plain["looks"] as? [[String: Any]])?.first?["critical_value_hazard_ratio"] is NSNull)
    }

    /// `design --looks 3 --patients 56` (exit 2 before issue 12): the seed trial's power at its
    /// planned patients, against rpact getPowerSurvival.
    @Test func seedTrialPowerAtFixedPatients() throws {
        let all = try Fixture("gsboundaries/survival_design.csv").rows
        let rows = all.filter { $0.string("case") == "seed_of_3_power" }
        #expect(rows.count == 3)
        let out = try json("design", ["--file", Fixtures.data("nct07363356.yaml").path, "--looks", "3", "--patients", "56",
                                      "--accrual-time", "18", "--follow-up", "12"])
        #expect(Self.relative.accepts(out["power"] as? Double, rows[0].double("expected_power")))
        #expect(Tolerance(relative: 1e-5).accepts(out["expected_study_duration_h1"] as? Double, rows[0].double("expected_study_duration_h1")))
        let looks = try #require(out["looks"] as? [[String: Any]])
        for (look, row) in zip(looks, rows) {
            #expect(Tolerance(relative: 1e-5).accepts(look["analysis_time"] as? Double, row.double("expected_analysis_time")))
            #expect(Tolerance(relative: 1e-5).accepts(look["critical_value_hazard_ratio"] as? Double,
                                                      row.double("expected_critical_hazard_ratio")))
        }
    }

    @Test func givenBindingFutilityBoundsMatchRpact() throws {
        let all = try Fixture("gsboundaries/futility_bounds.csv").rows
        let of = all.filter { $0.string("type_of_design") == "OF" && $0.string("binding_futility") == "TRUE" }
        #expect(of.count == 3)
        let out = try json("boundaries", ["--looks", "3", "--boundary-type", "obrien-fleming", "--futility-bounds", "0,0.5",
                                          "--binding-futility"])
        #expect(out["binding_futility"] as? Bool == true)
        #expect((out["futility_bounds"] as? [Double]) == [0, 0.5])
        for (look, row) in zip(try #require(out["looks"] as? [[String: Any]]), of) {
            #expect(Self.z.accepts(look["critical_value"] as? Double, row.double("critical_value")))
            #expect(Self.z.accepts(look["cumulative_alpha_spent"] as? Double, row.double("alpha_spent")))
            #expect(Self.z.accepts(look["futility_bound"] as? Double, row.double("futility_bound")))
        }
        let bad: [([String], String)] = [
            (["--looks", "3", "--futility-bounds", "0"], "--futility-bounds has 1 values but the design has 3 looks"),
            (["--looks", "3", "--futility-bounds", "0,0", "--futility-spending", "pocock"], "not both"),
            (["--looks", "3", "--futility-bounds", "0,0", "--sides", "2", "--alpha", "0.05"], "one-sided"),
            (["--looks", "3", "--futility-bounds", "0,3", "--binding-futility"], "not below the efficacy critical value"),
        ]
        for (arguments, message) in bad {
            let r = try Survkit.run(["boundaries"] + arguments)
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func windowEndsMatchRpact() throws {
        let rows = try Fixture("gsboundaries/window_bounds.csv").rows.filter { $0.string("case") == "1" }
        #expect(rows.count == 3)
        let out = try json("boundaries", ["--looks", "3", "--events", "100", "--min-events-per-look", "28,60,90",
                                          "--max-events-per-look", "40,72,110"])
        for (look, row) in zip(try #require(out["looks"] as? [[String: Any]]), rows) {
            #expect(look["window_min_events"] as? Double == row.double("min_events"))
            #expect(Self.z.accepts(look["critical_value_at_window_min"] as? Double, row.double("critical_value_at_min")))
            #expect(Self.z.accepts(look["critical_value_at_window_max"] as? Double, row.double("critical_value_at_max")))
        }
        for (arguments, message) in [(["--looks", "3", "--min-events-per-look", "28,60,90"], "need --events"),
                                     (["--looks", "3", "--events", "100", "--min-events-per-look", "28,60"], "2 values for 3 looks"),
                                     (["--looks", "3", "--events", "100", "--min-events-per-look", "28,70,90"], "must contain the planned look"),
                                     (["--looks", "3", "--events", "100", "--max-events-per-look", "40,100,110"], "not before look 3's planned")] {
            let r = try Survkit.run(["boundaries"] + arguments)
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
    }

    /// `design --looks` reports the window bounds of the seed trial's design (27 planned events)
    /// as rpact gives them (case 7 of window_bounds.csv).
    @Test func designReportsTheWindowEnds() throws {
        let rows = try Fixture("gsboundaries/window_bounds.csv").rows.filter { $0.string("case") == "7" }
        #expect(rows.count == 2)
        let out = try json("design", ["--file", Fixtures.data("nct07363356-gs.yaml").path,
                                      "--min-events-per-look", "12,25", "--max-events-per-look", "16,32"])
        let looks = try #require(out["looks"] as? [[String: Any]])
        for (look, row) in zip(looks, rows) {
            #expect(look["window_max_events"] as? Double == row.double("max_events"))
            #expect(Self.z.accepts(look["critical_value_at_window_min"] as? Double, row.double("critical_value_at_min")))
            #expect(Self.z.accepts(look["critical_value_at_window_max"] as? Double, row.double("critical_value_at_max")))
        }
        let plain = try json("design", ["--file", Fixtures.data("nct07363356-gs.yaml").path])
        #expect((plain["looks"] as? [[String: Any]])?.first?["window_min_events"] == nil)
    }

    @Test func badInputSaysWhatToChange() throws {
        let cases: [([String], String)] = [
            (["--looks", "3", "--spending-values", "0.01,0.005,0.025"], "must not decrease"),
            (["--looks", "3", "--spending-values", "0.01,0.03,0.025"], "above alpha"),
            (["--looks", "3", "--spending-values", "0.01,0.025"], "2 values but the design has 3 looks"),
            (["--looks", "3", "--boundary-type", "wang-tsiatis", "--delta", "1.5"], "--delta must be in [-0.5, 1]"),
            (["--looks", "3", "--boundary-type", "wang-tsiatis"], "--delta is required"),
            (["--looks", "3", "--delta", "0.2"], "--delta needs --boundary-type wang-tsiatis"),
            (["--looks", "3", "--binding-futility"], "--binding-futility needs futility bounds"),
            (["--looks", "3", "--boundary-type", "pocock", "--futility-spending", "pocock"], "needs alpha-spending efficacy bounds"),
            (["--looks", "3", "--spending", "pocock", "--boundary-type", "pocock"], "not several"),
            (["--looks", "3", "--allocation", "2:1"], "add --events"),
        ]
        for (arguments, message) in cases {
            let r = try Survkit.run(["boundaries"] + arguments)
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let r = try Survkit.run(["design", "--file", Fixtures.data("nct07363356.yaml").path, "--looks", "3", "--solve", "hazard-ratio",
                                 "--patients", "56", "--accrual-time", "18", "--follow-up", "12"])
        #expect(r.status == 2 && r.stderr.contains("not --solve hazard-ratio"))
    }
}
