import Testing
import TestSupport
import GSLSupport
@testable import TrialDesign

/// Checks of the recursive integration that do not lean on rpact.
@Suite struct SequentialIntegrationTests {
    /// Simpson's rule on Jennison & Turnbull's grid with r = 32 is accurate to about 2e-8 in a
    /// probability (the log-spaced tails dominate the error).
    static let accurate = Tolerance(relative: 0, absolute: 1e-7)
    /// Conservation only compares the integrator with itself.
    static let conserved = Tolerance(relative: 0, absolute: 1e-8)

    /// With no boundary at look 1, Z_2 is N(θ√t₂, 1) whatever happened before.
    @Test func unrestrictedLookGivesTheMarginal() {
        for drift in [0.0, 2.3] {
            let integrator = SequentialIntegrator(drift: drift)
            let first = integrator.advance(from: nil, rate: 0.4, lower: -.infinity, upper: .infinity)
            for b in [-1.0, 0.5, 2.0, 3.5] {
                let mean = drift * 0.9.squareRoot()
                #expect(Self.accurate.accepts(integrator.probabilityAbove(b, rate: 0.9, after: first), Normal.upperTail(b - mean)))
                #expect(Self.accurate.accepts(integrator.probabilityBelow(b, rate: 0.9, after: first), Normal.cdf(b - mean)))
            }
        }
    }

    /// What continues past look 1 either stops at look 2 or continues again: probabilities add up.
    @Test func probabilityIsConserved() {
        let integrator = SequentialIntegrator(drift: 1.1)
        let rates = [0.3, 0.55, 1.0]
        let first = integrator.advance(from: nil, rate: rates[0], lower: -0.5, upper: 2.8)
        let exitFirst = integrator.probabilityAbove(2.8, rate: rates[0], after: nil)
            + integrator.probabilityBelow(-0.5, rate: rates[0], after: nil)
        #expect(Self.conserved.accepts(first.mass + exitFirst, 1))
        let second = integrator.advance(from: first, rate: rates[1], lower: 0.2, upper: 2.5)
        let exitSecond = integrator.probabilityAbove(2.5, rate: rates[1], after: first)
            + integrator.probabilityBelow(0.2, rate: rates[1], after: first)
        #expect(Self.conserved.accepts(second.mass + exitSecond, first.mass))
    }

    @Test func firstLookIsClosedForm() {
        let integrator = SequentialIntegrator(drift: 2)
        #expect(integrator.probabilityAbove(1.5, rate: 0.25, after: nil) == Normal.upperTail(1.5 - 1))
        #expect(integrator.probabilityAbove(.infinity, rate: 0.25, after: nil) == 0)
        #expect(integrator.probabilityBelow(-.infinity, rate: 0.25, after: nil) == 0)
    }
}
