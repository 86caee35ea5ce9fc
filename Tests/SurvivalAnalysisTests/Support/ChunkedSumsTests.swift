import Testing
import TestSupport
@testable import SurvivalAnalysis

/// ``ChunkedSums`` and ``ColumnKernels``: the parallel reduction gives the same bits on any
/// number of threads, and the SIMD kernels agree with plain loops.
@Suite struct ChunkedSumsTests {
    /// Two summation orders of ~1000 terms differ by at most about n·ε·Σ|terms| (n·ε ≈ 2.3e-13).
    static let reorderedSumBound = 1e-12

    /// Values with wildly different magnitudes, so any change of summation order shows in the bits.
    static let values: [Double] = (0..<50_003).map { i in
        let u = Double((i &* 2_654_435_761) % 1_000_003) / 1_000_003
        return (u - 0.5) * (i % 7 == 0 ? 1e12 : 1) + 1e-9 * Double(i % 13)
    }

    static func sums(threads: Int) -> [Double] {
        let x = values
        return ChunkedSums.run(rows: x.count, width: 2, scratchCount: 0, threads: threads) { rows, _, out in
            x.withUnsafeBufferPointer { b in
                out[0] = ColumnKernels.sum(b.baseAddress! + rows.lowerBound, rows.count)
                out[1] = ColumnKernels.dot(b.baseAddress! + rows.lowerBound, b.baseAddress! + rows.lowerBound, rows.count)
            }
        }
    }

    @Test(arguments: [2, 3, 8])
    func sameBitsOnAnyThreadCount(threads: Int) {
        let one = Self.sums(threads: 1)
        let many = Self.sums(threads: threads)
        #expect(one.map(\.bitPattern) == many.map(\.bitPattern))
    }

    @Test func kernelsAgreeWithPlainLoops() {
        let a = Array(Self.values.prefix(1037)).map { $0 / 1e6 }
        let b = a.reversed().map { $0 + 0.25 }
        var plainDot = 0.0, plainSum = 0.0
        for r in a.indices { plainDot += a[r] * b[r]; plainSum += a[r] }
        let dot = a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
            ColumnKernels.dot(pa.baseAddress!, pb.baseAddress!, a.count) } }
        let sum = a.withUnsafeBufferPointer { ColumnKernels.sum($0.baseAddress!, a.count) }
        #expect(abs(dot - plainDot) <= Self.reorderedSumBound * a.indices.reduce(0) { $0 + abs(a[$1] * b[$1]) })
        #expect(abs(sum - plainSum) <= Self.reorderedSumBound * a.reduce(0) { $0 + abs($1) })
    }
}
