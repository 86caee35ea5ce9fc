internal import Foundation

/// Exact binomial tail probabilities, P(X ≥ r) for X ~ Bin(n, p), as R's
/// `pbinom(r - 1, n, p, lower.tail = FALSE)`.
///
/// The terms are summed from k = n down to r, smallest first when r lies above the mean (the
/// case of a critical count), each term exp(log C(n, k) + k log p + (n − k) log(1 − p)) with
/// log C(n, k) from `lgamma`: relative error about |log term|·ε per term, far inside 1e-12 for
/// the sizes a milestone design searches (n ≤ ``MilestoneDesign/patientLimit``).
enum BinomialTail {
    /// log P(X = k).
    static func logMass(_ k: Int, _ n: Int, _ p: Double) -> Double {
        let logChoose = lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
        return logChoose + (k == 0 ? 0 : Double(k) * log(p)) + (k == n ? 0 : Double(n - k) * log1p(-p))
    }

    /// P(X ≥ r); 1 for r ≤ 0, 0 for r > n.
    /// - Complexity: O(n − r).
    static func upper(_ r: Int, _ n: Int, _ p: Double) -> Double {
        if r <= 0 { return 1 }
        if r > n { return 0 }
        var sum = 0.0
        for k in stride(from: n, through: r, by: -1) { sum += exp(logMass(k, n, p)) }
        return min(1, sum)
    }

    /// The smallest r with P(X ≥ r | p) ≤ `level` (n + 1 when even r = n exceeds it), found by
    /// adding terms from the top until the tail exceeds the level.
    /// - Complexity: O(n − r).
    static func criticalCount(_ n: Int, _ p: Double, level: Double) -> Int {
        var sum = 0.0
        for k in stride(from: n, through: 0, by: -1) {
            sum += exp(logMass(k, n, p))
            if sum > level { return k + 1 }
        }
        return 0
    }
}
