import Testing
import TestSupport
import SurvivalAnalysis
import TrialDesign
@testable import SurvivalReports

@Suite struct InterimReportTests {
    static let data = """
        entry,arm,time,status
        0,treatment,9,1
        1,control,3,1
        2,treatment,12,0
        3,control,5,1
        4,treatment,2,1
        5,control,7,1
        6,treatment,8,0
        7,control,1,1

        """

    static func report(previous: [PreviousLook] = [], events: Int? = nil, cut: Bool = true) throws -> InterimReport {
        let table = try CSVTable(bytes: Array(data.utf8), source: "trial.csv")
        var d = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "arm", entry: "entry"))
        var summary: DataCut? = nil
        if cut { (d, summary) = try d.cut(atCalendarTime: 10) }
        let comparison = try ArmComparison(d, treatment: "treatment")
        let design = try GroupSequentialDesign(informationRates: .equallySpaced(looks: 3), alpha: 0.025, sides: 1,
                                               futilitySpending: .obrienFleming)
        let plan = try InterimPlan(design: design, maximumEvents: 12, hazardRatio: 0.5, allocationRatio: 1)
        let observation = try InterimObservation(events: events ?? comparison.events, z: -comparison.z,
                                                 allocationRatio: comparison.allocationRatio)
        let result = try InterimAnalysis.analyse(plan: plan, observation: observation, previous: previous)
        return InterimReport(result: result, comparison: comparison, source: d.source, groupColumn: "arm",
                             rowsUsed: d.rowsUsed, omissions: d.omissions, cut: summary, designSource: "gs.yaml")
    }

    @Test func jsonKeysInOrder() throws {
        guard case .object(let members) = try Self.report().json() else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == [
            "source", "design", "rows_used", "rows_omitted", "cut", "treatment", "control", "strata", "arms", "events", "z",
            "nominal_p_value", "allocation_ratio", "hazard_ratio", "design_hazard_ratio", "alpha", "sides", "spending",
            "look", "planned_looks", "maximum_events", "information_fraction", "information_rates", "critical_value",
            "stage_level", "critical_hazard_ratio", "futility_bound", "decision", "final", "conditional_power_design",
            "conditional_power_observed", "repeated_ci_level", "repeated_ci_lower", "repeated_ci_upper",
            "over_running", "previous_crossing", "final_inference_look", "final_p_value", "final_ci_level",
            "final_ci_lower", "final_ci_upper", "median_unbiased_hazard_ratio", "repeated_p_values",
            "conditional_rejection_probability", "predictive_power", "predictive_power_prior",
            "predictive_power_prior_events", "previous_looks", "future_looks",
        ])
        let json = try Self.report().json().rendered()
        #expect(json.contains("\"patients_excluded\": 0") && json.contains("\"repeated_ci_level\": 0.95"))
        #expect(try Self.report(cut: false).json().rendered().contains("\"cut\": null"))
    }

    @Test func csvRowsForEachLook() throws {
        let lines = try Self.report(previous: [PreviousLook(events: 2, z: 0.5)]).csv().split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("1,previous,0.16666666666666666,2,0.5,"))
        #expect(lines[2].hasPrefix("2,current,"))
        #expect(lines[3].hasPrefix("3,planned,1,12,NA,"))
    }

    @Test func textSaysWhatHappened() throws {
        let text = try Self.report().text()
        #expect(text.contains("data cut at calendar time 10 ('entry'): 0 patients entered later"))
        #expect(text.contains("Look 1 of 3: "))
        #expect(text.contains("futility bound  Z <= "))
        #expect(text.contains("Decision: "))
        #expect(text.contains("Conditional power"))
        // The final look: no conditional power, the decision says so.
        let final = try Self.report(previous: [PreviousLook(events: 2, z: 0.5), PreviousLook(events: 4, z: 0.8)]).text()
        #expect(final.contains("(final analysis)"))
        #expect(!final.contains("Conditional power"))
        #expect(final.contains("Earlier looks (as they happened)"))
        #expect(final.contains("futility bound  none at the final look"))
    }
}
