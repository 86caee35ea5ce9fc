import Testing
import TestSupport
@testable import TrialDesign

/// Against rpact 3.3.4 getSampleSizeSurvival / getPowerSurvival with kMax = 1
/// (Tests/Fixtures/design/rpact.csv, written by scripts/fixtures/design.R).
@Suite struct DesignSolverTests {
    /// The issue's tolerance: relative 1e-6 before rounding. rpact integrates the event
    /// probability numerically and finds times with uniroot(tol = 1e-6), so it is not tighter.
    static let rpact = Tolerance(relative: 1e-6)

    static let rows = (try? Fixture("design/rpact.csv").rows) ?? []

    static func method(_ row: [String: String]) -> DesignMethod { DesignMethod(rawValue: row.string("method"))! }

    @Test func fixtureCoversTheIssuesParameterSets() throws {
        let rows = try Fixture("design/rpact.csv").rows
        #expect(rows.count >= 8)
        #expect(Set(rows.map { $0.string("method") }) == ["schoenfeld", "freedman"])
        #expect(Set(rows.map { $0.string("sides") }) == ["1", "2"])
        #expect(rows.contains { $0.double("allocation_treatment") == 2 })
        #expect(rows.contains { $0.double("dropout_rate_treatment")! > 0 })
        #expect(rows.contains { $0.string("kind") == "follow_up" })
    }

    @Test(arguments: rows.filter { $0.string("kind") == "sample_size" })
    func patientsMatchRpact(row: [String: String]) throws {
        let a = try FixtureRows.assumptions(row, followUp: row.double("follow_up")!)
        let r = try DesignSolver.solve(DesignRequest(assumptions: a, method: Self.method(row)))
        let c = row.string("case")
        #expect(Self.rpact.accepts(r.eventsRequired, row.double("expected_events_required")), "\(c) events \(r.eventsRequired)")
        #expect(Self.rpact.accepts(r.patientsEvaluable, row.double("expected_patients_evaluable")), "\(c) patients \(r.patientsEvaluable!)")
        #expect(Self.rpact.accepts(r.probabilityEvent?.overall, row.double("expected_probability_event")), "\(c)")
        #expect(r.studyDuration == row.double("expected_accrual_end")! + row.double("follow_up")!)
    }

    @Test(arguments: rows.filter { $0.string("kind") == "follow_up" })
    func followUpFromPatientsMatchesRpact(row: [String: String]) throws {
        let a = try FixtureRows.assumptions(row, followUp: nil)
        let r = try DesignSolver.solve(DesignRequest(
            assumptions: a, method: Self.method(row), unknown: .followUp, patients: row.double("patients")!))
        let c = row.string("case")
        #expect(Self.rpact.accepts(r.followUp, row.double("expected_follow_up")), "\(c) follow-up \(r.followUp!)")
        #expect(Self.rpact.accepts(r.eventsRequired, row.double("expected_events_required")), "\(c)")
        #expect(Self.rpact.accepts(r.probabilityEvent?.overall, row.double("expected_probability_event")), "\(c)")
    }

    /// rpact finds the patients for a follow-up by bisection to 1e-4 patients, then reports the
    /// follow-up those patients reach (to 1e-6): that direction is checked.
    @Test(arguments: rows.filter { $0.string("kind") == "open_accrual" })
    func openAccrualFollowUpMatchesRpact(row: [String: String]) throws {
        let a = try FixtureRows.assumptions(row, followUp: nil)
        let patients = row.double("expected_patients_evaluable")!
        let r = try DesignSolver.solve(DesignRequest(
            assumptions: a, method: Self.method(row), unknown: .followUp, patients: patients))
        #expect(Self.rpact.accepts(r.followUp, row.double("expected_follow_up")))
        #expect(Self.rpact.accepts(r.accrualTime, row.double("expected_accrual_end")))
        // And the accrual-time solve for that follow-up gives those patients back.
        let back = try DesignSolver.solve(DesignRequest(
            assumptions: a.with(accrual: a.accrual, followUp: r.followUp), method: Self.method(row), unknown: .accrualTime))
        #expect(Tolerance(relative: 1e-9).accepts(back.patientsEvaluable, patients))
        #expect(Tolerance(relative: 1e-9).accepts(back.accrualTime, r.accrualTime))
    }

    @Test(arguments: rows.filter { $0.string("kind") == "power" })
    func powerMatchesRpact(row: [String: String]) throws {
        let a = try FixtureRows.assumptions(row, followUp: nil)
        let r = try DesignSolver.solve(DesignRequest(
            assumptions: a, method: Self.method(row), unknown: .power,
            patients: row.double("patients")!, events: row.double("events")!))
        let c = row.string("case")
        #expect(Self.rpact.accepts(r.power, row.double("expected_power")), "\(c) power \(r.power)")
        #expect(Self.rpact.accepts(r.followUp, row.double("expected_follow_up")), "\(c) follow-up \(r.followUp!)")
    }

    @Test func seedEventsNeedNoAccrual() throws {
        for row in try Fixture("design/seed_events.csv").rows {
            let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                         hazardTreatment: TrialAssumptions.hazard(median: 33))
            let r = try DesignSolver.solve(DesignRequest(assumptions: a, method: DesignMethod(rawValue: row.string("method"))!))
            #expect(Self.rpact.accepts(r.eventsRequired, row.double("expected_events_required")))
            #expect(r.patientsEvaluable == nil && r.patients == nil && r.patientsTotal == nil)
            #expect(r.notes.count == 1 && r.notes[0].description.contains("accrual") && r.notes[0].description.contains("follow-up"))
        }
    }

    @Test func seedRoundsAsTheIssueSays() throws {
        let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                     hazardTreatment: TrialAssumptions.hazard(median: 33),
                                     accrual: .uniform(duration: 18), followUp: 12, dropoutInflation: 0.1)
        let s = try DesignSolver.solve(DesignRequest(assumptions: a))
        #expect(s.events == 27)
        #expect(s.patientsPerArm == PatientsPerArm(treatment: 25, control: 25))
        #expect(s.patients == 50 && s.patientsTotal == 56)
        let f = try DesignSolver.solve(DesignRequest(assumptions: a, method: .freedman))
        #expect(f.events == 32)
    }

    @Test func powerRoundTripsThePatientsSolve() throws {
        let a = try TrialAssumptions(hazardControl: 0.05, hazardTreatment: 0.035, allocation: Allocation(treatment: 2, control: 1),
                                     accrual: .uniform(duration: 24), followUp: 12, alpha: 0.025, sides: 1, power: 0.9)
        for method in DesignMethod.allCases {
            let n = try DesignSolver.solve(DesignRequest(assumptions: a, method: method)).patientsEvaluable!
            let p = try DesignSolver.solve(DesignRequest(assumptions: a, method: method, unknown: .power, patients: n))
            #expect(Tolerance(relative: 1e-9).accepts(p.power, 0.9), "\(method)")
            let f = try DesignSolver.solve(DesignRequest(
                assumptions: a.with(accrual: a.accrual, followUp: nil), method: method, unknown: .followUp, patients: n))
            #expect(Tolerance(relative: 1e-9).accepts(f.followUp, 12), "\(method)")
            let h = try DesignSolver.solve(DesignRequest(
                assumptions: TrialAssumptions(hazardControl: 0.05, hazardTreatment: nil, allocation: a.allocation,
                                              accrual: a.accrual, followUp: 12, alpha: 0.025, sides: 1, power: 0.9),
                method: method, unknown: .hazardRatio, patients: n))
            #expect(Tolerance(relative: 1e-9).accepts(h.hazardRatio, 0.7), "\(method)")
        }
    }

    @Test func powerFromEventsAloneNeedsNoAccrual() throws {
        let a = try TrialAssumptions(hazardControl: 0.1, hazardTreatment: 0.05)
        let r = try DesignSolver.solve(DesignRequest(assumptions: a, unknown: .power, events: 27))
        #expect(r.patientsEvaluable == nil && r.probabilityEvent == nil)
        #expect(Tolerance(relative: 1e-12).accepts(
            r.power, ExponentialDesign.power(events: 27, method: .schoenfeld, hazardRatio: 0.5, alpha: 0.05, sides: 2, allocationRatio: 1)))
    }

    @Test func followUpUnreachableIsUnsolvable() throws {
        let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                     hazardTreatment: TrialAssumptions.hazard(median: 33), accrual: .uniform(duration: 18))
        #expect(throws: DesignError.self) {
            try DesignSolver.solve(DesignRequest(assumptions: a, unknown: .followUp, patients: 25))
        }
        do {
            _ = try DesignSolver.solve(DesignRequest(assumptions: a, unknown: .followUp, patients: 25))
        } catch {
            #expect(error.kind == .unsolvable)
            #expect(error.message.contains("unreachable for any follow-up"))
        }
        do {
            _ = try DesignSolver.solve(DesignRequest(assumptions: a, unknown: .followUp, patients: 5000))
        } catch {
            #expect(error.kind == .unsolvable)
            #expect(error.message.contains("before accrual ends"))
        }
    }

    @Test func hazardRatioUnreachableIsUnsolvable() throws {
        // Freedman's events stay above (z+z_β)²/r as HR → 0; 5 patients never suffice.
        let a = try TrialAssumptions(hazardControl: 0.1, hazardTreatment: nil, accrual: .uniform(duration: 12), followUp: 12)
        #expect(throws: DesignError.unsolvable("no hazard ratio below 1 reaches power 0.8 with 5 evaluable patients")) {
            try DesignSolver.solve(DesignRequest(assumptions: a, method: .freedman, unknown: .hazardRatio, patients: 5))
        }
    }

    @Test func givenPatientsSplitIntoWholeEvaluablePatients() throws {
        let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                     hazardTreatment: TrialAssumptions.hazard(median: 33),
                                     accrual: .uniform(duration: 18), followUp: 12, dropoutInflation: 0.1)
        let r = try DesignSolver.solve(DesignRequest(assumptions: a, unknown: .power, patients: 56))
        #expect(Tolerance(relative: 1e-12).accepts(r.patientsEvaluable, 50.4))
        #expect(r.patientsPerArm == PatientsPerArm(treatment: 25, control: 25))
        #expect(r.patientsTotal == 56)
    }
}
