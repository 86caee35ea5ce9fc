import Testing
import TestSupport
@testable import TrialDesign

/// Interim and final analyses of one-sided alpha-spending designs with binding futility bounds
/// (given on the Z scale, or by beta spending) against rpact 3.3.4
/// (Tests/Fixtures/gsbinding/binding.csv, written by scripts/fixtures/gsbinding.R): the critical
/// values at the observed information count on the binding bounds, a look at or below one ends
/// the trial, and the final p-value, CI, median-unbiased estimate, repeated p-values and CRP use
/// them. Tolerances: those of ``GroupSequentialInferenceTests`` (what rpact's own accuracy supports).
@Suite struct BindingFutilityInterimTests {
    static let rows = (try? Fixture("gsbinding/binding.csv").rows) ?? []
    static let caseNames = rows.map { $0.string("case") }

    static func inputs(_ row: [String: String]) throws -> (InterimPlan, InterimObservation, [PreviousLook]) {
        typealias T = GroupSequentialInferenceTests
        let family: SpendingFamily = ["asOF": .obrienFleming, "asP": .pocock, "asHSD": .hwangShihDeCani][row.string("type")]!
        let spending = try SpendingFunction(family: family, gamma: family == .hwangShihDeCani ? row.double("gamma") : nil, rho: nil)
        let futilitySpending: SpendingFunction? = ["bsOF": .obrienFleming, "bsP": .pocock][row.string("beta_spending")]
        let bounds = row.string("futility_bounds") == "NA" ? nil : T.vector(row.string("futility_bounds"))
        let design = try GroupSequentialDesign(
            informationRates: InformationRates(T.vector(row.string("rates"))), alpha: row.double("alpha")!, sides: 1,
            spending: spending, futilitySpending: futilitySpending, power: 0.8, bindingFutility: true,
            futilityBounds: bounds)
        let ratio = row.double("allocation_ratio")!
        let plan = try InterimPlan(design: design, maximumEvents: row.int("maximum_events")!,
                                   hazardRatio: row.double("hazard_ratio")!, allocationRatio: ratio)
        let events = T.vector(row.string("events")), z = T.vector(row.string("z"))
        let previous = zip(events.dropLast(), z.dropLast()).map { PreviousLook(events: $0, z: $1) }
        return (plan, try InterimObservation(events: Int(events.last!), z: z.last!, allocationRatio: ratio), previous)
    }

    @Test func fixtureCoversGivenAndBetaSpendingBoundsAtInterimsAndFinals() {
        #expect(Set(Self.rows.map { $0.string("beta_spending") }) == ["none", "bsOF", "bsP"])
        #expect(Set(Self.rows.map { $0.int("looks")! }) == [2, 3, 4])
        #expect(Set(Self.rows.map { $0.string("is_final") }) == ["TRUE", "FALSE"])
        #expect(Self.rows.count >= 10)
    }

    @Test(arguments: caseNames)
    func matchesRpact(name: String) throws {
        typealias T = GroupSequentialInferenceTests
        let row = try #require(Self.rows.first { $0.string("case") == name })
        let (plan, observation, previous) = try Self.inputs(row)
        let r = try InterimAnalysis.analyse(plan: plan, observation: observation, previous: previous)
        #expect(r.isFinal == (row.string("is_final") == "TRUE"), "\(name) final")
        let critical = T.vector(row.string("critical_values"))
        #expect(r.criticalValues.count == critical.count, "\(name) looks")
        for (mine, theirs) in zip(r.criticalValues, critical) {
            #expect(T.boundary.accepts(mine, theirs), "\(name) critical value \(mine) vs \(theirs)")
        }
        if !r.isFinal, let u = r.futilityBound {
            let bounds = T.vector(row.string("binding_bounds"))
            #expect(T.boundary.accepts(u, bounds[r.look - 1]), "\(name) futility bound \(u) vs \(bounds[r.look - 1])")
        }
        #expect(r.finalInference?.look == row.int("final_stage"), "\(name) final stage")
        if let f = r.finalInference {
            #expect(T.finalP.accepts(f.pValue, row.double("final_p_value")), "\(name) final p \(f.pValue) vs \(row.double("final_p_value") ?? .nan)")
            #expect(T.hazardRatio.accepts(f.lower, row.double("final_ci_lower")), "\(name) CI lower \(f.lower ?? .nan) vs \(row.double("final_ci_lower") ?? .nan)")
            #expect(T.hazardRatio.accepts(f.upper, row.double("final_ci_upper")), "\(name) CI upper \(f.upper ?? .nan) vs \(row.double("final_ci_upper") ?? .nan)")
            #expect(T.hazardRatio.accepts(f.medianUnbiased, row.double("median_unbiased_hazard_ratio")), "\(name) MUE \(f.medianUnbiased ?? .nan)")
        }
        let repeated = T.vector(row.string("repeated_p_values"))
        #expect(r.repeatedPValues.count == repeated.count)
        for (k, (mine, theirs)) in zip(r.repeatedPValues, repeated).enumerated() {
            #expect(T.repeatedP.accepts(mine, theirs), "\(name) repeated p at look \(k + 1): \(mine) vs \(theirs)")
        }
        #expect(T.probability.accepts(r.conditionalRejectionProbability, r.isFinal || r.decision == .efficacy ? nil : row.double("conditional_rejection_probability")),
                "\(name) CRP \(r.conditionalRejectionProbability ?? .nan) vs \(row.double("conditional_rejection_probability") ?? .nan)")
        func gap(_ a: Double?, _ b: Double?) -> Double { (a != nil && b != nil) ? abs(a! - b!) : 0 }
        func rel(_ a: Double?, _ b: Double?) -> Double { (a != nil && b != nil) ? relativeDifference(a!, b!) : 0 }
        let f = r.finalInference
        print("""
            \(name): largest difference from rpact: critical \(zip(r.criticalValues, critical).map { abs($0 - $1) }.max() ?? 0), \
            final p \(gap(f?.pValue, row.double("final_p_value"))), \
            CI/MUE rel \(max(rel(f?.lower, row.double("final_ci_lower")), rel(f?.upper, row.double("final_ci_upper")), rel(f?.medianUnbiased, row.double("median_unbiased_hazard_ratio")))), \
            repeated p \(zip(r.repeatedPValues, repeated).map { gap($0, $1) }.max() ?? 0), \
            CRP \(gap(r.conditionalRejectionProbability, row.double("conditional_rejection_probability")))
            """)
    }
}
