import Testing
import GSLSupport

/// The B-spline and least-squares wrappers behind the cox.zph smooth (the smooth itself is
/// checked against R in SurvivalAnalysisTests/Cox/CoxZphSmoothTests).
@Suite struct SplineLeastSquaresTests {
    /// Cubic B-splines sum to 1 everywhere on their range, ends included, and their second
    /// derivatives sum to 0.
    @Test func bSplinesPartitionUnity() throws {
        let basis = try CubicBSplines(breakpoints: [0, 1.5, 4, 10])
        #expect(basis.count == 6)
        let points = [0, 0.7, 1.5, 3, 9.99, 10]
        let values = try basis.design(at: points)
        let second = try basis.design(at: points, derivative: 2)
        for i in points.indices {
            #expect(abs(values[(i * 6)..<(i * 6 + 6)].reduce(0, +) - 1) < 1e-14)
            #expect(abs(second[(i * 6)..<(i * 6 + 6)].reduce(0, +)) < 1e-12)
        }
        #expect(throws: GSLError.self) { try basis.design(at: [10.5]) }
        #expect(throws: GSLError.self) { try CubicBSplines(breakpoints: [0, 2, 2, 3]) }
    }

    /// y = 1 + 2x exactly: the coefficients come back, and (XᵀX)⁻¹ is the textbook one.
    @Test func leastSquaresRecoversALine() throws {
        let x = [0.0, 1, 2, 3]
        let fit = try LinearLeastSquares(design: x.flatMap { [1, $0] }, rows: 4, columns: 2, response: x.map { 1 + 2 * $0 })
        #expect(fit.rank == 2)
        #expect(abs(fit.coefficients[0] - 1) < 1e-13 && abs(fit.coefficients[1] - 2) < 1e-13)
        // XᵀX = [[4, 6], [6, 14]], determinant 20.
        let expected = [14.0 / 20, -6.0 / 20, -6.0 / 20, 4.0 / 20]
        for (a, b) in zip(fit.unscaledCovariance, expected) { #expect(abs(a - b) < 1e-13) }
        let collinear = try LinearLeastSquares(design: x.flatMap { [$0, 2 * $0] }, rows: 4, columns: 2, response: x)
        #expect(collinear.rank == 1)
    }
}
