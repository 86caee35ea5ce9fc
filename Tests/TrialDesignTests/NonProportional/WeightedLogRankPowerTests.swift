import Foundation
import Testing
import TestSupport
import SurvivalAnalysis
@testable import TrialDesign

/// Fleming–Harrington FH(ρ, γ) weighted log-rank power of a design
/// (``NonProportionalDesign/weightedLogRankDrift(patients:at:weights:)`` and `nph-method fh`)
/// against an independent integrate() in R (Tests/Fixtures/fhdesign/, scripts/fixtures/fhdesign.R).
@Suite struct WeightedLogRankPowerTests {
    /// The tolerance against the independent integration.
    static let integration = Tolerance(relative: 1e-8)
    static let rows = (try? Fixture("fhdesign/power.csv").rows) ?? []

    @Test(arguments: rows.map { $0.string("case") })
    func agreesWithIndependentIntegration(caseName: String) throws {
        let r = try #require(Self.rows.first { $0.string("case") == caseName })
        let d = try IntegrationFixtureRow.design(r)
        let weights = try #require(FlemingHarrington(rho: r.double("rho")!, gamma: r.double("gamma")!))
        let drift = d.weightedLogRankDrift(patients: r.double("patients")!, at: r.double("time")!, weights: weights)
        let expected = try #require(r.double("fh_drift"))
        #expect(Self.integration.accepts(drift, expected), "\(caseName) drift \(drift)")
        let power = NonProportionalDesign.power(drift: drift, alpha: r.double("alpha")!, sides: r.int("sides")!)
        #expect(Self.integration.accepts(power, try #require(r.double("power_fh"))), "\(caseName) power \(power)")
    }

    /// FH(0, 0) is the unweighted at-risk log-rank drift.
    @Test func fh00IsTheLogRankDrift() throws {
        let r = try #require(Self.rows.first { $0.string("case") == "seed_ph_fh00" })
        let l = try IntegrationFixtureRow.laws(r)
        let d = NonProportionalDesign(control: l.control, treatment: l.treatment, accrualEnd: 18)
        #expect(Self.integration.accepts(d.weightedLogRankDrift(patients: 56, at: 30, weights: .logRank),
                                         d.logRankDrift(patients: 56, at: 30)))
    }

    @Test(arguments: rows.map { $0.string("case") })
    func solvesPatientsAsTheIndependentIntegration(caseName: String) throws {
        let r = try #require(Self.rows.first { $0.string("case") == caseName })
        let fixture = try IntegrationFixtureRow.solveForPatients(r)
        let s = fixture.settings
        var o = fixture.options
        o.method = .fh
        o.fhRho = r.double("rho")
        o.fhGamma = r.double("gamma")
        let result = try NonProportionalSolver.solve(try s.nonProportionalRequest(options: o))
        let exact = try #require(result.patientsExact)
        #expect(Self.integration.accepts(exact, try #require(r.double("patients_exact"))), "\(caseName) patients \(exact)")
        #expect(result.power >= r.double("power_target")! - 1e-9)
        #expect(result.power == result.powerWeightedLogRank)
    }

    @Test func negativeWeightsAreRefused() {
        var s = DesignSettings()
        s.medianControl = 11; s.medianTreatment = 33; s.accrualTime = 18; s.followUp = 12; s.patients = 56; s.solve = .power
        var o = NonProportionalOptions()
        o.method = .fh
        o.fhGamma = -1
        #expect(throws: DesignError.self) { try s.nonProportionalRequest(options: o) }
    }
}
