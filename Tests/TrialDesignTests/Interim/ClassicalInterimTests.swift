import Testing
import TestSupport
@testable import TrialDesign

/// Interim and final analyses of classical (Pocock, O'Brien–Fleming, Wang–Tsiatis,
/// Haybittle–Peto) and user-spending designs against rpact 3.3.4
/// (Tests/Fixtures/gsinference/classical.csv, the last section of scripts/fixtures/gsinference.R).
/// rpact analyses classical designs with their planned information rates and critical values by
/// look (it ignores maxInformation for them); user spending is recomputed at the observed
/// information like a spending function, with the user's value of each look's index.
/// Tolerances: those of ``GroupSequentialInferenceTests`` (what rpact's own accuracy supports).
@Suite struct ClassicalInterimTests {
    static let rows = (try? Fixture("gsinference/classical.csv").rows) ?? []
    static let caseNames = rows.map { $0.string("case") }

    static func inputs(_ row: [String: String]) throws -> (InterimPlan, InterimObservation, [PreviousLook]) {
        let efficacy: EfficacyRule
        switch row.string("type") {
        case "P": efficacy = try .classical(type: .pocock, delta: nil)
        case "OF": efficacy = try .classical(type: .obrienFleming, delta: nil)
        case "WT": efficacy = try .classical(type: .wangTsiatis, delta: row.double("delta_wt"))
        case "HP": efficacy = try .classical(type: .haybittlePeto, delta: nil)
        default: efficacy = .userSpending(GroupSequentialInferenceTests.vector(row.string("user_alpha_spending")))
        }
        let design = try GroupSequentialDesign(
            informationRates: InformationRates(GroupSequentialInferenceTests.vector(row.string("rates"))),
            alpha: row.double("alpha")!, sides: row.int("sides")!, power: 0.8, efficacy: efficacy)
        let ratio = row.double("allocation_ratio")!
        let plan = try InterimPlan(design: design, maximumEvents: row.int("maximum_events")!,
                                   hazardRatio: row.double("hazard_ratio")!, allocationRatio: ratio)
        let events = GroupSequentialInferenceTests.vector(row.string("events"))
        let z = GroupSequentialInferenceTests.vector(row.string("z"))
        let previous = zip(events.dropLast(), z.dropLast()).map { PreviousLook(events: $0, z: $1) }
        return (plan, try InterimObservation(events: Int(events.last!), z: z.last!, allocationRatio: ratio), previous)
    }

    @Test func fixtureCoversEveryClassicalTypeAndUserSpending() {
        #expect(Set(Self.rows.map { $0.string("type") }) == ["P", "OF", "WT", "HP", "asUser"])
        #expect(Set(Self.rows.map { $0.int("looks")! }) == [2, 3, 4, 5])
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
        #expect(r.finalInference?.look == row.int("final_stage"), "\(name) final stage")
        if let f = r.finalInference {
            #expect(T.finalP.accepts(f.pValue, row.double("final_p_value")), "\(name) final p \(f.pValue) vs \(row.double("final_p_value") ?? .nan)")
            #expect(T.hazardRatio.accepts(f.lower, row.double("final_ci_lower")), "\(name) CI lower \(f.lower ?? .nan)")
            #expect(T.hazardRatio.accepts(f.upper, row.double("final_ci_upper")), "\(name) CI upper \(f.upper ?? .nan)")
            #expect(T.hazardRatio.accepts(f.medianUnbiased, row.double("median_unbiased_hazard_ratio")), "\(name) MUE \(f.medianUnbiased ?? .nan)")
        }
        // rpact gives no repeated p-values for asUser designs ("NA"): nothing to compare there.
        let repeated = row.string("repeated_p_values").split(separator: " ").map { Double($0) }
        #expect(r.repeatedPValues.count == repeated.count)
        for (k, (mine, theirs)) in zip(r.repeatedPValues, repeated).enumerated() where theirs != nil {
            #expect(T.repeatedP.accepts(mine, theirs), "\(name) repeated p at look \(k + 1): \(mine) vs \(theirs!)")
        }
        let stops = r.decision == .efficacy || r.decision == .harm
        #expect(T.probability.accepts(r.conditionalRejectionProbability, stops ? nil : row.double("conditional_rejection_probability")),
                "\(name) CRP \(r.conditionalRejectionProbability ?? .nan) vs \(row.double("conditional_rejection_probability") ?? .nan)")
        #expect(T.predictive.accepts(r.predictivePower, row.double("predictive_power")),
                "\(name) predictive \(r.predictivePower ?? .nan) vs \(row.double("predictive_power") ?? .nan)")
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

    /// A classical look cannot move to the information observed: one that reaches the next
    /// planned look's events is refused with what to do.
    @Test func classicalLookPastTheNextPlannedOneIsRefused() throws {
        let design = try GroupSequentialDesign(informationRates: .equallySpaced(looks: 3),
                                               efficacy: .classical(type: .obrienFleming, delta: nil))
        let plan = try InterimPlan(design: design, maximumEvents: 90, hazardRatio: 0.7, allocationRatio: 1)
        do {
            _ = try InterimAnalysis.analyse(plan: plan, observation: InterimObservation(events: 61, z: 1, allocationRatio: 1))
            Issue.record("a first look with 61 events (look 2 planned at 60) was accepted")
        } catch {
            #expect("\(error)".contains("analyse it as a later look"), "\(error)")
        }
    }
}
