import GSLSupport

/// The conditional rejection probability (Müller & Schäfer 2001): the probability under H0 of
/// rejecting at a later look given the data so far — the type I error the rest of the trial
/// still holds, which an adaptation must preserve. As rpact 3.3.4's
/// `getConditionalRejectionProbabilities` for a group-sequential design
/// (`.getConditionalRejectionProbabilitiesInverseNormalorGroupSequential`).
///
/// At look s with cumulative Z_s, look j > s rejects when the Brownian motion's increment
/// exceeds c_j√t_j − Z_s√t_s, i.e. the standardised increment passes
/// b_j = (c_j√t_j − Z_s√t_s)/√(t_j − t_s), a group-sequential problem at rates
/// (t_j − t_s)/(t_K − t_s). One-sided (non-binding futility): the continuation region is
/// (−6, b_j) as rpact's; two-sided: rpact takes (−b_j, b_j) and adds both crossings.
public enum ConditionalRejectionProbability {
    /// The conditional rejection probability at look s.
    /// - Parameters:
    ///   - t: t_1 … t_K, the information rates of the (recomputed) design.
    ///   - c: c_1 … c_K, the critical values.
    ///   - s: the current look, 1-based, s < K.
    ///   - z: Z_s, positive in the direction of the alternative.
    ///   - sides: 1 or 2.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Returns: the conditional rejection probability; nil when no look follows.
    /// - Complexity: O((K − s)·m²).
    public static func value(informationRates t: [Double], criticalValues c: [Double], look s: Int, z: Double,
                             sides: Int, gridSize: Int = GroupSequentialDesign.defaultGridSize) -> Double? {
        let K = t.count
        guard s >= 1, s < K, c.count == K else { return nil }
        let ts = t[s - 1]
        var rates: [Double] = [], upper: [Double] = [], lower: [Double] = []
        for j in s..<K {
            let b = (c[j] * t[j].squareRoot() - z * ts.squareRoot()) / (t[j] - ts).squareRoot()
            rates.append((t[j] - ts) / (t[K - 1] - ts))
            upper.append(b)
            lower.append(sides == 2 ? -b : StageWiseOrdering.lowerBound)
        }
        let p = CrossingProbabilities(informationRates: rates, lower: lower, upper: upper, drift: 0, gridSize: gridSize)
        return p.upper.reduce(0, +) + (sides == 2 ? p.lower.reduce(0, +) : 0)
    }
}
