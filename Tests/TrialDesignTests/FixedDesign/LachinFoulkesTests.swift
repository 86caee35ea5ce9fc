import Testing
import TestSupport
@testable import TrialDesign

/// Against the Lachin & Foulkes (1986) formula computed independently in scripts/fixtures/design.R
/// (Tests/Fixtures/design/lachin_foulkes.csv).
@Suite struct LachinFoulkesTests {
    /// Same formula, closed form on both sides (R integrates the piecewise case): relative 1e-9.
    static let formula = Tolerance(relative: 1e-9)
    static let rows = (try? Fixture("design/lachin_foulkes.csv").rows) ?? []

    @Test(arguments: rows)
    func patientsMatchThePublishedFormula(row: [String: String]) throws {
        let a = try FixtureRows.assumptions(row, followUp: row.double("follow_up")!)
        let r = try DesignSolver.solve(DesignRequest(assumptions: a, method: .lachinFoulkes))
        let name = row.string("case")
        #expect(Self.formula.accepts(r.patientsEvaluable, row.double("expected_patients_evaluable")), "\(name) \(r.patientsEvaluable!)")
        #expect(Self.formula.accepts(r.eventsRequired, row.double("expected_events_required")), "\(name)")
        #expect(Self.formula.accepts(r.probabilityEvent?.overall, row.double("expected_probability_event")), "\(name)")
    }

    @Test(arguments: rows.filter { $0.double("patients") != nil })
    func powerMatchesThePublishedFormula(row: [String: String]) throws {
        let a = try FixtureRows.assumptions(row, followUp: row.double("follow_up")!)
        let r = try DesignSolver.solve(DesignRequest(assumptions: a, method: .lachinFoulkes, unknown: .power,
                                                     patients: row.double("patients")!))
        #expect(Self.formula.accepts(r.power, row.double("expected_power")), "\(row.string("case")) \(r.power)")
    }

    @Test func powerInvertsPatients() throws {
        let accrual = try Accrual.uniform(duration: 24)
        let terms = LachinFoulkes.terms(hazardTreatment: 0.03, hazardControl: 0.05, allocation: .equal, dropout: .none,
                                        accrual: accrual, accrualEnd: 24, followUp: 12)
        let n = LachinFoulkes.patients(terms, alpha: 0.025, sides: 1, power: 0.85)
        #expect(Tolerance(relative: 1e-12).accepts(LachinFoulkes.power(patients: n, terms, alpha: 0.025, sides: 1), 0.85))
        #expect(terms.nullVariance > 0 && terms.alternativeVariance > 0)
    }

    @Test func needsAccrualAndFollowUp() throws {
        let a = try TrialAssumptions(hazardControl: 0.05, hazardTreatment: 0.03)
        #expect(throws: DesignError.self) { try DesignSolver.solve(DesignRequest(assumptions: a, method: .lachinFoulkes)) }
    }
}
