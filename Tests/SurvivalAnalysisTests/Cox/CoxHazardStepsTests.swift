import Foundation
import Testing
@testable import SurvivalAnalysis

/// Baseline hazard increments against Therneau & Grambsch's appendix (book1.R, byhand1 and the
/// Efron analogue): with r = e^β, deaths at times 1 (x = 1), 6 (x = 1 and x = 0, tied) and 9.
@Suite struct CoxHazardStepsTests {
    let time: [Double] = [1, 1, 6, 6, 8, 9]
    let event = [true, false, true, true, false, true]
    let x: [Double] = [1, 1, 1, 0, 0, 0]

    @Test(arguments: [CoxTies.breslow, .efron])
    func incrementsMatchClosedForm(_ ties: CoxTies) throws {
        let data = try CoxRiskSets(time: time, event: event, design: x, columns: 1)
        let beta = 0.8
        let risk = x.map { exp(beta * $0) }   // uncentred: 0/1 columns are left alone
        let steps = CoxHazardSteps(data, risk: risk, ties: ties, withMeans: true)
        let r = exp(beta)
        #expect(steps.groups.map(\.count) == [2, 2, 1, 1])
        // Time 1: one death among 3r + 3.
        #expect(abs(steps.hazardAll[0] - 1 / (3 * r + 3)) < 1e-15)
        // Time 6: two deaths (r and 1) among r + 3.
        switch ties {
        case .breslow:
            #expect(abs(steps.hazardAll[1] - 2 / (r + 3)) < 1e-15)
            #expect(steps.hazardDead[1] == steps.hazardAll[1])
        case .efron:
            let second = r + 3 - (r + 1) / 2
            #expect(abs(steps.hazardAll[1] - (1 / (r + 3) + 1 / second)) < 1e-15)
            #expect(abs(steps.hazardDead[1] - (1 / (r + 3) + 0.5 / second)) < 1e-15)
        }
        #expect(steps.hazardAll[2] == 0)
        #expect(abs(steps.hazardAll[3] - 1) < 1e-15)
        // x̄ dΛ at time 1: (r / (r + 1))·1/(3r + 3) — x̄ over the risk set {1,1,1,0,0,0}.
        #expect(abs(steps.meanAll[0] - (3 * r / (3 * r + 3)) / (3 * r + 3)) < 1e-15)
    }
}
