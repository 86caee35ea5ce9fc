import Testing
import TestSupport
import TrialDesign
@testable import SurvivalReports

@Suite struct DesignReportTests {
    static let contractKeys = [
        "method", "hazard_ratio", "hazard_control", "hazard_treatment", "events_required", "events",
        "probability_event", "probability_event_treatment", "probability_event_control", "patients_evaluable",
        "patients_per_arm", "patients", "patients_total", "power", "alpha", "sides", "accrual_time",
        "follow_up", "study_duration",
    ]

    static func seed(accrual: Bool) throws -> DesignResult {
        let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                     hazardTreatment: TrialAssumptions.hazard(median: 33),
                                     accrual: accrual ? .uniform(duration: 18) : nil, followUp: accrual ? 12 : nil,
                                     dropoutInflation: 0.1)
        return try DesignSolver.solve(DesignRequest(assumptions: a))
    }

    @Test func jsonHasExactlyTheContractsKeys() throws {
        guard case .object(let members) = DesignReport(try Self.seed(accrual: true)).json() else {
            Issue.record("not an object"); return
        }
        #expect(members.map(\.0) == Self.contractKeys)
        #expect(DesignReport.keys == Self.contractKeys)
        let json = DesignReport(try Self.seed(accrual: true)).json().rendered()
        #expect(json.contains("\"events\": 27"))
        #expect(json.contains("\"patients_total\": 56"))
        #expect(json.contains("\"patients_per_arm\": {\n    \"treatment\": 25,\n    \"control\": 25\n  }"))
    }

    @Test func missingAssumptionsAreNullNotDefaults() throws {
        let report = DesignReport(try Self.seed(accrual: false))
        let json = report.json().rendered()
        #expect(json.contains("\"patients\": null") && json.contains("\"accrual_time\": null"))
        let csv = report.csv().split(separator: "\n")
        #expect(csv[0] == Self.contractKeys.joined(separator: ","))
        #expect(csv[1].hasSuffix("NA,NA,NA,NA,NA,NA,0.8,0.05,2,NA,NA,NA"))
        let text = report.text()
        #expect(text.contains("accrual             not stated"))
        #expect(text.contains("events required  26.01 -> 27"))
        #expect(text.contains("Note: patients not computed"))
    }

    @Test func textShowsRoundingSteps() throws {
        let text = DesignReport(try Self.seed(accrual: true)).text()
        #expect(text.contains("patients evaluable    48.53"))
        #expect(text.contains("patients to enrol     56 (after 10% dropout)"))
        #expect(text.contains("Defaults used") == false)   // no settings layer: no defaults recorded
    }
}
