import Foundation
import Testing
import SurvivalAnalysis
@testable import TrialDesign

/// `MonteCarlo.runWithTests` allocates its outcome and p-value arrays uninitialised and lets each
/// worker fill its own blocks: every slot must hold what one simulator gives replicate by
/// replicate into p-value slots that start as NaN (as the arrays were filled before).
@Suite struct MonteCarloSlotsTests {
    /// Replicates 100..<2150: two blocks of `MonteCarlo.blockSize`, the second of 2 replicates,
    /// on 2 workers; a group-sequential plan with futility bounds (trials stopped at the first
    /// look) and two further tests, and a plan whose trials never reach their events.
    @Test func everySlotIsWhatTheSimulatorGives() throws {
        let critical = [3.710303, 2.511427, 1.993048]  // O'Brien–Fleming at 1/3, 2/3, 1 (rpact)
        let fh = SimulationTest.flemingHarrington(FlemingHarrington(rho: 0, gamma: 1)!)
        let sequential = try SimulationTestTests.sequentialPlan(hazardRatio: 1 / 3.0, tests: [.logRank, fh],
                                                                rates: [1 / 3.0, 2 / 3.0, 1], critical: critical,
                                                                futility: [0.5, 1.5])
        var settings = SimulationTestTests.seedSettings(hazardRatio: 1 / 3.0, eventDriven: true)
        settings.events = 56
        settings.dropoutProbability = 0.3
        settings.dropoutTime = 12
        var options = SimulationOptions()
        options.tests = [.logRank]
        let neverReached = try SimulationPlan(settings: settings, options: options)
        for (plan, isSequential) in [(sequential, true), (neverReached, false)] {
            let range = 100..<(100 + MonteCarlo.blockSize + 2)
            let run = MonteCarlo.runWithTests(plan: plan, seed: 9, range: range, threads: 2)
            let m = plan.tests.count
            #expect(run.outcomes.count == range.count && run.scenario.count == range.count * m && run.null.count == range.count * m)
            // The cases the plans are for: trials stopped at the first look; no trial reaching its events.
            if isSequential {
                #expect(run.outcomes.contains { $0.look == 1 } && run.outcomes.contains { $0.look == 3 })
            } else {
                #expect(run.outcomes.allSatisfy { !$0.reachedCut })
            }
            var simulator = TrialSimulator(plan: plan, seed: 9)
            var mismatches = 0
            for (k, r) in range.enumerated() {
                var scenario = [Double](repeating: .nan, count: m), null = scenario
                let outcome = scenario.withUnsafeMutableBufferPointer { s in
                    null.withUnsafeMutableBufferPointer { n in simulator.simulate(replicate: r, scenario: s, null: n) }
                }
                let window = k * m..<(k + 1) * m
                let bits = { (values: ArraySlice<Double>) in values.map { $0.bitPattern } }
                if !outcome.isIdentical(to: run.outcomes[k]) || bits(scenario[...]) != bits(run.scenario[window])
                    || bits(null[...]) != bits(run.null[window]) { mismatches += 1 }
            }
            #expect(mismatches == 0)
        }
    }
}
