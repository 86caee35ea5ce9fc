import Testing
import TestSupport
@testable import TrialDesign

/// Every look's efficacy bound of an interim analysis on the nominal p-value and hazard-ratio
/// scales (``InterimResult/criticalValueP(look:)``, ``InterimResult/hazardRatioBoundary(look:)``)
/// against rpact 3.3.4's `stageLevels` and getPowerSurvival's `criticalValuesEffectScale`
/// (Tests/Fixtures/gsboundaryscale/gsboundaryscale.csv, scripts/fixtures/gsboundaryscale.R), with
/// the looks made at the planned events and K = 2–5, allocation 0.5–3, both HR directions.
@Suite struct BoundaryScalesTests {
    /// The critical values agree with rpact's to 1e-6 absolute (GroupSequentialInferenceTests);
    /// 1 − Φ(c) moves by at most φ(c) ≤ 0.4 times that: absolute 1e-6.
    static let stageLevel = Tolerance(relative: 0, absolute: 1e-6)
    /// exp(∓c·se) moves relatively by se ≤ 0.5 times the critical value's error: relative 1e-6.
    static let hazardRatio = Tolerance(relative: 1e-6, absolute: 0)

    static let rows = (try? Fixture("gsboundaryscale/gsboundaryscale.csv").rows) ?? []

    @Test func fixtureHasItsCases() { #expect(Self.rows.count == 4) }

    @Test(arguments: rows.map { $0.string("case") })
    func matchesRpact(name: String) throws {
        let row = try #require(Self.rows.first { $0.string("case") == name })
        let r = try GroupSequentialInferenceTests.analyse(row)
        let levels = GroupSequentialInferenceTests.vector(row.string("stage_levels"))
        let ratios = GroupSequentialInferenceTests.vector(row.string("hazard_ratio_boundaries"))
        #expect(r.informationRates.count == levels.count && r.decision == .continueTrial)
        for k in 1...levels.count {
            #expect(Self.stageLevel.accepts(r.criticalValueP(look: k), levels[k - 1]), "\(name) look \(k) p")
            let hr = try #require(r.hazardRatioBoundary(look: k))
            #expect(Self.hazardRatio.accepts(hr, ratios[k - 1]), "\(name) look \(k): \(hr) vs \(ratios[k - 1])")
        }
        // This look's bound is the one the report already gave (critical_hazard_ratio).
        #expect(r.hazardRatioBoundary(look: r.look) == r.criticalHazardRatio)
    }
}
