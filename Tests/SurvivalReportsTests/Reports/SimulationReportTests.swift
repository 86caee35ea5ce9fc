import Testing
import TestSupport
import TrialDesign
@testable import SurvivalReports

@Suite struct SimulationReportTests {
    static func report(cox: Bool = false, notes: [SettingText] = []) throws -> SimulationReport {
        let plan = try SimulationPlan(
            patients: 56, accrual: .uniform(duration: 18),
            survival: .exponential(hazardTreatment: TrialAssumptions.hazard(median: 33), hazardControl: TrialAssumptions.hazard(median: 11)),
            cut: .events(27), alpha: 0.025, sides: 1, cox: cox, notes: notes)
        let outcomes = MonteCarlo.run(plan: plan, seed: 1, range: 0..<200, threads: 1)
        return SimulationReport(plan: plan, settings: try MonteCarloSettings(replicates: 200, seed: 1),
                                summary: SimulationSummary(plan: plan, outcomes: outcomes))
    }

    /// The contract's keys come first, in its order.
    @Test func jsonStartsWithTheContractsKeys() throws {
        guard case .object(let members) = try Self.report().json() else { Issue.record("not an object"); return }
        let keys = members.map(\.0)
        #expect(Array(keys.prefix(2)) == ["replicates", "seed"])
        for key in ["power", "power_se", "mean_events", "mean_analysis_time", "mean_patients", "mean_dropouts", "plan",
                    "events", "analysis_time", "patients", "dropouts", "hazard_ratio", "notes"] {
            #expect(keys.contains(key), "\(key)")
        }
        #expect(!keys.contains("threads") && !keys.contains("cox_hazard_ratio"))
        let json = try Self.report().json().rendered()
        #expect(json.contains("\"replicates\": 200") && json.contains("\"events\": 27") && json.contains("\"cut\": \"events\""))
        #expect(json.contains("\"median\": 27"))
    }

    @Test func coxAddsItsEstimate() throws {
        let json = try Self.report(cox: true).json().rendered()
        #expect(json.contains("\"cox_hazard_ratio\": {") && json.contains("\"cox\": true"))
    }

    /// CSV: one row, headline numbers then `<quantity>_<statistic>`.
    @Test func csvIsOneRow() throws {
        let lines = try Self.report().csv().split(separator: "\n")
        #expect(lines.count == 2)
        let header = lines[0].split(separator: ",").map(String.init)
        let row = lines[1].split(separator: ",").map(String.init)
        #expect(header.count == row.count)
        #expect(header.prefix(3) == ["replicates", "seed", "power"] && header.contains("analysis_time_q975"))
        #expect(header.contains("hazard_ratio_geometric_mean") && row[header.firstIndex(of: "events_median")!] == "27")
    }

    @Test func textSaysWhatWasSimulated() throws {
        let text = try Self.report(notes: ["dropout 0.1 is an inflation"]).text()
        #expect(text.contains("200 replicates, seed 1"))
        #expect(text.contains("one-sided for benefit (z <= -1.96)"))
        #expect(text.contains("when 27 events have occurred"))
        #expect(text.contains("Monte Carlo SE"))
        #expect(text.contains("Note: dropout 0.1 is an inflation."))
    }
}
