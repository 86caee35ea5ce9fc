import Testing
@testable import TrialDesign

@Suite struct SensitivityGridTests {
    @Test func parsesRanges() throws {
        let g = try SensitivityGrid(parsing: "accrual=12:36:6,follow-up=6:36:6")
        #expect(g.accrualTimes == [12, 18, 24, 30, 36])
        #expect(g.followUps == [6, 12, 18, 24, 30, 36])
        #expect(try SensitivityGrid(parsing: "follow-up=0.1:0.3:0.1").followUps!.count == 3)
        #expect(try SensitivityGrid(parsing: "accrual=18").accrualTimes == [18])
    }

    @Test(arguments: ["", "accrual", "accrual=36:12:6", "accrual=12:36:0", "duration=1:2:1", "accrual=a:b:c",
                      "accrual=1,accrual=2", "accrual=0:12:6", "follow-up=-6:6:6"])
    func refusesBadGrids(text: String) {
        #expect(throws: DesignError.self) { try SensitivityGrid(parsing: text) }
    }

    @Test func cellsAreTheSolversDesigns() throws {
        let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                     hazardTreatment: TrialAssumptions.hazard(median: 33), dropoutInflation: 0.1)
        let grid = try SensitivityGrid(parsing: "accrual=12:18:6,follow-up=6:12:6")
        let s = try SensitivityAnalysis(assumptions: a, method: .schoenfeld, patients: 56, grid: grid)
        #expect(s.cells.map(\.accrualTime) == [12, 12, 18, 18])
        #expect(s.cells.map(\.followUp) == [6, 12, 6, 12])
        let seed = s.cells[3]
        #expect(seed.design.patientsTotal == 56 && seed.reachesPower == true)
        #expect(s.cells[1].reachesPower == false)                       // accrual 12, follow-up 12: power 0.78
        let direct = try DesignSolver.solve(DesignRequest(
            assumptions: a.with(accrual: .uniform(duration: 18), followUp: 12), unknown: .power, patients: 56))
        #expect(seed.powerAtPatients == direct.power)
    }

    @Test func needsBothTimesAndTheEffect() throws {
        let a = try TrialAssumptions(hazardControl: 0.06, hazardTreatment: 0.03)
        #expect(throws: DesignError.self) {
            try SensitivityAnalysis(assumptions: a, method: .schoenfeld, patients: nil, grid: SensitivityGrid(parsing: "accrual=12:24:6"))
        }
        let open = try TrialAssumptions(hazardControl: 0.06, hazardTreatment: 0.03, accrual: .constantRate(4))
        #expect(throws: DesignError.self) {
            try SensitivityAnalysis(assumptions: open, method: .schoenfeld, patients: nil, grid: SensitivityGrid(parsing: "follow-up=6:12:6"))
        }
        let noEffect = try TrialAssumptions(hazardControl: 0.06, hazardTreatment: nil)
        #expect(throws: DesignError.self) {
            try SensitivityAnalysis(assumptions: noEffect, method: .schoenfeld, patients: nil,
                                    grid: SensitivityGrid(parsing: "accrual=12,follow-up=6"))
        }
    }
}
