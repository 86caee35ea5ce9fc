import Foundation
import Testing
import TestSupport
@testable import TrialDesign

/// The simulation against rpact's getSimulationSurvival and against the closed-form design
/// (Tests/Fixtures/simulate/rpact_simulation.csv, scripts/fixtures/simulate.R), within 3 Monte
/// Carlo standard errors — combined (√(se₁² + se₂²)) when both sides are simulated. Fixed seeds,
/// so each check passes or fails the same way every run; sizes keep each test to seconds.
@Suite struct MonteCarloTests {
    /// Monte Carlo agreement: |a − b| ≤ 3 · (combined) standard error.
    static let standardErrors = 3.0

    struct Run {
        let plan: SimulationPlan
        let summary: SimulationSummary
        init(_ plan: SimulationPlan, replicates: Int, seed: UInt64 = 2024, threads: Int = 2) {
            self.plan = plan
            summary = SimulationSummary(plan: plan, outcomes: MonteCarlo.run(plan: plan, seed: seed, range: 0..<replicates,
                                                                             threads: threads))
        }
        var power: Double { summary.power }
        var powerSE: Double { summary.powerStandardError }
        func meanSE(_ d: SimulationSummary.Distribution) -> Double { d.standardDeviation / Double(d.count).squareRoot() }
    }

    func expectAgreement(_ ours: Double, _ ourSE: Double, _ theirs: Double, _ theirSE: Double, _ what: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        let se = (ourSE * ourSE + theirSE * theirSE).squareRoot()
        #expect(abs(ours - theirs) <= Self.standardErrors * se,
                "\(what): survkit \(ours) vs \(theirs), difference \(abs(ours - theirs) / se) standard errors",
                sourceLocation: sourceLocation)
    }

    /// Power, analysis time, patients and hazard-ratio estimate of a fixture case, against
    /// rpact's simulation, with rpact's fixed arm sequence (`--randomisation alternating`): the
    /// default permuted blocks give a measurably different power for the seed trial (0.790
    /// against 0.793 at a million replicates), since the arms' entry times then differ by chance.
    func compareWithRpact(_ name: String, replicates: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let row = try SimulationFixtures.row(name)
        let run = Run(try SimulationFixtures.plan(row, randomisation: .alternating), replicates: replicates)
        let iterations = Double(row.int("iterations")!)
        expectAgreement(run.power, run.powerSE, row.double("power")!, row.double("power_se")!, "\(name) power",
                        sourceLocation: sourceLocation)
        expectAgreement(run.summary.analysisTime.mean, run.meanSE(run.summary.analysisTime), row.double("mean_analysis_time")!,
                        row.double("sd_analysis_time")! / iterations.squareRoot(), "\(name) mean analysis time",
                        sourceLocation: sourceLocation)
        expectAgreement(run.summary.patients.mean, run.meanSE(run.summary.patients), row.double("mean_patients")!,
                        row.double("sd_patients")! / iterations.squareRoot(), "\(name) mean patients", sourceLocation: sourceLocation)
        expectAgreement(run.summary.hazardRatio.mean, run.meanSE(run.summary.hazardRatio), row.double("mean_hazard_ratio")!,
                        row.double("sd_hazard_ratio")! / iterations.squareRoot(), "\(name) mean hazard ratio",
                        sourceLocation: sourceLocation)
    }

    /// The seed trial: rpact gives power 0.80 (10,000 iterations) and 0.794 (100,000), mean
    /// analysis time 26.75 months.
    @Test func seedTrialAgreesWithRpact() throws {
        try compareWithRpact("seed", replicates: 40_000)
        try compareWithRpact("seed_100k", replicates: 40_000)
    }

    /// Under HR = 1 the rejection rate is alpha within Monte Carlo error — with 200 events,
    /// where the log-rank test holds its level (two-sided 0.05 and one-sided 0.025). With the
    /// seed trial's 27 events the log-rank test is slightly liberal (about 0.026 one-sided and
    /// 0.052 two-sided at a million replicates); there survkit agrees with rpact's simulated
    /// rejection rate, which shows the same.
    @Test func nullRejectsAtAlpha() throws {
        try compareWithRpact("null", replicates: 40_000)
        let survival = try ArmSurvival.exponential(hazardTreatment: 0.063, hazardControl: 0.063)
        for (alpha, sides) in [(0.05, 2), (0.025, 1)] {
            let plan = try SimulationPlan(patients: 300, accrual: .uniform(duration: 18), survival: survival, cut: .events(200),
                                          alpha: alpha, sides: sides)
            let run = Run(plan, replicates: 10_000, seed: 100 + UInt64(sides))
            #expect(abs(run.power - alpha) <= Self.standardErrors * (alpha * (1 - alpha) / 10_000).squareRoot(),
                    "\(sides)-sided: \(run.power)")
        }
    }

    @Test func dropoutAgreesWithRpact() throws { try compareWithRpact("dropout", replicates: 20_000) }

    @Test func delayedEffectAgreesWithRpact() throws { try compareWithRpact("delayed_effect", replicates: 20_000) }

    /// 2:1 allocation (permuted blocks of 6; rpact alternates 2 then 1) and piecewise accrual.
    @Test func allocationAndPiecewiseAccrualAgreeWithRpact() throws {
        try compareWithRpact("allocation_2_1", replicates: 20_000)
    }

    /// Where Schoenfeld's formula is accurate (120 events, HR 0.7), the simulated power agrees
    /// with the analytic power of `survkit design` (ExponentialDesign.power) within 3 Monte
    /// Carlo standard errors, and with rpact's simulation.
    @Test func largeTrialAgreesWithTheAnalyticPower() throws {
        try compareWithRpact("large", replicates: 10_000)
        let row = try SimulationFixtures.row("large")
        let run = Run(try SimulationFixtures.plan(row), replicates: 10_000, seed: 7)
        let analytic = ExponentialDesign.power(events: 120, method: .schoenfeld, hazardRatio: 0.7, alpha: 0.025, sides: 1,
                                               allocationRatio: 1)
        #expect(Tolerance(relative: 1e-9).accepts(analytic, row.double("analytic_power")!))
        #expect(abs(run.power - analytic) <= Self.standardErrors * run.powerSE, "\(run.power) vs \(analytic)")
    }

    /// For the seed trial, the analytic power (0.8144, Schoenfeld with 27 events, what rpact's
    /// getPowerSurvival and `survkit design` give) is above the simulated power (about 0.794 by
    /// rpact's 100,000 and survkit's runs): with 27 events and HR 1/3 the normal approximation
    /// is optimistic. The simulation is the better answer; this records the gap.
    @Test func seedTrialAnalyticPowerIsOptimistic() throws {
        let row = try SimulationFixtures.row("seed_100k")
        let analytic = ExponentialDesign.power(events: 27, method: .schoenfeld, hazardRatio: 1.0 / 3, alpha: 0.025, sides: 1,
                                               allocationRatio: 1)
        #expect(Tolerance(relative: 1e-9).accepts(analytic, row.double("analytic_power")!))
        let run = Run(try SimulationFixtures.plan(row), replicates: 40_000, seed: 8)
        #expect(analytic - run.power > Self.standardErrors * run.powerSE)
        #expect(analytic - run.power < 0.05)
    }

    /// Calendar cut: the mean number of events is the sum over the (even) entries u of the
    /// closed-form P(event by τ − u) = λ/(λ+η) (1 − e^{−(λ+η)(τ−u)}) with dropout η competing,
    /// half the patients in each arm; and close to N · P(event) of the design's continuous-entry
    /// closed form (EventProbability, matched to rpact), which spreads the same entries evenly.
    @Test func calendarCutEventsMatchTheClosedForm() throws {
        let accrual = try Accrual(times: [0, 6, 18], rates: [1, 3])
        let dropout = try ExponentialDropout(probabilityTreatment: 0.15, probabilityControl: 0.1, time: 12)
        let (hT, hC) = (TrialAssumptions.hazard(median: 20), TrialAssumptions.hazard(median: 11))
        let plan = try SimulationPlan(patients: 120, accrual: accrual, survival: .exponential(hazardTreatment: hT, hazardControl: hC),
                                      dropout: dropout, cut: .followUp(12))
        let run = Run(plan, replicates: 10_000)
        func probability(_ lambda: Double, _ eta: Double, _ t: Double) -> Double { lambda / (lambda + eta) * -expm1(-(lambda + eta) * t) }
        let entries = plan.entrySchedule.evenEntries()
        let expectedT = entries.reduce(0.0) { $0 + 0.5 * probability(hT, dropout.hazard(.treatment), 30 - $1) }
        let expectedC = entries.reduce(0.0) { $0 + 0.5 * probability(hC, dropout.hazard(.control), 30 - $1) }
        expectAgreement(run.summary.events.mean, run.meanSE(run.summary.events), expectedT + expectedC, 0, "events by month 30")
        expectAgreement(run.summary.eventsTreatment.mean, run.meanSE(run.summary.eventsTreatment), expectedT, 0, "treatment events")
        let design = EventProbability.byArm(hazardTreatment: hT, hazardControl: hC, allocation: .equal, dropout: dropout,
                                            accrual: accrual, accrualEnd: 18, followUp: 12)
        #expect(Tolerance(relative: 0.01).accepts(120 * design.overall, expectedT + expectedC))
        #expect(run.summary.analysisTime.minimum == 30 && run.summary.analysisTime.maximum == 30)
    }

    /// The outcomes, and so everything computed from them, do not depend on the threads.
    @Test func threadsDoNotChangeTheOutcomes() throws {
        let plan = try SimulationFixtures.seedTrial(arrivals: .poisson)
        let one = MonteCarlo.run(plan: plan, seed: 3, range: 0..<5000, threads: 1)
        for threads in [2, 3, 8] {
            let many = MonteCarlo.run(plan: plan, seed: 3, range: 0..<5000, threads: threads)
            #expect(zip(one, many).allSatisfy { $0.isIdentical(to: $1) }, "\(threads) threads")
        }
        let tail = MonteCarlo.run(plan: plan, seed: 3, range: 3000..<5000, threads: 2)
        #expect(zip(one[3000...], tail).allSatisfy { $0.isIdentical(to: $1) })
    }

    @Test func progressCountsEveryReplicate() throws {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var total = 0
        }
        let counter = Counter()
        _ = MonteCarlo.run(plan: try SimulationFixtures.seedTrial(), seed: 1, range: 0..<5000, threads: 2) { n in
            counter.lock.lock(); counter.total += n; counter.lock.unlock()
        }
        #expect(counter.total == 5000)
    }
}
