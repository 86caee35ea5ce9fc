import Foundation
import Testing
import TestSupport
import TrialDesign
@testable import SurvivalReports

@Suite struct ReplicatesTableTests {
    @Test func oneRowPerReplicateNumberedFromOne() throws {
        let plan = try SimulationPlan(
            patients: 56, accrual: .uniform(duration: 18),
            survival: .exponential(hazardTreatment: 0.021, hazardControl: 0.063), cut: .events(27), cox: true)
        let outcomes = MonteCarlo.run(plan: plan, seed: 1, range: 10..<15, threads: 1)
        let lines = ReplicatesTable(plan: plan, firstReplicate: 10, outcomes: outcomes).csv().split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines[0] == "replicate,reached_cut,analysis_time,patients,events,events_treatment,events_control,dropouts,z,rejected,hazard_ratio,cox_hazard_ratio")
        for (k, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",").map(String.init)
            let o = outcomes[k]
            #expect(cells[0] == String(11 + k) && cells[1] == "1" && cells[4] == "27")
            #expect(Double(cells[2]) == o.analysisTime && Double(cells[8]) == o.z)
            #expect(Int(cells[5])! + Int(cells[6])! == 27)
            #expect(cells[9] == (abs(o.z) >= plan.criticalValue ? "1" : "0"))
            #expect(Double(cells[11]) == exp(o.coxLogHazardRatio))
        }
    }
}
