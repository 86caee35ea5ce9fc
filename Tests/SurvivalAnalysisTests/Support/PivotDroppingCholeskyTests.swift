import Testing
import TestSupport
@testable import SurvivalAnalysis

@Suite struct PivotDroppingCholeskyTests {
    @Test func solvesAFullRankSystem() {
        let a: [Double] = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]
        let x: [Double] = [1, -2, 0.5]
        let b = (0..<3).map { i in (0..<3).reduce(0.0) { $0 + a[i * 3 + $1] * x[$1] } }
        let f = PivotDroppingCholesky(symmetric: a, dimension: 3)
        #expect(f.rank == 3)
        for (u, v) in zip(f.solve(b), x) { #expect(Tolerance(relative: 1e-12, absolute: 1e-14).accepts(u, v)) }
    }

    @Test func dropsADependentDirection() {
        // Third row = first + second.
        let a: [Double] = [2, 1, 3, 1, 2, 3, 3, 3, 6]
        let f = PivotDroppingCholesky(symmetric: a, dimension: 3)
        #expect(f.rank == 2)
        // b in the column space: A x = b is solved exactly by the particular solution.
        let b: [Double] = [3, 3, 6]
        let y = f.solve(b)
        for i in 0..<3 {
            let r = (0..<3).reduce(0.0) { $0 + a[i * 3 + $1] * y[$1] }
            #expect(Tolerance(relative: 1e-12, absolute: 1e-12).accepts(r, b[i]))
        }
    }

    @Test func zeroMatrixHasRankZero() {
        let f = PivotDroppingCholesky(symmetric: [0, 0, 0, 0], dimension: 2)
        #expect(f.rank == 0)
        #expect(f.solve([1, 1]) == [0, 0])
    }
}
