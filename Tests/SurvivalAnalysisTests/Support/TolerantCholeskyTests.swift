import Testing
@testable import SurvivalAnalysis

@Suite struct TolerantCholeskyTests {
    static let tolerance = Double.ulpOfOne * 1e4

    @Test func fullRankSolvesAndInverts() {
        let a: [Double] = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]
        let f = TolerantCholesky(symmetric: a, dimension: 3, tolerance: 1e-12)
        #expect(f.rank == 3 && f.aliased == [false, false, false])
        let b: [Double] = [1, -2, 0.5]
        let x = f.solve(b)
        for i in 0..<3 {
            let ax = (0..<3).reduce(0.0) { $0 + a[i * 3 + $1] * x[$1] }
            #expect(abs(ax - b[i]) < Self.tolerance)
        }
        let inv = f.inverse()
        for i in 0..<3 {
            for j in 0..<3 {
                let product = (0..<3).reduce(0.0) { $0 + a[i * 3 + $1] * inv[$1 * 3 + j] }
                #expect(abs(product - (i == j ? 1 : 0)) < Self.tolerance)
            }
        }
    }

    /// Column 3 = column 1 + 2·column 2: the later column is the aliased one (as R), and the
    /// solution and inverse are those of the kept block with zeros for it.
    @Test func collinearColumnIsAliased() {
        // Gram matrix of x1 = (1,2,3,4), x2 = (0,1,0,1), x3 = x1 + 2·x2.
        let x1: [Double] = [1, 2, 3, 4], x2: [Double] = [0, 1, 0, 1]
        let x3 = zip(x1, x2).map { $0 + 2 * $1 }
        let columns = [x1, x2, x3]
        var a = [Double](repeating: 0, count: 9)
        for i in 0..<3 { for j in 0..<3 { a[i * 3 + j] = zip(columns[i], columns[j]).reduce(0) { $0 + $1.0 * $1.1 } } }
        let f = TolerantCholesky(symmetric: a, dimension: 3, tolerance: pow(Double.ulpOfOne, 0.75))
        #expect(f.aliased == [false, false, true])
        let x = f.solve([1, 1, 1])
        #expect(x[2] == 0)
        let inv = f.inverse()
        #expect(inv[2] == 0 && inv[5] == 0 && inv[6] == 0 && inv[7] == 0 && inv[8] == 0)
        // The kept block inverse: [[30, 6], [6, 2]]⁻¹ = [[2, −6], [−6, 30]]/24.
        #expect(abs(inv[0] - 2.0 / 24) < Self.tolerance && abs(inv[4] - 30.0 / 24) < Self.tolerance)
    }

    @Test func zeroMatrixHasRankZero() {
        let f = TolerantCholesky(symmetric: [0, 0, 0, 0], dimension: 2, tolerance: 1e-12)
        #expect(f.rank == 0)
        #expect(f.solve([1, 2]) == [0, 0])
        #expect(f.quadraticForm([1, 2]) == 0)
    }
}

import Foundation
