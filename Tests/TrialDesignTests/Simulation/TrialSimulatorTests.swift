import Foundation
import GSLSupport
import SurvivalAnalysis
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct TrialSimulatorTests {
    static let sameStatistic = Tolerance(relative: 1e-9)

    /// A deliberately plain re-implementation of one replicate: the same draws in the same
    /// order, the cut by a full sort, the data by the definitions, and the k-group log-rank
    /// kernel (`survkit logrank`) instead of the two-group one.
    struct Reference {
        var cut = 0.0
        var patients = 0, events = 0, dropouts = 0
        var z = Double.nan

        init(plan: SimulationPlan, seed: UInt64, replicate: Int) {
            var stream = RandomStream(seed: seed, stream: UInt64(replicate)).taus2
            let n = plan.patients
            var entries = plan.entrySchedule.evenEntries()
            if plan.arrivals == .poisson {
                entries.withUnsafeMutableBufferPointer { plan.entrySchedule.poissonEntries(into: $0, stream: &stream) }
            }
            var arms = [UInt8](repeating: 0, count: n)
            arms.withUnsafeMutableBufferPointer { plan.randomisation.assign($0, stream: &stream) }
            var follow: [Double] = [], died: [Bool] = []
            for i in 0..<n {
                let arm: Arm = arms[i] == 0 ? .treatment : .control
                let t = plan.survival[arm].time(atCumulativeHazard: stream.standardExponential())
                let eta = plan.dropout.hazard(arm)
                let c = eta > 0 ? stream.standardExponential() * (1 / eta) : .infinity
                follow.append(min(t, c))
                died.append(t <= c)
            }
            switch plan.cut {
            case .followUp(let f): cut = entries.max()! + f
            case .events(let d):
                let times = (0..<n).filter { died[$0] }.map { entries[$0] + follow[$0] }.sorted()
                cut = times.count >= d ? times[d - 1] : (0..<n).map { entries[$0] + follow[$0] }.max()!
            }
            var time: [Double] = [], event: [Bool] = [], group: [UInt8] = []
            for i in 0..<n where entries[i] <= cut {
                patients += 1
                let observed = entries[i] + follow[i] <= cut
                time.append(observed ? follow[i] : cut - entries[i])
                event.append(observed && died[i])
                if observed && died[i] { events += 1 }
                if observed && !died[i] { dropouts += 1 }
                group.append(arms[i])
            }
            let s = LogRank.statistics(time: time, event: event, group: group, groupCount: 2)
            z = (s.observed[0] - s.expected[0]) / s.variance[0].squareRoot()
        }
    }

    func check(_ plan: SimulationPlan, replicates: Range<Int> = 0..<200, seed: UInt64 = 5) {
        var simulator = TrialSimulator(plan: plan, seed: seed)
        for i in replicates {
            let o = simulator.simulate(replicate: i)
            let r = Reference(plan: plan, seed: seed, replicate: i)
            #expect(o.analysisTime == r.cut, "replicate \(i)")
            #expect(Int(o.patients) == r.patients && Int(o.events) == r.events && Int(o.dropouts) == r.dropouts, "replicate \(i)")
            #expect(Self.sameStatistic.accepts(o.z, r.z), "replicate \(i): \(o.z) vs \(r.z)")
        }
    }

    @Test func eventDrivenCutMatchesTheDefinition() throws {
        let plan = try SimulationFixtures.seedTrial()
        check(plan)
        var simulator = TrialSimulator(plan: plan, seed: 5)
        for i in 0..<100 { #expect(simulator.simulate(replicate: i).events == 27) }
    }

    @Test func calendarCutWithDropoutAndPoissonEntries() throws {
        let base = try SimulationFixtures.seedTrial()
        let plan = try SimulationPlan(
            patients: 56, accrual: Accrual(times: [0, 6, 18], rates: [1, 3]), arrivals: .poisson,
            survival: base.survival, dropout: ExponentialDropout(probabilityTreatment: 0.2, probabilityControl: 0.1, time: 12),
            cut: .followUp(12), alpha: 0.05, sides: 2)
        check(plan)
    }

    @Test func delayedEffectWithSimpleRandomisation() throws {
        let plan = try SimulationPlan(
            patients: 80, accrual: .uniform(duration: 12), allocation: Allocation(parsing: "2:1"),
            randomisation: Randomisation(scheme: .simple, allocation: Allocation(parsing: "2:1")),
            survival: ArmSurvival(treatment: PiecewiseExponential(times: [0, 6], hazards: [0.06, 0.02]),
                                  control: PiecewiseExponential(times: [0, 6], hazards: [0.06, 0.06])),
            cut: .events(40))
        check(plan)
    }

    /// Heavy dropout: the 50 events are never reached in some trials, which are analysed when
    /// the last outcome is known and never reject.
    @Test func eventsNotReached() throws {
        let plan = try SimulationPlan(
            patients: 60, accrual: .uniform(duration: 12),
            survival: .exponential(hazardTreatment: 0.05, hazardControl: 0.05),
            dropout: ExponentialDropout(probabilityTreatment: 0.3, probabilityControl: 0.3, time: 12), cut: .events(50))
        check(plan, replicates: 0..<100)
        var simulator = TrialSimulator(plan: plan, seed: 5)
        let outcomes = (0..<300).map { simulator.simulate(replicate: $0) }
        #expect(outcomes.contains { !$0.reachedCut })
        #expect(outcomes.filter { !$0.reachedCut }.allSatisfy { $0.events < 50 && !simulator.rejects($0) })
    }

    /// A replicate depends on (plan, seed, replicate) only: simulated again, or after others,
    /// it is bit for bit the same.
    @Test func replicatesAreReproducible() throws {
        let plan = try SimulationFixtures.seedTrial(arrivals: .poisson)
        var a = TrialSimulator(plan: plan, seed: 11), b = TrialSimulator(plan: plan, seed: 11)
        let forward = (0..<50).map { a.simulate(replicate: $0) }
        let backward = (0..<50).reversed().map { b.simulate(replicate: $0) }.reversed()
        #expect(zip(forward, backward).allSatisfy { $0.isIdentical(to: $1) })
        var c = TrialSimulator(plan: plan, seed: 12)
        #expect(!c.simulate(replicate: 0).isIdentical(to: forward[0]))
    }

    @Test func coxEstimateIsFitted() throws {
        let plan = try SimulationFixtures.seedTrial(cox: true)
        var simulator = TrialSimulator(plan: plan, seed: 5)
        let o = simulator.simulate(replicate: 0)
        #expect(o.coxLogHazardRatio.isFinite && o.coxLogHazardRatio < 0)
        var plain = TrialSimulator(plan: try SimulationFixtures.seedTrial(), seed: 5)
        #expect(plain.simulate(replicate: 0).coxLogHazardRatio.isNaN)
    }
}
