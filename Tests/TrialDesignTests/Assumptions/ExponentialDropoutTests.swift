import Foundation
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct ExponentialDropoutTests {
    @Test func hazardIsMinusLogSurvivalOverTime() throws {
        let d = try ExponentialDropout(probabilityTreatment: 0.1, probabilityControl: 0.05, time: 12)
        #expect(Tolerance(relative: 1e-15).accepts(d.hazard(.treatment), -log(0.9) / 12))
        #expect(Tolerance(relative: 1e-15).accepts(d.hazard(.control), -log(0.95) / 12))
        #expect(!d.isNone)
        #expect(ExponentialDropout.none.isNone && ExponentialDropout.none.hazard(.control) == 0)
    }

    @Test(arguments: [(-0.1, 12.0), (1.0, 12.0), (0.1, 0.0), (0.1, -12.0), (Double.nan, 12.0)])
    func refusesBadDropout(probability: Double, time: Double) {
        #expect(throws: DesignError.self) {
            try ExponentialDropout(probabilityTreatment: probability, probabilityControl: 0, time: time)
        }
    }
}
