import Testing
@testable import TrialDesign

/// Expected events per arm add up to the trial's expected events, and the arm with the lower
/// hazard has fewer (the expected-events figure of the design report).
@Suite struct ExpectedEventCurveArmsTests {
    @Test func armsAddUpToTheTotal() throws {
        let accrual = try Accrual.uniform(duration: 18)
        let curve = ExpectedEventCurve(patients: 120, hazardTreatment: 0.05, hazardControl: 0.1,
                                       allocation: try Allocation(treatment: 2, control: 1),
                                       dropout: .none, accrual: accrual, accrualEnd: 18)
        for t in [0.0, 3, 12, 18, 30, 100] {
            let sum = curve.events(at: t, arm: .treatment) + curve.events(at: t, arm: .control)
            #expect(abs(sum - curve.events(at: t)) <= 1e-12 * max(1, curve.events(at: t)))
        }
        // Per patient the control arm (double hazard) has more events; 2:1 allocation doubles treatment's count.
        #expect(curve.events(at: 30, arm: .treatment) / 2 < curve.events(at: 30, arm: .control))
    }
}
