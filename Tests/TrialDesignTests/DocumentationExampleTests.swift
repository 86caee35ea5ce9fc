import Testing
import TestSupport
import TrialDesign

/// The example of the DocC landing page (Sources/TrialDesign/TrialDesign.docc/TrialDesign.md), run
/// as written (only the design file's path is the test's) and checked against rpact's numbers for
/// the seed trial (Tests/Fixtures/design/rpact.csv, case seed_schoenfeld) and the README's 56.
@Suite struct DocumentationExampleTests {
    /// DesignSolverTests' tolerance against rpact.
    static let rpact = Tolerance(relative: 1e-6)

    @Test func seedTrialExampleMatchesRpactAndTheReadme() throws {
        var settings = try DesignFile.load(path: Fixtures.data("nct07363356.yaml").path)
        settings.accrualTime = 18
        settings.followUp = 12
        let result = try DesignSolver.solve(try settings.request())

        let r = try Fixture("design/rpact.csv").rows.first { $0.string("case") == "seed_schoenfeld" }!
        #expect(Self.rpact.accepts(result.eventsRequired, r.double("expected_events_required")))
        #expect(Self.rpact.accepts(result.patientsEvaluable, r.double("expected_patients_evaluable")))
        #expect(result.events == 27)
        #expect(result.patientsTotal == 56)
    }
}
