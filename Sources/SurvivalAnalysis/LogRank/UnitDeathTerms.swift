/// The log-rank terms of an event time with one death, tabulated by the risk set: for n at risk,
/// n₁ of them in the first group, the expected first-group deaths `1 · (1/n) · n₁` and the
/// variance term `t − t · (1/n) · n₁` with `t = (1 · (n − 1) · (1/n) / (n − 1)) · n₁`, computed
/// by the two-run passes' own ``TwoGroupLogRank/unitWeightTerms(atRisk:deaths:firstAtRisk:)``
/// with d = 1, so a term read here is the term they compute, bit for bit.
///
/// A simulated trial of a few dozen patients has one death at nearly every event time; reading
/// its two terms replaces two divisions, whose latency bounded the simulator's log-rank pass.
package enum UnitDeathTerms {
    /// Largest risk set tabulated.
    package static let largest = 64

    /// Entry n · (largest + 1) + n₁: (expected, variance) for n ≤ ``largest`` at risk, n₁ ≤ n;
    /// the variance is 0 (and not added by the passes) when n = 1.
    // Written once, by the lazy initialiser (thread-safe), and only read after.
    nonisolated(unsafe) package static let table: UnsafeBufferPointer<SIMD2<Double>> = {
        let width = largest + 1
        let table = UnsafeMutableBufferPointer<SIMD2<Double>>.allocate(capacity: width * width)
        table.initialize(repeating: SIMD2(0, 0))
        for n in 1...largest {
            for n1 in 0...n {
                let terms = TwoGroupLogRank.unitWeightTerms(atRisk: n, deaths: 1, firstAtRisk: n1)
                table[n * width + n1] = SIMD2(terms.expected, terms.variance ?? 0)
            }
        }
        return UnsafeBufferPointer(table)
    }()
}
