import Testing
import TestSupport
import TrialDesign
@testable import SurvivalReports

@Suite struct SensitivityReportTests {
    static func analysis(patients: Double?) throws -> SensitivityAnalysis {
        let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                     hazardTreatment: TrialAssumptions.hazard(median: 33), dropoutInflation: 0.1)
        return try SensitivityAnalysis(assumptions: a, method: .schoenfeld, patients: patients,
                                       grid: SensitivityGrid(parsing: "accrual=12:18:6,follow-up=6:12:6"))
    }

    @Test func csvIsOneRowPerPair() throws {
        let lines = SensitivityReport(try Self.analysis(patients: 56)).csv().split(separator: "\n")
        #expect(lines[0] == SensitivityReport.rowKeys.joined(separator: ","))
        #expect(lines.count == 5)
        #expect(lines[4].hasPrefix("18,12,30,"))
        #expect(lines[4].contains(",25:25,50,56,") && lines[4].hasSuffix(",TRUE"))
        #expect(lines[2].hasSuffix(",FALSE"))
    }

    @Test func withoutPatientsPowerIsMissing() throws {
        let report = SensitivityReport(try Self.analysis(patients: nil))
        #expect(report.csv().split(separator: "\n")[1].hasSuffix(",NA,NA"))
        #expect(report.json().rendered().contains("\"patients_given\": null"))
        #expect(!report.text().contains("Power with"))
    }

    @Test func textListsThePairsThatReachPower() throws {
        let analysis = try Self.analysis(patients: 56)
        let text = SensitivityReport(analysis).text()
        let seed = NumberText.fixed(analysis.cells[3].powerAtPatients, decimals: 4)
        #expect(text.contains("Power with 56 patients (50.4 evaluable); * marks power >= 0.8"))
        #expect(text.contains("Accrual/follow-up pairs under which 56 patients (50.4 evaluable) reach power 0.8:"))
        #expect(text.contains("       18         12              30  \(seed)\n"))
        #expect(!text.contains("       12         12              24"))   // 0.78: not listed
    }
}
