import Testing
import TestSupport
@testable import TrialDesign

/// Interim analyses against rpact 3.3.4 (Tests/Fixtures/interim/interim.csv, written by
/// scripts/fixtures/interim.R): each case's design file is solved by survkit, and the log-rank
/// Z and events R's survdiff found at the cut are analysed; rpact's getDesignGroupSequential at the
/// observed information rates, getConditionalPower (thetaH1 = the design's hazard ratio, and the
/// observed effect) and getRepeatedConfidenceIntervals are the reference.
@Suite struct InterimAnalysisTests {
    /// Critical values, as the boundaries: absolute 1e-6 on the Z scale.
    static let boundary = Tolerance(relative: 0, absolute: 1e-6)
    /// Conditional power: a probability from the same integration, absolute 1e-6.
    static let probability = Tolerance(relative: 0, absolute: 1e-6)
    /// Closed forms of the same numbers (hazard ratios, fractions): relative 1e-9.
    static let closedForm = Tolerance(relative: 1e-9)
    /// rpact finds each repeated-confidence bound by a root search with tolerance 1e-6 on the
    /// hazard-ratio scale (as RepeatedConfidenceIntervalTests).
    static let interval = Tolerance(relative: 1e-5, absolute: 1e-6)

    static let rows = (try? Fixture("interim/interim.csv").rows) ?? []
    static let caseNames = rows.map { $0.string("case") }

    static func row(_ name: String) throws -> [String: String] {
        try #require(rows.first { $0.string("case") == name })
    }

    static func vector(_ text: String) -> [Double] {
        text.split(separator: " ").map { Double($0)! }
    }

    /// The plan survkit makes of the case's design file.
    static func plan(_ name: String) throws -> InterimPlan {
        let settings = try DesignFile.load(path: Fixtures.url("interim/designs/\(name).yaml").path)
        let design = try #require(try settings.sequentialDesign())
        return try InterimPlan(SequentialDesignSolver.solve(settings.request(), design: design))
    }

    static func analyse(_ row: [String: String]) throws -> InterimResult {
        let name = row.string("case")
        let previous = row.string("previous_looks").isEmpty ? [] : try PreviousLook.parse(row.string("previous_looks"))
        let observation = try InterimObservation(events: row.int("events")!, z: row.double("z")!,
                                                 allocationRatio: row.double("allocation_ratio")!)
        return try InterimAnalysis.analyse(plan: plan(name), observation: observation, previous: previous)
    }

    @Test func fixtureCoversTheIssuesCases() {
        let decisions = Set(Self.rows.map { $0.string("decision") })
        #expect(decisions.isSuperset(of: ["continue", "stop-for-efficacy", "stop-for-futility"]))
        #expect(Self.rows.contains { $0.string("is_final") == "TRUE" })
        #expect(Self.rows.contains { !$0.string("previous_looks").isEmpty })
        #expect(Self.rows.contains { $0.string("treatment") != "treatment" })
    }

    @Test(arguments: caseNames)
    func matchesRpact(name: String) throws {
        let row = try Self.row(name)
        let r = try Self.analyse(row)
        #expect(r.plan.maximumEvents == row.int("maximum_events"), "\(name) maximum events")
        #expect(r.look == row.int("look"))
        #expect(r.isFinal == (row.string("is_final") == "TRUE"))
        #expect(r.decision.rawValue == row.string("decision"), "\(name) decision")
        #expect(Self.closedForm.accepts(r.informationFraction, row.double("information_fraction")))
        let rates = Self.vector(row.string("information_rates"))
        #expect(r.informationRates.count == rates.count)
        for (mine, theirs) in zip(r.informationRates, rates) { #expect(Self.closedForm.accepts(mine, theirs)) }
        let critical = Self.vector(row.string("critical_values"))
        #expect(r.criticalValues.count == critical.count)
        var worstZ = 0.0, worstProbability = 0.0
        for (mine, theirs) in zip(r.criticalValues, critical) {
            #expect(Self.boundary.accepts(mine, theirs), "\(name) critical value \(mine) vs \(theirs)")
            worstZ = max(worstZ, abs(mine - theirs))
        }
        #expect(Self.boundary.accepts(r.futilityBound, row.double("futility_bound")), "\(name) futility bound")
        #expect(Self.closedForm.accepts(r.observedHazardRatio, row.double("observed_hazard_ratio")), "\(name) HR")
        #expect(Self.interval.accepts(r.repeatedInterval?.lower, row.double("rci_lower")), "\(name) RCI lower")
        #expect(Self.interval.accepts(r.repeatedInterval?.upper, row.double("rci_upper")), "\(name) RCI upper")
        let design = Self.vector(row.string("conditional_power_design"))
        let observed = Self.vector(row.string("conditional_power_observed"))
        let planned = Self.vector(row.string("planned_events"))
        #expect(r.futureLooks.count == design.count)
        for (k, look) in r.futureLooks.enumerated() {
            #expect(Self.probability.accepts(look.conditionalPowerDesign, design[k]),
                    "\(name) look \(look.look): CP under the design's HR \(look.conditionalPowerDesign) vs \(design[k])")
            #expect(Self.probability.accepts(look.conditionalPowerObserved, observed[k]),
                    "\(name) look \(look.look): CP under the observed HR \(look.conditionalPowerObserved) vs \(observed[k])")
            let stage = look.events - (k == 0 ? Double(r.observation.events) : r.futureLooks[k - 1].events)
            #expect(Self.closedForm.accepts(stage, planned[k]))
            worstProbability = max(worstProbability, abs(look.conditionalPowerDesign - design[k]),
                                   abs(look.conditionalPowerObserved - observed[k]))
        }
        print("\(name): largest difference from rpact: critical values \(worstZ), conditional power \(worstProbability)")
    }

    @Test func badLooksAreInputErrors() throws {
        let plan = try Self.plan("seed_half")
        func analyse(_ events: Int, previous: [PreviousLook] = []) throws {
            _ = try InterimAnalysis.analyse(
                plan: plan, observation: InterimObservation(events: events, z: 1, allocationRatio: 1), previous: previous)
        }
        // More events than the planned maximum: an over-running final look, not an error (issue 12).
        let over = try InterimAnalysis.analyse(
            plan: plan, observation: InterimObservation(events: plan.maximumEvents + 1, z: 1, allocationRatio: 1))
        #expect(over.isFinal && over.informationFraction > 1)
        // Not after the previous look.
        #expect(throws: GroupSequentialError.self) { try analyse(10, previous: [PreviousLook(events: 12, z: 1)]) }
        // No look left: two looks done in a two-look design.
        #expect(throws: GroupSequentialError.self) {
            try analyse(27, previous: [PreviousLook(events: 10, z: 1), PreviousLook(events: 20, z: 1)])
        }
        // No events.
        #expect(throws: GroupSequentialError.self) { try InterimObservation(events: 0, z: 0, allocationRatio: 1) }
        #expect(throws: GroupSequentialError.self) { try InterimObservation(events: 5, z: .nan, allocationRatio: 1) }
    }

    @Test func allTheEventsMakeTheFinalLook() throws {
        let plan = try Self.plan("seed_half")
        let r = try InterimAnalysis.analyse(
            plan: plan, observation: InterimObservation(events: plan.maximumEvents, z: 1.5, allocationRatio: 1))
        #expect(r.isFinal && r.futureLooks.isEmpty && r.conditionalPowerDesign == nil)
        // One look with all the information: the fixed design's two-sided 0.05 bound.
        #expect(Self.boundary.accepts(r.criticalValue, 1.959963984540054))
        #expect(r.decision == .finalNotRejected)
        let harm = try InterimAnalysis.analyse(
            plan: plan, observation: InterimObservation(events: 14, z: -3.5, allocationRatio: 1))
        #expect(harm.decision == .harm)
    }

    @Test func thePlanFollowsTheDesignsDirection() throws {
        #expect(try Self.plan("kd_hr_above_one").direction == .aboveOne)
        #expect(try Self.plan("seed_half").direction == .belowOne)
        #expect(throws: GroupSequentialError.self) {
            try InterimPlan(design: GroupSequentialDesign(informationRates: .equallySpaced(looks: 2)),
                            maximumEvents: 0, hazardRatio: 0.7, allocationRatio: 1)
        }
    }
}
