import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Genz's separation of variables with a fixed randomised lattice against mvtnorm's Miwa
/// algorithm (Tests/Fixtures/wlogrank/mvn.csv, from scripts/fixtures/wlogrank.R).
@Suite struct MultivariateNormalProbabilityTests {
    /// The issue asks for MaxCombo p-values to 1e-5; the integration is held to 1e-6 absolute
    /// against Miwa (itself within 1e-7 of GenzBretz with abseps 1e-9), in 2 to 5 dimensions.
    static let agreement = Tolerance(relative: 0, absolute: 1e-6)
    static let rows = (try? Fixture("wlogrank/mvn.csv").rows) ?? []

    static func numbers(_ text: String) -> [Double] {
        text.split(separator: ";").map { field in
            switch field {
            case "-Inf": return -Double.infinity
            case "Inf": return Double.infinity
            default: return Double(String(field)) ?? .nan
            }
        }
    }

    static func correlation(_ upper: [Double], _ m: Int) -> [Double] {
        var r = [Double](repeating: 0, count: m * m)
        var k = 0
        // R's upper.tri order is column-major: (1,2), (1,3), (2,3), ...
        for j in 0..<m { for i in 0..<j { r[i * m + j] = upper[k]; r[j * m + i] = upper[k]; k += 1 } }
        for i in 0..<m { r[i * m + i] = 1 }
        return r
    }

    @Test(arguments: rows.map { $0.string("case") })
    func agreesWithMiwa(caseName: String) throws {
        let row = try #require(Self.rows.first { $0.string("case") == caseName })
        let m = row.int("dimension")!
        let result = MultivariateNormalProbability.probability(
            lower: Self.numbers(row.string("lower")), upper: Self.numbers(row.string("upper")),
            correlation: Self.correlation(Self.numbers(row.string("correlation")), m))
        #expect(Self.agreement.accepts(result.probability, row.double("probability")),
                "\(result.probability) vs mvtnorm \(row.double("probability")!)")
        #expect(result.errorBound <= 1e-5)
    }

    @Test func univariateAndIndependentCasesAreExact() {
        let one = MultivariateNormalProbability.probability(lower: [-1], upper: [2], correlation: [1])
        #expect(abs(one.probability - 0.8185946141203637) < 1e-15)
        let independent = MultivariateNormalProbability.probability(lower: [-1, -.infinity], upper: [2, 0.5],
                                                                    correlation: [1, 0, 0, 1])
        #expect(abs(independent.probability - 0.8185946141203637 * 0.6914624612740131) < 1e-7)
    }

    /// A singular Σ (Z₃ = Z₁ + Z₂ scaled): the probability of the box equals that of the
    /// two-dimensional problem with the third constraint folded in, here checked by symmetry:
    /// P(|Z₁| < c, |Z₂| < c, |Z₃| < ∞) equals the 2-D box.
    @Test func singularCovarianceIsHandled() {
        let s = 1 / 2.0.squareRoot()
        let r = [1, 0, s, 0, 1, s, s, s, 1]
        let folded = MultivariateNormalProbability.probability(lower: [-1.5, -1.5, -.infinity],
                                                               upper: [1.5, 1.5, .infinity], correlation: r)
        let plain = MultivariateNormalProbability.probability(lower: [-1.5, -1.5], upper: [1.5, 1.5],
                                                              correlation: [1, 0, 0, 1])
        #expect(folded.rank == 2)
        #expect(abs(folded.probability - plain.probability) < 1e-7)
    }

    @Test func sameInputsGiveTheSameBits() {
        let r = [1, 0.8, 0.6, 0.8, 1, 0.7, 0.6, 0.7, 1]
        let a = MultivariateNormalProbability.probability(lower: [-2, -2, -2], upper: [2, 2, 2], correlation: r)
        let b = MultivariateNormalProbability.probability(lower: [-2, -2, -2], upper: [2, 2, 2], correlation: r)
        #expect(a == b)
    }
}
