import Foundation
import Testing
import SurvivalAnalysis
import TestSupport

/// R's residuals(fit, "martingale") and residuals(fit, "deviance").
@Suite struct CoxResidualsTests {
    static let tolerance = Tolerance(relative: 1e-6, absolute: 1e-12)
    static let expected = try! Fixture("cox/residuals.csv").rows

    @Test(arguments: CoxFixtureCase.all.filter(\.residuals))
    func matchesR(_ c: CoxFixtureCase) throws {
        let residuals = try c.fit().residuals()
        let rows = Self.expected.filter { $0["case"] == c.id }
        #expect(rows.count == residuals.martingale.count)
        for (k, r) in rows.enumerated() {
            #expect(Self.tolerance.accepts(residuals.martingale[k], r.double("martingale")), "\(c.id) row \(k + 1)")
            #expect(Self.tolerance.accepts(residuals.deviance[k], r.double("deviance")), "\(c.id) row \(k + 1)")
        }
    }

    /// Martingale residuals sum to zero within each stratum at the fitted β (the score of the
    /// baseline hazard), whatever the data.
    @Test func martingaleResidualsSumToZero() throws {
        let residuals = try CoxFixtureCase.named("tied_breslow").fit().residuals()
        let total = residuals.martingale.reduce(0, +)
        #expect(abs(total) < 1e-10)
    }

    /// Therneau & Grambsch appendix (survival's tests/book1.R, byhand1): with r = exp(β),
    /// Breslow hazard increments 1/(3r+3), 2/(r+3), 0, 1 at times 1, 6, 8, 9, and
    /// Mᵢ = δᵢ − rᵢ·Λ₀(tᵢ).
    @Test func book1ClosedForm() throws {
        let model = try CoxFixtureCase.named("book1_breslow").fit()
        let beta = model.estimate.coefficients[0]
        let r = Foundation.exp(beta)
        // byhand1's order (time 1, 1, 6, 6, 8, 9) and the rows of book1.csv after the NA row.
        let x: [Double] = [1, 1, 1, 0, 0, 0]
        let status: [Double] = [1, 0, 1, 1, 0, 1]
        let timeIndex = [0, 0, 1, 1, 2, 3]
        let dataRow = [1, 2, 3, 4, 5, 0]
        let h0 = 1 / (3 * r + 3)
        let h1 = 2 / (r + 3)
        let cumulative: [Double] = [h0, h0 + h1, h0 + h1, h0 + h1 + 1]
        let residuals = model.residuals().martingale
        for k in 0..<6 {
            let risk = Foundation.exp(beta * x[k])
            let expected = status[k] - risk * cumulative[timeIndex[k]]
            #expect(abs(residuals[dataRow[k]] - expected) < 1e-12)
        }
    }
}
