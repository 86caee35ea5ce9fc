import Testing
import TestSupport
@testable import TrialDesign

/// Classical and user-spending designs with a look at or past a later planned look (the looks no
/// longer line up with the plan by number): the classical design recomputed at the observed
/// rates, user spending interpolated linearly between the planned fractions (gsDesign's
/// sfLinear), against the rpact calls that state the same thing
/// (Tests/Fixtures/gsinference/passing.csv, scripts/fixtures/gspassing.R). Tolerances: those of
/// ``GroupSequentialInferenceTests``.
@Suite struct PassingLookInterimTests {
    static let rows = (try? Fixture("gsinference/passing.csv").rows) ?? []

    @Test func fixtureCoversClassicalAndUserSpending() {
        #expect(Set(Self.rows.map { $0.string("type") }) == ["P", "OF", "WT", "HP", "asUser"])
        #expect(Self.rows.count >= 6)
    }

    @Test(arguments: rows.map { $0.string("case") })
    func matchesRpact(name: String) throws {
        typealias T = GroupSequentialInferenceTests
        let row = try #require(Self.rows.first { $0.string("case") == name })
        let (plan, observation, previous) = try ClassicalInterimTests.inputs(row)
        let r = try InterimAnalysis.analyse(plan: plan, observation: observation, previous: previous)
        #expect(r.isFinal == (row.string("is_final") == "TRUE"), "\(name) final")
        let critical = T.vector(row.string("critical_values"))
        #expect(r.criticalValues.count == critical.count, "\(name) looks \(r.criticalValues) vs \(critical)")
        for (mine, theirs) in zip(r.criticalValues, critical) {
            #expect(T.boundary.accepts(mine, theirs), "\(name) critical value \(mine) vs \(theirs)")
        }
        #expect(r.finalInference?.look == row.int("final_stage"), "\(name) final stage")
        if let f = r.finalInference {
            #expect(T.finalP.accepts(f.pValue, row.double("final_p_value")), "\(name) final p \(f.pValue)")
            #expect(T.hazardRatio.accepts(f.lower, row.double("final_ci_lower")), "\(name) CI lower \(f.lower ?? .nan)")
            #expect(T.hazardRatio.accepts(f.upper, row.double("final_ci_upper")), "\(name) CI upper \(f.upper ?? .nan)")
            #expect(T.hazardRatio.accepts(f.medianUnbiased, row.double("median_unbiased_hazard_ratio")), "\(name) MUE \(f.medianUnbiased ?? .nan)")
        }
        let repeated = row.string("repeated_p_values").split(separator: " ").map { Double($0) }
        #expect(r.repeatedPValues.count == repeated.count)
        for (k, (mine, theirs)) in zip(r.repeatedPValues, repeated).enumerated() where theirs != nil {
            #expect(T.repeatedP.accepts(mine, theirs), "\(name) repeated p at look \(k + 1): \(mine) vs \(theirs!)")
        }
        let stops = r.decision == .efficacy || r.decision == .harm
        #expect(T.probability.accepts(r.conditionalRejectionProbability, stops ? nil : row.double("conditional_rejection_probability")),
                "\(name) CRP \(r.conditionalRejectionProbability ?? .nan)")
        #expect(T.predictive.accepts(r.predictivePower, row.double("predictive_power")), "\(name) predictive \(r.predictivePower ?? .nan)")
        func gap(_ a: Double?, _ b: Double?) -> Double { (a != nil && b != nil) ? abs(a! - b!) : 0 }
        func rel(_ a: Double?, _ b: Double?) -> Double { (a != nil && b != nil) ? relativeDifference(a!, b!) : 0 }
        let f = r.finalInference
        print("""
            \(name): largest difference from rpact: critical \(zip(r.criticalValues, critical).map { abs($0 - $1) }.max() ?? 0), \
            final p \(gap(f?.pValue, row.double("final_p_value"))), \
            CI/MUE rel \(max(rel(f?.lower, row.double("final_ci_lower")), rel(f?.upper, row.double("final_ci_upper")), rel(f?.medianUnbiased, row.double("median_unbiased_hazard_ratio")))), \
            repeated p \(zip(r.repeatedPValues, repeated).map { gap($0, $1) }.max() ?? 0), \
            CRP \(gap(r.conditionalRejectionProbability, row.double("conditional_rejection_probability"))), \
            predictive \(gap(r.predictivePower, row.double("predictive_power")))
            """)
    }

    /// Given futility bounds have a value per planned look only: a look past a planned one is refused.
    @Test func givenFutilityBoundsPastAPlannedLookAreRefused() throws {
        let design = try GroupSequentialDesign(informationRates: .equallySpaced(looks: 3), futilityBounds: [0, 0.5])
        let plan = try InterimPlan(design: design, maximumEvents: 90, hazardRatio: 0.7, allocationRatio: 1)
        do {
            _ = try InterimAnalysis.analyse(plan: plan, observation: InterimObservation(events: 61, z: 1, allocationRatio: 1))
            Issue.record("a first look with 61 events (look 2 planned at 60) was accepted with given futility bounds")
        } catch {
            #expect("\(error)".contains("futility bounds are given per planned look"), "\(error)")
        }
    }

    /// User spending: a look that passed a planned one is analysed with the interpolated alpha;
    /// the final analysis must count that same alpha as spent there, not the user's value of
    /// the look's number — so look 1's critical value is the same at the interim and the final.
    @Test func userSpendingFinalKeepsThePassedLooksInterpolatedAlpha() throws {
        let design = try GroupSequentialDesign(
            informationRates: .equallySpaced(looks: 3), alpha: 0.025, sides: 1, power: 0.8,
            efficacy: .userSpending([0.001, 0.01, 0.025]))
        let plan = try InterimPlan(design: design, maximumEvents: 90, hazardRatio: 0.7, allocationRatio: 1)
        let interim = try InterimAnalysis.analyse(plan: plan, observation: InterimObservation(events: 66, z: 1.5, allocationRatio: 1))
        let final = try InterimAnalysis.analyse(plan: plan, observation: InterimObservation(events: 92, z: 2, allocationRatio: 1),
                                                previous: [PreviousLook(events: 66, z: 1.5)])
        #expect(final.isFinal)
        let atInterim = try #require(interim.criticalValues.first), atFinal = try #require(final.criticalValues.first)
        // The same boundary search on the same alpha: equal to the integration's accuracy.
        #expect(abs(atInterim - atFinal) < 1e-7, "look 1 critical value \(atInterim) at the interim, \(atFinal) at the final")
    }
}
