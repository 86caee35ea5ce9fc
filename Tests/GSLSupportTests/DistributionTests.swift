import Testing
import TestSupport
@testable import GSLSupport

/// Reference values from R 4.x: qnorm(0.975), pnorm(-1.96), pchisq(3.84, 1, lower.tail = FALSE).
@Suite struct DistributionTests {
    let tight = Tolerance(relative: 1e-12)

    @Test func normalQuantileMatchesR() {
        #expect(tight.accepts(Normal.quantile(0.975), 1.959963984540054))
        #expect(tight.accepts(Normal.upperQuantile(0.025), 1.959963984540054))
        #expect(Normal.quantile(0) == -.infinity)
        #expect(Normal.quantile(1.5).isNaN)
    }

    @Test func normalTailsMatchR() {
        #expect(tight.accepts(Normal.cdf(-1.96), 0.024997895148220435))
        #expect(tight.accepts(Normal.twoSidedP(1.96), 0.04999579029644087))
    }

    @Test func chiSquareUpperTailMatchesR() {
        #expect(tight.accepts(ChiSquared.upperTail(3.84, degreesOfFreedom: 1), 0.05004352124870519))
        #expect(ChiSquared.upperTail(0, degreesOfFreedom: 2) == 1)
    }

    @Test func brentFindsSquareRoot() throws {
        let root = try RootFinder.brent(lower: 0, upper: 2) { $0 * $0 - 2 }
        #expect(tight.accepts(root, 2.0.squareRoot()))
    }

    @Test func brentRefusesUnbracketedInterval() {
        #expect(throws: RootFindingError.self) { try RootFinder.brent(lower: 2, upper: 3) { $0 * $0 - 2 } }
    }

    @Test func choleskySolvesAndInverts() throws {
        let a = [4.0, 2, 2, 3]
        let c = try Cholesky(symmetric: a, dimension: 2)
        let x = try c.solve([2, 1])
        #expect(tight.accepts(x[0], 0.5) && abs(x[1]) < 1e-15)
        let inv = try c.inverse()
        #expect(tight.accepts(inv[0], 3.0 / 8) && tight.accepts(inv[1], -2.0 / 8) && tight.accepts(inv[3], 4.0 / 8))
    }

    @Test func choleskyRejectsSingularMatrix() {
        #expect(throws: CholeskyError.notPositiveDefinite) { try Cholesky(symmetric: [1, 1, 1, 1], dimension: 2) }
    }

    @Test func randomStreamsAreReproducibleAndDistinct() {
        let a = RandomStream(seed: 42, stream: 7), b = RandomStream(seed: 42, stream: 7)
        let c = RandomStream(seed: 42, stream: 8)
        let xa = (0..<5).map { _ in a.uniform() }, xb = (0..<5).map { _ in b.uniform() }
        let xc = (0..<5).map { _ in c.uniform() }
        #expect(xa == xb)
        #expect(xa != xc)
        #expect(xa.allSatisfy { $0 > 0 && $0 < 1 })
    }
}
