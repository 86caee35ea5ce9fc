import Foundation
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct LogRankLooksTests {
    /// rpact: getDataset(overallEvents = c(80, 150), overallLogRanks = c(-1.5, -2.1)) prints the
    /// stage-wise log-ranks -1.500, -1.471 (= (sqrt(150) * -2.1 - sqrt(80) * -1.5) / sqrt(70)).
    @Test func stageStatisticsAsRpactsDataset() throws {
        let looks = try LogRankLooks(events: [80, 150], z: [-1.5, -2.1])
        let stage = looks.stageZ
        #expect(stage[0] == -1.5)
        #expect(abs(stage[1] - (150.0.squareRoot() * -2.1 - 80.0.squareRoot() * -1.5) / 70.0.squareRoot()) < 1e-15)
        #expect(abs(stage[1] - -1.470518) < 1e-6)
    }

    /// rpact's effectSizes: exp(overallLogRank * (1 + r) / sqrt(r * events)).
    @Test func hazardRatioEstimate() throws {
        let looks = try LogRankLooks(events: [100], z: [1.2], allocationRatios: [2])
        let effect = 1.2 * 3 / (200.0).squareRoot()
        #expect(abs(looks.hazardRatio(at: 0, direction: .aboveOne) - exp(effect)) < 1e-15)
        #expect(abs(looks.hazardRatio(at: 0, direction: .belowOne) - exp(-effect)) < 1e-15)
        #expect(HazardRatioDirection.belowOne.effect(hazardRatio: 0.7) == -log(0.7))
    }

    @Test func rejectsLooksWithoutEvents() {
        #expect(throws: GroupSequentialError.self) { try LogRankLooks(events: [], z: []) }
        #expect(throws: GroupSequentialError.self) { try LogRankLooks(events: [0], z: [0]) }
        #expect(throws: GroupSequentialError.self) { try LogRankLooks(events: [50, 50], z: [1, 1]) }
        #expect(throws: GroupSequentialError.self) { try LogRankLooks(events: [50], z: [1, 2]) }
        #expect(throws: GroupSequentialError.self) { try LogRankLooks(events: [50], z: [.nan]) }
        #expect(throws: GroupSequentialError.self) { try LogRankLooks(events: [50], z: [1], allocationRatios: [0]) }
    }
}
