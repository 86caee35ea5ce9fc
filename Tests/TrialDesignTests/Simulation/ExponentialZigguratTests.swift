import Foundation
import GSLSupport
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct ExponentialZigguratTests {
    /// A million draws: P(X > t) = e^{−t} within 4 binomial standard errors, across the
    /// layers, the wedges and the tail beyond r = 7.6971; mean and variance 1 within 4 SEs.
    @Test func drawsAreExponential() {
        var stream = RandomStream(seed: 2024, stream: 0).taus2
        let n = 1_000_000
        var draws = [Double](repeating: 0, count: n)
        for i in 0..<n { draws[i] = stream.standardExponential() }
        #expect(draws.allSatisfy { $0 > 0 && $0.isFinite })
        for t in [0.001, 0.05, 0.3, 1, 2, 4, 7, ExponentialZiggurat.tailStart, 9, 11] {
            let p = exp(-t)
            let observed = Double(draws.filter { $0 > t }.count) / Double(n)
            #expect(abs(observed - p) <= 4 * (p * (1 - p) / Double(n)).squareRoot(), "P(X > \(t)) = \(observed), not \(p)")
        }
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        #expect(abs(mean - 1) <= 4 / Double(n).squareRoot())
        #expect(abs(variance - 1) <= 4 * (8.0 / Double(n)).squareRoot())   // Var(X²) = 24 − 1 − ... ≤ 8·
    }

    /// The draw with its first try inline and the rest out of line (generator passed by value)
    /// is the ziggurat's plain loop of tries: the same variates, bit for bit, and the generator
    /// left in the same state, over enough draws to reach the tail and the wedges many times.
    @Test func splitDrawEqualsThePlainLoop() {
        let tables = ExponentialZiggurat.shared.tables
        var split = RandomStream(seed: 31, stream: 5).taus2
        var plain = split
        var rejected = 0
        for _ in 0..<300_000 {
            let before = split
            let a = tables.draw(&split)
            let b = tables.drawLoop(&plain)
            #expect(a.bitPattern == b.bitPattern)
            #expect(split.s1 == plain.s1 && split.s2 == plain.s2 && split.s3 == plain.s3)
            // More than one 32-bit draw: the first try was rejected (tail or wedge).
            var probe = before
            _ = probe.positiveBits()
            if probe.s1 != split.s1 || probe.s2 != split.s2 || probe.s3 != split.s3 { rejected += 1 }
        }
        #expect(rejected > 1000)
    }

    /// Fine structure: within each of 20 equal-probability bins the counts are uniform (χ² on
    /// 19 df below 45), which a layer or wedge table error would break.
    @Test func binsOfEqualProbability() {
        var stream = RandomStream(seed: 7, stream: 0).taus2
        let n = 400_000, bins = 20
        var counts = [Int](repeating: 0, count: bins)
        for _ in 0..<n {
            let u = -expm1(-stream.standardExponential())   // F(X), uniform on (0, 1)
            counts[min(bins - 1, Int(u * Double(bins)))] += 1
        }
        let expected = Double(n) / Double(bins)
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 45, "\(counts)")
    }
}
