import Testing
import TestSupport
@testable import TrialDesign

/// Conditional power against rpact 3.3.4 (scripts/fixtures/groupseq.R): getConditionalPower(
/// getStageResults(design, getDataset(overallEvents, overallLogRanks), stage, directionUpper),
/// nPlanned, thetaH1, allocationRatioPlanned) for survival group-sequential designs.
@Suite struct ConditionalPowerTests {
    /// A probability computed by the same integration as the boundaries: absolute 1e-6.
    static let probability = Tolerance(relative: 0, absolute: 1e-6)

    @Test func matchesRpact() throws {
        let fixture = try Fixture("groupseq/conditional_power.csv")
        var worst = 0.0
        // One interim (case, stage) spans the rows of its future looks.
        var groups: [String: [[String: String]]] = [:]
        var order: [String] = []
        for row in fixture.rows {
            let key = row.string("case") + "/" + row.string("stage")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        for key in order {
            let rows = groups[key]!
            let row = rows[0]
            let boundaries = try GroupSequentialFixtures.design(row).boundaries()
            let upper = row.string("direction_upper") == "TRUE"
            let logRanks = GroupSequentialFixtures.vector(row.string("overall_log_ranks"))
            let observed = try LogRankLooks(
                events: GroupSequentialFixtures.vector(row.string("overall_events")),
                z: logRanks.map { upper ? $0 : -$0 })
            let power = try ConditionalPower.survival(
                boundaries: boundaries, observed: observed,
                plannedEvents: GroupSequentialFixtures.vector(row.string("n_planned")),
                allocationRatio: row.double("allocation_ratio_planned")!,
                hazardRatio: row.double("theta_h1")!, direction: upper ? .aboveOne : .belowOne)
            #expect(power.count == rows.count)
            for (mine, expected) in zip(power, rows) {
                let theirs = expected.double("conditional_power")!
                worst = max(worst, abs(mine - theirs))
                #expect(Self.probability.accepts(mine, theirs), "\(key) look \(expected.string("look")): \(mine) vs rpact \(theirs)")
            }
        }
        print("conditional power: largest absolute difference from rpact \(worst)")
    }

    @Test func rejectsImpossibleRequests() throws {
        let boundaries = try GroupSequentialDesign(informationRates: .equallySpaced(looks: 2)).boundaries()
        let observed = try LogRankLooks(events: [50], z: [1])
        #expect(throws: GroupSequentialError.self) {
            try ConditionalPower.survival(boundaries: boundaries, observed: observed, plannedEvents: [],
                                          hazardRatio: 0.7, direction: .belowOne)
        }
        #expect(throws: GroupSequentialError.self) {
            try ConditionalPower.survival(boundaries: boundaries, observed: observed, plannedEvents: [50],
                                          hazardRatio: -1, direction: .belowOne)
        }
        let finished = try LogRankLooks(events: [50, 100], z: [1, 2])
        #expect(throws: GroupSequentialError.self) {
            try ConditionalPower.survival(boundaries: boundaries, observed: finished, plannedEvents: [],
                                          hazardRatio: 0.7, direction: .belowOne)
        }
    }

    /// A larger assumed effect gives a larger conditional power (a check that does not lean on rpact).
    @Test func increasesWithTheEffect() throws {
        let boundaries = try GroupSequentialDesign(informationRates: .equallySpaced(looks: 3)).boundaries()
        let observed = try LogRankLooks(events: [60], z: [1.2])
        let weak = try ConditionalPower.survival(boundaries: boundaries, observed: observed, plannedEvents: [60, 60],
                                                 hazardRatio: 0.9, direction: .belowOne)
        let strong = try ConditionalPower.survival(boundaries: boundaries, observed: observed, plannedEvents: [60, 60],
                                                   hazardRatio: 0.6, direction: .belowOne)
        #expect(weak[1] < strong[1])
        #expect(weak[0] <= weak[1] && strong[0] <= strong[1])
    }
}
