import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis
@testable import TrialDesign

/// `simulate --test`: parsing, the RMST difference against R (survRM2 formulas, the rmst fixture),
/// the log-rank test as a further test equal to the plan's own, independence of the thread count,
/// and MaxCombo's type I error within 2 Monte Carlo SEs of alpha (100,000-replicate figure in
/// docs/simulate.md).
@Suite struct SimulationTestTests {
    /// RMST and its SE against the survRM2 formulas computed in R (the 1e-9).
    static let rmstAgreement = Tolerance(relative: 1e-9, absolute: 1e-12)
    /// Monte Carlo agreement of a rejection rate with its target: 2 standard errors.
    static let standardErrors = 2.0

    /// The seed trial's settings: median 11, accrual 18, 56 patients, analysed 12 months after the
    /// last entry, or at the 30th event with `eventDriven`.
    static func seedSettings(hazardRatio: Double, eventDriven: Bool = false) -> DesignSettings {
        var s = DesignSettings()
        s.medianControl = 11
        s.hazardRatio = hazardRatio
        s.accrualTime = 18
        s.patients = 56
        if eventDriven { s.events = 30 } else { s.followUp = 12 }
        return s
    }

    static func plan(hazardRatio: Double, tests: [SimulationTest], delay: Double? = nil, cure: Double? = nil) throws -> SimulationPlan {
        let s = seedSettings(hazardRatio: hazardRatio)
        var o = SimulationOptions()
        o.tests = tests
        o.delay = delay
        o.cureFractionControl = cure
        o.cureFractionTreatment = cure
        return try SimulationPlan(settings: s, options: o)
    }

    @Test func parsesCommaListsWithFlemingHarringtonArguments() throws {
        let tests = try SimulationTest.parseList("logrank,fh:0,1,maxcombo,rmst:24")
        #expect(tests == [.logRank, .flemingHarrington(FlemingHarrington(rho: 0, gamma: 1)!), .maxCombo, .restrictedMean(tau: 24)])
        #expect(tests.map(\.description) == ["logrank", "fh:0,1", "maxcombo", "rmst:24"])
        #expect(try SimulationTest.parseList("fh:0,0") == [.logRank])
        for bad in ["fh:1", "rmst:-1", "rmst", "wilcoxon", "logrank,,maxcombo", "3"] {
            #expect(throws: DesignError.self, "\(bad)") { try SimulationTest.parseList(bad) }
        }
    }

    /// aml, τ = 45: Maintained − Nonmaintained = 8.0303... (R: −8.0303 for the reverse), SE 5.8657.
    @Test func restrictedMeanDifferenceMatchesR() throws {
        let row = try #require(try Fixture("rmst/contrasts.csv").rows.first { $0.string("case") == "aml_default" })
        let table = try CSVTable(path: Fixtures.root.appendingPathComponent("notebooks-data/aml.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "x"))
        let codes = try #require(data.group).codes.map { UInt8($0) }
        let d = TwoArmRestrictedMean(time: data.time, event: data.event, group: codes, tau: 45)
        #expect(Self.rmstAgreement.accepts(-d.difference, row.double("difference")), "\(d.difference)")
        #expect(Self.rmstAgreement.accepts(d.standardError, row.double("difference_se")), "\(d.standardError)")
    }

    @Test func logRankAsAFurtherTestRejectsExactlyAsThePlan() throws {
        let plan = try Self.plan(hazardRatio: 1 / 3.0, tests: [.logRank, .flemingHarrington(FlemingHarrington(rho: 0, gamma: 1)!)], delay: 3)
        let run = MonteCarlo.runWithTests(plan: plan, seed: 11, range: 0..<600, threads: 2)
        let summary = SimulationSummary(plan: plan, outcomes: run.outcomes)
        let tests = TestSummary.summaries(plan: plan, run: run)
        #expect(tests[0].rejections == summary.rejections)
        // Without tests the outcomes are those of the plain run.
        let plain = MonteCarlo.run(plan: try Self.plan(hazardRatio: 1 / 3.0, tests: [], delay: 3), seed: 11, range: 0..<600, threads: 1)
        #expect(zip(plain, run.outcomes).allSatisfy { $0.isIdentical(to: $1) })
    }

    static func sequentialPlan(hazardRatio: Double, tests: [SimulationTest], rates: [Double], critical: [Double],
                               futility: [Double]? = nil) throws -> SimulationPlan {
        let base = try SimulationPlan(settings: seedSettings(hazardRatio: hazardRatio, eventDriven: true), options: SimulationOptions())
        let looks = try SimulationLooks(informationRates: rates, criticalValues: critical, futilityBounds: futility)
        return try SimulationPlan(patients: base.patients, accrual: base.accrual, arrivals: base.arrivals,
                                  randomisation: base.randomisation, survival: base.survival, dropout: base.dropout,
                                  cut: base.cut, alpha: base.alpha, sides: base.sides, cox: false, notes: [],
                                  looks: looks, tests: tests)
    }

    /// With looks the log-rank test, as its own group-sequential trial at the nominal levels
    /// 2(1 − Φ(c_k)), rejects in exactly the trials the plan stops for efficacy (no futility
    /// bounds), under the scenario and, drawn the same way, under the null.
    @Test func logRankOverLooksRejectsExactlyAsThePlan() throws {
        let critical = [3.710303, 2.511427, 1.993048]  // O'Brien–Fleming at 1/3, 2/3, 1 (rpact)
        let fh = SimulationTest.flemingHarrington(FlemingHarrington(rho: 0, gamma: 1)!)
        let plan = try Self.sequentialPlan(hazardRatio: 1 / 3.0, tests: [.logRank, fh], rates: [1 / 3.0, 2 / 3.0, 1], critical: critical)
        let run = MonteCarlo.runWithTests(plan: plan, seed: 17, range: 0..<500, threads: 2)
        let tests = TestSummary.summaries(plan: plan, run: run)
        #expect(tests[0].rejections == run.outcomes.filter { $0.decision == .efficacy }.count)
        #expect(tests[0].rejections > 300)
        let null = try Self.sequentialPlan(hazardRatio: 1, tests: [], rates: [1 / 3.0, 2 / 3.0, 1], critical: critical)
        let nullRun = MonteCarlo.run(plan: null, seed: 17, range: 0..<500, threads: 1)
        #expect(tests[0].nullRejections == nullRun.filter { $0.decision == .efficacy }.count)
        // FH(0,1) rejects in some trials the log-rank test does not, and the other way round.
        let m = plan.tests.count
        let onlyFH = (0..<500).filter { run.scenario[$0 * m + 1] <= plan.alpha && !(run.scenario[$0 * m] <= plan.alpha) }
        #expect(!onlyFH.isEmpty)
        // Futility bounds stop the plan's trials but not the further tests (non-binding).
        let stopping = try Self.sequentialPlan(hazardRatio: 1 / 3.0, tests: [.logRank], rates: [1 / 3.0, 2 / 3.0, 1],
                                               critical: critical, futility: [0.5, 1.5])
        let stopped = MonteCarlo.runWithTests(plan: stopping, seed: 17, range: 0..<500, threads: 2)
        let further = TestSummary.summaries(plan: stopping, run: stopped)[0].rejections
        #expect(further == tests[0].rejections)
        #expect(stopped.outcomes.filter { $0.decision == .efficacy }.count < further)
    }

    /// One look at the fixed design's critical value is the fixed design: every further test
    /// decides as at the single analysis.
    @Test func oneLookIsTheSingleAnalysis() throws {
        let tests: [SimulationTest] = [.logRank, .flemingHarrington(FlemingHarrington(rho: 1, gamma: 0)!), .maxCombo]
        var o = SimulationOptions()
        o.tests = tests
        let single = try SimulationPlan(settings: Self.seedSettings(hazardRatio: 0.5, eventDriven: true), options: o)
        let fixedPlan = try Self.sequentialPlan(hazardRatio: 0.5, tests: tests, rates: [1], critical: [single.criticalValue])
        let a = MonteCarlo.runWithTests(plan: fixedPlan, seed: 4, range: 0..<300, threads: 1)
        let b = MonteCarlo.runWithTests(plan: single, seed: 4, range: 0..<300, threads: 1)
        #expect(TestSummary.summaries(plan: fixedPlan, run: a).map(\.rejections) == TestSummary.summaries(plan: single, run: b).map(\.rejections))
        #expect(TestSummary.summaries(plan: fixedPlan, run: a).map(\.nullRejections) == TestSummary.summaries(plan: single, run: b).map(\.nullRejections))
    }

    @Test func sameBitsForAnyThreadCount() throws {
        let plan = try Self.plan(hazardRatio: 1 / 3.0, tests: [.maxCombo, .restrictedMean(tau: 24)], cure: 0.3)
        let one = MonteCarlo.runWithTests(plan: plan, seed: 5, range: 0..<100, threads: 1)
        let three = MonteCarlo.runWithTests(plan: plan, seed: 5, range: 0..<100, threads: 3)
        #expect(one.scenario.map(\.bitPattern) == three.scenario.map(\.bitPattern))
        #expect(one.null.map(\.bitPattern) == three.null.map(\.bitPattern))
    }

    /// The MaxCombo shortcut (single-component and Bonferroni bounds) decides as the exact p-value.
    @Test func maxComboShortcutDecidesAsTheExactPValue() throws {
        let plan = try Self.plan(hazardRatio: 0.6, tests: [.maxCombo])
        var simulator = TrialSimulator(plan: plan, seed: 3)
        for r in 0..<40 {
            var p = [Double.nan], q = [Double.nan]
            p.withUnsafeMutableBufferPointer { pb in q.withUnsafeMutableBufferPointer { qb in
                _ = simulator.simulate(replicate: r, scenario: pb, null: qb)
            } }
            // The last analysis is the null trial's: compare its p-value.
            p = q
            let exact = try simulator.lastAnalysisMaxCombo()
            #expect((p[0] <= plan.alpha) == (exact <= plan.alpha), "replicate \(r): \(p[0]) vs exact \(exact)")
        }
    }

    /// Under H0 (hazard ratio 1), MaxCombo's rejection rate within 2 MC SEs of alpha.
    @Test func maxComboTypeIErrorIsAlpha() throws {
        let plan = try Self.plan(hazardRatio: 1, tests: [.maxCombo, .logRank])
        let replicates = 1000
        let run = MonteCarlo.runWithTests(plan: plan, seed: 2026, range: 0..<replicates, threads: 2)
        for t in TestSummary.summaries(plan: plan, run: run) {
            let se = (plan.alpha * (1 - plan.alpha) / Double(replicates)).squareRoot()
            #expect(abs(t.power - plan.alpha) <= Self.standardErrors * se, "\(t.test): \(t.power)")
            #expect(t.rejections == t.nullRejections)
        }
    }

    /// A cure fraction π: a share π of draws never has an event (S(∞) = π).
    @Test func cureFractionLeavesThatShareWithoutEvent() throws {
        let law = try ArmSurvival(treatment: .exponential(hazard: 0.1), control: .exponential(hazard: 0.1), cureControl: 0.3)
        #expect(law.time(.control, atCumulativeHazard: -log(0.3) + 1e-9) == .infinity)
        let t = law.time(.control, atCumulativeHazard: 0.2)
        // S(t) = 0.3 + 0.7 e^{−0.1 t} = e^{−0.2}.
        #expect(abs(0.3 + 0.7 * exp(-0.1 * t) - exp(-0.2)) <= 1e-14)
        #expect(law.time(.treatment, atCumulativeHazard: 0.2) == 2)
    }
}
