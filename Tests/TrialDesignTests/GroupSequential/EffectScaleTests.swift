import Testing
import TestSupport
@testable import TrialDesign

/// The efficacy bound on the hazard-ratio scale per look (the design report's boundary labels)
/// is rpact's criticalValuesEffectScaleLower (Tests/Fixtures/figures/effect_scale.csv,
/// scripts/fixtures/figures.R).
@Suite struct EffectScaleTests {
    /// Same closed form exp(−c·(1 + r)/√(r·D)); the critical values c agree with rpact to 1e-7
    /// (EfficacyBoundariesTests.z), which moves the ratio by at most 2/√D·1e-7 relative (seen: 9e-9).
    static let effectScale = Tolerance(relative: 1e-7)

    @Test func seedDesignMatchesRpact() throws {
        let settings = try DesignFile.load(path: Fixtures.data("nct07363356-gs.yaml").path)
        let design = try #require(try settings.sequentialDesign())
        let result = try SequentialDesignSolver.solve(settings.request(), design: design)
        let rows = try Fixture("figures/effect_scale.csv").rows(where: "case", is: "nct07363356_gs")
        #expect(rows.count == result.looks.count)
        for (ratio, row) in zip(result.criticalHazardRatios, rows) {
            #expect(Self.effectScale.accepts(ratio, row.double("critical_hazard_ratio")),
                    "look \(row.string("look")): \(ratio) vs rpact \(row.string("critical_hazard_ratio"))")
        }
    }
}
