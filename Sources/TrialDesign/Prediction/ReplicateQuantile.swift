/// Quantiles of simulated values, as R's `quantile(type = 7)`: linear interpolation between
/// order statistics x[⌊h⌋] and x[⌊h⌋+1], h = (n − 1)p (0-based). Infinite values (a replicate
/// that never reaches the target) sort last; a quantile that touches one is +∞.
enum ReplicateQuantile {
    /// The p-quantile of `sorted` (ascending, non-empty).
    static func of(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let frac = h - Double(lo)
        if frac == 0 || lo + 1 >= sorted.count { return sorted[lo] }
        let a = sorted[lo], b = sorted[lo + 1]
        if !b.isFinite { return .infinity }
        return a + frac * (b - a)
    }
}
