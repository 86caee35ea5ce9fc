import Testing
import TestSupport
@testable import TrialDesign

/// Interim and final analyses against rpact 3.3.4 (Tests/Fixtures/gsinference/gsinference.csv,
/// written by scripts/fixtures/gsinference.R): over- and under-running final looks (the boundary
/// of rpact's getAnalysisResults(maxInformation =, informationEpsilon =)), stopping and
/// continuing interims, the stage-wise-ordering final p-value, confidence interval and
/// median-unbiased hazard ratio, repeated p-values, the conditional rejection probability and the
/// predictive power, from analysis data sets of cumulative events and log-rank Z.
@Suite struct GroupSequentialInferenceTests {
    /// Critical values: rpact's 91-point integration and its recalculated informationRates
    /// rounded to 8 decimals agree with survkit's to 2.7e-7 (largest seen): absolute 1e-6.
    static let boundary = Tolerance(relative: 0, absolute: 1e-6)
    /// Final p-value: a sum of crossing probabilities at fixed bounds, no root search; largest
    /// difference seen 1.7e-9: absolute 1e-8.
    static let finalP = Tolerance(relative: 0, absolute: 1e-8)
    /// Conditional rejection probability: the same kind of sum after shifting the bounds;
    /// largest difference seen 5.8e-8: absolute 1e-7.
    static let probability = Tolerance(relative: 0, absolute: 1e-7)
    /// rpact finds the repeated p-value by bisection to 1e-6 (and stops at 0.5 − 9.5e-7 when no
    /// level rejects); largest difference seen 9.5e-7: absolute 2e-6.
    static let repeatedP = Tolerance(relative: 0, absolute: 2e-6)
    /// rpact's final confidence limits and median-unbiased estimate come from a root search on θ
    /// with tolerance 1e-6 (`C_ANALYSIS_TOLERANCE_DEFAULT`); largest relative difference seen
    /// on the hazard ratio 4.8e-7: relative 2e-6.
    static let hazardRatio = Tolerance(relative: 2e-6, absolute: 0)
    /// The predictive power's reference integrates rpact's conditional power (rel.tol 1e-10);
    /// largest difference seen 1.0e-8: absolute 1e-7.
    static let predictive = Tolerance(relative: 0, absolute: 1e-7)

    static let rows = (try? Fixture("gsinference/gsinference.csv").rows) ?? []
    static let caseNames = rows.map { $0.string("case") }

    static func vector(_ text: String) -> [Double] { text.split(separator: " ").map { Double($0)! } }

    static func analyse(_ row: [String: String]) throws -> InterimResult {
        let (plan, observation, previous) = try inputs(row)
        return try InterimAnalysis.analyse(plan: plan, observation: observation, previous: previous)
    }

    static func inputs(_ row: [String: String]) throws -> (InterimPlan, InterimObservation, [PreviousLook]) {
        let family: SpendingFamily = ["asOF": .obrienFleming, "asP": .pocock, "asHSD": .hwangShihDeCani,
                                      "asKD": .kimDeMets][row.string("type")]!
        let parameter = row.double("gamma")
        let spending = try SpendingFunction(family: family, gamma: family == .hwangShihDeCani ? parameter : nil,
                                            rho: family == .kimDeMets ? parameter : nil)
        let futility: SpendingFunction? = row.string("futility") == "bsOF" ? .obrienFleming : nil
        let design = try GroupSequentialDesign(
            informationRates: InformationRates(vector(row.string("rates"))), alpha: row.double("alpha")!,
            sides: row.int("sides")!, spending: spending, futilitySpending: futility, power: 0.8)
        let ratio = row.double("allocation_ratio")!
        let plan = try InterimPlan(design: design, maximumEvents: row.int("maximum_events")!,
                                   hazardRatio: row.double("hazard_ratio")!, allocationRatio: ratio)
        let events = vector(row.string("events")), z = vector(row.string("z"))
        let previous = zip(events.dropLast(), z.dropLast()).map { PreviousLook(events: $0, z: $1) }
        let observation = try InterimObservation(events: Int(events.last!), z: z.last!, allocationRatio: ratio)
        return (plan, observation, previous)
    }

    @Test func fixtureCoversTheIssuesCases() {
        let looks = Set(Self.rows.map { $0.int("looks")! })
        #expect(looks.isSuperset(of: [2, 3, 4, 5]))
        #expect(Self.rows.count >= 10)
        let finals = Self.rows.filter { $0.string("is_final") == "TRUE" }
        // Over- and under-running final looks.
        #expect(finals.contains { Self.vector($0.string("events")).last! > $0.double("maximum_events")! })
        #expect(finals.contains { Self.vector($0.string("events")).last! < $0.double("maximum_events")! })
        // Interims that stop, and both sidednesses.
        #expect(Self.rows.contains { $0.string("is_final") == "FALSE" && $0.double("final_stage") != nil })
        #expect(Set(Self.rows.map { $0.int("sides")! }) == [1, 2])
    }

    @Test(arguments: caseNames)
    func matchesRpact(name: String) throws {
        let row = try #require(Self.rows.first { $0.string("case") == name })
        let r = try Self.analyse(row)
        #expect(r.isFinal == (row.string("is_final") == "TRUE"), "\(name) final")

        // The boundary at the observed information (rpact's rates are those of its recalculated
        // design: at a final look relative to its own events).
        let critical = Self.vector(row.string("critical_values"))
        #expect(r.criticalValues.count == critical.count, "\(name) looks")
        for (mine, theirs) in zip(r.criticalValues, critical) {
            #expect(Self.boundary.accepts(mine, theirs), "\(name) critical value \(mine) vs \(theirs)")
        }

        // Final inference at the look the trial stops.
        let stage = row.int("final_stage")
        #expect(r.finalInference?.look == stage, "\(name) final stage")
        if let inference = r.finalInference {
            #expect(Self.finalP.accepts(inference.pValue, row.double("final_p_value")),
                    "\(name) final p \(inference.pValue) vs \(row.double("final_p_value") ?? .nan)")
            #expect(Self.hazardRatio.accepts(inference.lower, row.double("final_ci_lower")),
                    "\(name) final CI lower \(inference.lower ?? .nan) vs \(row.double("final_ci_lower") ?? .nan)")
            #expect(Self.hazardRatio.accepts(inference.upper, row.double("final_ci_upper")),
                    "\(name) final CI upper \(inference.upper ?? .nan) vs \(row.double("final_ci_upper") ?? .nan)")
            #expect(Self.hazardRatio.accepts(inference.medianUnbiased, row.double("median_unbiased_hazard_ratio")),
                    "\(name) median-unbiased \(inference.medianUnbiased ?? .nan) vs \(row.double("median_unbiased_hazard_ratio") ?? .nan)")
        }

        let repeated = Self.vector(row.string("repeated_p_values"))
        #expect(r.repeatedPValues.count == repeated.count)
        for (k, (mine, theirs)) in zip(r.repeatedPValues, repeated).enumerated() {
            #expect(Self.repeatedP.accepts(mine, theirs), "\(name) repeated p at look \(k + 1): \(mine) vs \(theirs)")
        }
        // survkit gives no CRP at a look that crosses (the trial stops); rpact computes one.
        let stops = r.decision == .efficacy || r.decision == .harm
        #expect(Self.probability.accepts(r.conditionalRejectionProbability,
                                         stops ? nil : row.double("conditional_rejection_probability")),
                "\(name) CRP \(r.conditionalRejectionProbability ?? .nan) vs \(row.double("conditional_rejection_probability") ?? .nan)")
        // The differences, for docs/interim.md.
        func gap(_ a: Double?, _ b: Double?) -> Double { (a != nil && b != nil) ? abs(a! - b!) : 0 }
        func relativeGap(_ a: Double?, _ b: Double?) -> Double { (a != nil && b != nil) ? relativeDifference(a!, b!) : 0 }
        let f = r.finalInference
        print("""
            \(name): largest difference from rpact: critical \(zip(r.criticalValues, critical).map { abs($0 - $1) }.max() ?? 0), \
            final p \(gap(f?.pValue, row.double("final_p_value"))), \
            CI rel \(max(relativeGap(f?.lower, row.double("final_ci_lower")), relativeGap(f?.upper, row.double("final_ci_upper")))), \
            MUE rel \(relativeGap(f?.medianUnbiased, row.double("median_unbiased_hazard_ratio"))), \
            repeated p \(zip(r.repeatedPValues, repeated).map { abs($0 - $1) }.max() ?? 0), \
            CRP \(gap(r.conditionalRejectionProbability, row.double("conditional_rejection_probability"))), \
            predictive \(gap(r.predictivePower, row.double("predictive_power")))
            """)
        #expect(Self.predictive.accepts(r.predictivePower, row.double("predictive_power")),
                "\(name) predictive power \(r.predictivePower ?? .nan) vs \(row.double("predictive_power") ?? .nan)")
    }

    /// A crossing at an earlier look is reported, and the final inference is made there.
    @Test func earlierCrossingIsReported() throws {
        let row = try #require(Self.rows.first { $0.string("case") == "of4_crossed_at_look1" })
        let r = try Self.analyse(row)
        let crossing = try #require(r.previousCrossing)
        #expect(crossing.look == 1)
        #expect(crossing.decision == .efficacy)
        #expect(r.finalInference?.look == 1)
    }

    /// An over-running look is the final one and spends exactly the remaining alpha: the
    /// probability under H0 of crossing at some look equals alpha.
    @Test func overrunningFinalSpendsAllAlpha() throws {
        let row = try #require(Self.rows.first { $0.string("case") == "hsd4_overrun" })
        let r = try Self.analyse(row)
        let rates = r.informationRates.map { $0 / r.informationRates.last! }
        let p = CrossingProbabilities(informationRates: rates, lower: Array(repeating: -.infinity, count: rates.count),
                                      upper: r.criticalValues, drift: 0)
        #expect(abs(p.upper.reduce(0, +) - r.design.alpha) < 1e-9)
        #expect(r.informationFraction > 1)
    }

    /// The design prior's limits: a prior worth almost no events gives the flat-prior predictive
    /// power, one worth very many gives the conditional power under the design's hazard ratio.
    @Test func designPriorLimits() throws {
        let row = try #require(Self.rows.first { $0.string("case") == "of4_two_sided_continue" })
        let flat = try Self.analyse(row)
        let (plan, observation, previous) = try Self.inputs(row)
        let weak = try InterimAnalysis.analyse(plan: plan, observation: observation, previous: previous, priorEvents: 1e-9)
        let strong = try InterimAnalysis.analyse(plan: plan, observation: observation, previous: previous, priorEvents: 1e12)
        #expect(abs(try #require(weak.predictivePower) - (try #require(flat.predictivePower))) < 1e-7)
        #expect(abs(try #require(strong.predictivePower) - (try #require(flat.conditionalPowerDesign))) < 1e-5)
        #expect(strong.predictivePriorEvents == 1e12 && flat.predictivePriorEvents == nil)
        #expect(throws: GroupSequentialError.self) {
            try InterimAnalysis.analyse(plan: plan, observation: observation, previous: previous, priorEvents: 0)
        }
    }

    @Test func badPreviousLooksAreRefused() throws {
        let design = try GroupSequentialDesign(informationRates: InformationRates([0.5, 1]), alpha: 0.05, sides: 2)
        let plan = try InterimPlan(design: design, maximumEvents: 27, hazardRatio: 1.0 / 3, allocationRatio: 1)
        let observation = try InterimObservation(events: 30, z: 2, allocationRatio: 1)
        // Too many previous looks for K = 2.
        #expect(throws: GroupSequentialError.self) {
            try InterimAnalysis.analyse(plan: plan, observation: observation,
                                        previous: [PreviousLook(events: 10, z: 1), PreviousLook(events: 20, z: 1)])
        }
        // This look not after the previous one.
        #expect(throws: GroupSequentialError.self) {
            try InterimAnalysis.analyse(plan: plan, observation: observation, previous: [PreviousLook(events: 31, z: 1)])
        }
        // A previous look that already had all the planned events was the final one.
        let later = try InterimObservation(events: 40, z: 2, allocationRatio: 1)
        #expect(throws: GroupSequentialError.self) {
            try InterimAnalysis.analyse(plan: plan, observation: later, previous: [PreviousLook(events: 28, z: 1)])
        }
    }
}
