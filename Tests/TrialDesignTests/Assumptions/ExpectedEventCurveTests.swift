import Foundation
import Testing
import TestSupport
@testable import TrialDesign

/// The expected-events curve: rpact 3.3.4 getEventProbabilities at calendar times during and
/// after accrual (Tests/Fixtures/design/event_probability.csv), and its inversion.
@Suite struct ExpectedEventCurveTests {
    static let rpact = Tolerance(relative: 1e-6)
    static let rows = (try? Fixture("design/event_probability.csv").rows) ?? []
    static let caseNames = rows.map { $0.string("case") }

    static func curve(_ row: [String: String], patients: Double = 100) throws -> ExpectedEventCurve {
        let h = FixtureRows.hazards(row)
        let accrual = try FixtureRows.accrual(row)
        return ExpectedEventCurve(
            patients: patients, hazardTreatment: h.treatment, hazardControl: h.control,
            allocation: try Allocation(treatment: row.double("allocation_treatment")!, control: row.double("allocation_control")!),
            dropout: try FixtureRows.dropout(row), accrual: accrual, accrualEnd: accrual.closedEnd!)
    }

    @Test(arguments: caseNames)
    func probabilityMatchesRpactAtAnyCalendarTime(name: String) throws {
        let row = try #require(Self.rows.first { $0.string("case") == name })
        let curve = try Self.curve(row)
        let time = row.double("time")!
        #expect(Self.rpact.accepts(curve.probability(at: time), row.double("expected_probability_event")), "\(name)")
        #expect(Tolerance(relative: 1e-14).accepts(curve.events(at: time), 100 * curve.probability(at: time)))
        // The look time of these events has them (it is this calendar time again where the curve
        // still rises; at 200 it is flat to 1e-10 and the time is ill-conditioned).
        let back = try #require(curve.time(reaching: curve.events(at: time)))
        #expect(Tolerance(relative: 1e-12).accepts(curve.events(at: back), curve.events(at: time)), "\(name)")
        if time < 100 { #expect(Tolerance(relative: 1e-10).accepts(back, time), "\(name) \(back) vs \(time)") }
    }

    @Test func patientsEnterAlongThePiecewiseIntensity() throws {
        // Intensity 2 on [0, 6), 4 on [6, 18): 12 + 48 = 60 units of entry in all.
        let accrual = try Accrual(times: [0, 6, 18], rates: [2, 4])
        let curve = ExpectedEventCurve(patients: 120, hazardTreatment: 0.05, hazardControl: 0.1, allocation: .equal,
                                       dropout: .none, accrual: accrual, accrualEnd: 18)
        #expect(curve.patientsEntered(by: 0) == 0)
        #expect(Tolerance(relative: 1e-14).accepts(curve.patientsEntered(by: 3), 12))
        #expect(Tolerance(relative: 1e-14).accepts(curve.patientsEntered(by: 12), 24 + 48))
        #expect(curve.patientsEntered(by: 30) == 120)
    }

    @Test func eventsBeyondTheLimitAreNeverReached() throws {
        let dropout = try ExponentialDropout(probabilityTreatment: 0.5, probabilityControl: 0.5, time: 1)
        let curve = ExpectedEventCurve(patients: 100, hazardTreatment: log(2), hazardControl: log(2), allocation: .equal,
                                       dropout: dropout, accrual: try .uniform(duration: 12), accrualEnd: 12)
        // Event and dropout hazards are equal: half of the patients ever have the event.
        #expect(Tolerance(relative: 1e-14).accepts(curve.eventLimit, 50))
        #expect(curve.time(reaching: 60) == nil)
        #expect(curve.time(reaching: 50) == nil)
        #expect(curve.time(reaching: 0) == 0)
        let t = try #require(curve.time(reaching: 49))
        #expect(Tolerance(relative: 1e-9).accepts(curve.events(at: t), 49))
    }
}
