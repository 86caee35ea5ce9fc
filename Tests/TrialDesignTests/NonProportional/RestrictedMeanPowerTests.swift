import Foundation
import Testing
import TestSupport
@testable import TrialDesign

/// RMST-based power of a design (``NonProportionalDesign/restrictedMeanComparison(patients:at:tau:)``
/// and `nph-method rmst` in ``NonProportionalSolver``) against an independent nested integrate()
/// in R over the closed-form survival (Tests/Fixtures/rmstdesign/, scripts/fixtures/rmstdesign.R).
@Suite struct RestrictedMeanPowerTests {
    /// The tolerance against the independent integration (RMSTs, SE, power, patients).
    static let integration = Tolerance(relative: 1e-8)
    static let rows = (try? Fixture("rmstdesign/power.csv").rows) ?? []

    @Test(arguments: rows.map { $0.string("case") })
    func agreesWithIndependentIntegration(caseName: String) throws {
        let r = try #require(Self.rows.first { $0.string("case") == caseName })
        let d = try IntegrationFixtureRow.design(r)
        for column in ["rmst_control", "rmst_treatment", "rmst_difference", "rmst_se", "power_rmst", "variance_control"] {
            #expect(r.double(column) != nil, "fixture column \(column)")
        }
        let m = d.restrictedMeanComparison(patients: r.double("patients")!, at: r.double("time")!, tau: r.double("tau")!)
        #expect(Self.integration.accepts(m.control, r.double("rmst_control")), "\(caseName) control \(m.control)")
        #expect(Self.integration.accepts(m.treatment, r.double("rmst_treatment")), "\(caseName) treatment \(m.treatment)")
        #expect(Self.integration.accepts(m.difference, r.double("rmst_difference")), "\(caseName) difference \(m.difference)")
        #expect(Self.integration.accepts(m.standardError, r.double("rmst_se")), "\(caseName) se \(m.standardError)")
        let power = m.power(alpha: r.double("alpha")!, sides: r.int("sides")!)
        #expect(Self.integration.accepts(power, r.double("power_rmst")), "\(caseName) power \(power)")
        let vc = d.restrictedMeanVariance(d.control, at: r.double("time")!, tau: r.double("tau")!)
        #expect(Self.integration.accepts(vc, r.double("variance_control")), "\(caseName) V_C \(vc)")
    }

    /// Patients solved by `nph-method rmst` reach the drift z_{1−α/s} + z_{1−β} as R's closed form.
    @Test(arguments: rows.map { $0.string("case") })
    func solvesPatientsAsTheIndependentIntegration(caseName: String) throws {
        let r = try #require(Self.rows.first { $0.string("case") == caseName })
        let fixture = try IntegrationFixtureRow.solveForPatients(r)
        let s = fixture.settings
        var o = fixture.options
        o.method = .rmst
        o.tau = r.double("tau")
        let result = try NonProportionalSolver.solve(try s.nonProportionalRequest(options: o))
        let exact = try #require(result.patientsExact)
        let expected = try #require(r.double("patients_exact"))
        #expect(Self.integration.accepts(exact, expected), "\(caseName) patients \(exact)")
        #expect(result.power >= r.double("power_target")! - 1e-9)
        #expect(result.power == result.powerRestrictedMean)
    }

    @Test func restrictedMeanOfAnExponentialIsClosedForm() {
        let law = ArmLaw(uncured: try! PiecewiseExponential.exponential(hazard: 0.1))
        #expect(Self.integration.accepts(law.restrictedMean(to: 7), (1 - exp(-0.7)) / 0.1))
        let cured = ArmLaw(uncured: try! PiecewiseExponential.exponential(hazard: 0.1), cureFraction: 0.25)
        #expect(Self.integration.accepts(cured.restrictedMean(to: 7), 0.25 * 7 + 0.75 * (1 - exp(-0.7)) / 0.1))
    }

    @Test func tauBeyondTheAnalysisIsRefused() throws {
        var s = DesignSettings()
        s.medianControl = 11; s.medianTreatment = 33; s.accrualTime = 18; s.followUp = 12; s.patients = 56; s.solve = .power
        var o = NonProportionalOptions()
        o.method = .rmst
        o.tau = 30.5
        #expect(throws: DesignError.self) { try NonProportionalSolver.solve(try s.nonProportionalRequest(options: o)) }
        o.tau = 0
        #expect(throws: DesignError.self) { try s.nonProportionalRequest(options: o) }
        o.tau = nil
        #expect(throws: DesignError.self) { try s.nonProportionalRequest(options: o) }
    }
}
