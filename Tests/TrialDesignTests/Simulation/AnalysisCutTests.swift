import Testing
@testable import TrialDesign

@Suite struct AnalysisCutTests {
    /// A calendar cut is the follow-up after the last entry: with even entries over 18 months
    /// and 12 months of follow-up, every trial is analysed at month 30 with everyone enrolled.
    @Test func calendarCutIsAfterTheLastEntry() throws {
        let plan = try SimulationFixtures.seedTrial(cut: .followUp(12))
        var simulator = TrialSimulator(plan: plan, seed: 1)
        for i in 0..<20 {
            let o = simulator.simulate(replicate: i)
            #expect(o.analysisTime == 30 && o.patients == 56 && o.reachedCut)
        }
    }

    @Test func cutsCompare() {
        #expect(AnalysisCut.events(27) == .events(27) && AnalysisCut.events(27) != .followUp(27))
    }
}
