import PlatformSupport
import GSLSupport

/// Inference after a group-sequential trial has stopped: the p-value, confidence interval and
/// median-unbiased estimate of the hazard ratio under the stage-wise ordering of the sample
/// space (Armitage 1957; Tsiatis, Rosner & Mehta 1984; Jennison & Turnbull 2000, §8.4), as
/// rpact 3.3.4's `getFinalPValue` and `getFinalConfidenceInterval` for a group-sequential
/// design and survival data (`.getFinalPValueInverseNormalOrGroupSequential`,
/// `.getFinalConfidenceIntervalSurvivalGroupSequential`, `.getDecisionMatrixRoot`).
///
/// A trial stopping at look f with Z_f = z is "more extreme" than every path crossing earlier
/// and than a path reaching f with a larger Z. With θ the drift per √event (Z_k ≈ N(θ√D_k, 1)),
///
///     g(θ) = Σ_{k<f} P_θ(reach k, Z_k ≥ c_k) + P_θ(reach f, Z_f ≥ z),
///
/// the continuation region of each earlier look being (−6, c_k) on the standardised scale
/// (rpact's `C_FUTILITY_BOUNDS_DEFAULT`; futility bounds are non-binding and ignored). Then
/// - the final p-value is g(0); two-sided designs take 2·min(g(0), g'(0)) where g' puts −z
///   at the last look, as rpact does. When the trial stops at the first look rpact returns
///   the one-sided p-value 1 − Φ(Z_1) for a two-sided design too; survkit does the same so the
///   numbers agree (documented in docs/interim.md);
/// - the confidence limits are the θ with g(θ) = α/s and g(θ) = 1 − α/s, the median-unbiased
///   estimate the θ with g(θ) = ½ (roots sought in [−8, 8] as rpact); at the first look they
///   are Z_1 ± z_{α/s} and Z_1;
/// - θ becomes a hazard ratio through the log hazard ratio θ·(1 + r)/√r, r the allocation
///   ratio at look f (at the first look: se·x with se = (1 + r)/√(r·D_1)).
public enum StageWiseOrdering {
    /// rpact's lower bound of the continuation region when futility is non-binding.
    static let lowerBound = -6.0
    /// rpact searches θ in [−8, 8] and gives no interval when Z_f ≥ 8.
    static let searchLimit = 8.0

    /// - Parameters:
    ///   - rates: the information rates of the looks 1 … f (any scale; only their
    ///     ratios matter: events over a common total).
    ///   - critical: c_1 … c_{f−1} (c_f is not used: the trial stopped at f).
    ///   - observed: the looks so far (at least f), cumulative events, Z and allocation.
    ///   - f: the look the trial stopped at, 1-based.
    ///   - alpha: the design's alpha (two-sided total when `sides` is 2).
    ///   - sides: 1 or 2.
    ///   - direction: the side of 1 the alternative lies on.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Complexity: O(f·m²) per evaluation of g; a Brent search of a few dozen evaluations per limit.
    public static func inference(
        informationRates rates: [Double], criticalValues critical: [Double], observed: LogRankLooks, stopLook f: Int,
        alpha: Double, sides: Int, direction: HazardRatioDirection,
        gridSize: Int = GroupSequentialDesign.defaultGridSize
    ) throws(GroupSequentialError) -> FinalInference {
        guard f >= 1, f <= observed.count, rates.count >= f, critical.count >= f - 1 else {
            throw .invalidParameter("final inference at look \(f) needs that look's data, rates and the earlier critical values")
        }
        let z = observed.z[f - 1]
        let r = observed.allocationRatios[f - 1]
        let quantile = Normal.upperQuantile(alpha / Double(sides))
        if f == 1 {
            let se = observed.standardError(at: 0)
            func ratio(_ x: Double) -> Double { direction.hazardRatio(effect: se * x) }
            let a = ratio(z - quantile), b = ratio(z + quantile)
            return FinalInference(look: 1, pValue: Normal.upperTail(z), lower: min(a, b), upper: max(a, b),
                                  medianUnbiased: ratio(z))
        }
        let t = Array(rates[0..<f])
        let events = observed.events[f - 1]
        // g(θ): the bounds shifted by θ·√D_f·√(t_k/t_f), under no drift, as rpact's decision matrix.
        func g(_ theta: Double, last: Double) -> Double {
            var upper: [Double] = [], lower: [Double] = []
            for k in 0..<f {
                let shift = theta * (t[k] / t[f - 1]).squareRoot() * events.squareRoot()
                upper.append((k < f - 1 ? critical[k] : last) - shift)
                lower.append(lowerBound - shift)
            }
            let p = CrossingProbabilities(informationRates: t, lower: lower, upper: upper, drift: 0, gridSize: gridSize)
            return p.upper.reduce(0, +)
        }
        var pValue = g(0, last: z)
        if sides == 2 { pValue = 2 * min(pValue, g(0, last: -z)) }

        guard z < searchLimit else {
            return FinalInference(look: f, pValue: pValue, lower: nil, upper: nil, medianUnbiased: nil)
        }
        func root(_ target: Double) -> Double? {
            guard let theta = try? RootFinder.brent(lower: -searchLimit, upper: searchLimit, absoluteTolerance: 1e-12,
                                                    relativeTolerance: 1e-12, { g($0, last: z) - target })
            else { return nil }
            return direction.hazardRatio(effect: theta * (1 + r) / r.squareRoot())
        }
        let a = root(alpha / Double(sides)), b = root(1 - alpha / Double(sides))
        var lower = a, upper = b
        if let x = a, let y = b { lower = min(x, y); upper = max(x, y) }
        return FinalInference(look: f, pValue: pValue, lower: lower, upper: upper, medianUnbiased: root(0.5))
    }
}

/// The adjusted inference of a group-sequential trial that has stopped (``StageWiseOrdering``).
public struct FinalInference: Sendable, Equatable {
    /// The look the trial stopped at (1-based): the first whose Z crossed a bound, or the final one.
    public let look: Int
    /// The p-value under the stage-wise ordering (rpact's `finalPValues`).
    public let pValue: Double
    /// Lower limit of the final confidence interval of the hazard ratio (coverage 1 − α two-sided,
    /// 1 − 2α one-sided, as rpact); nil when no root lies in rpact's search range.
    public let lower: Double?
    /// Upper limit of the final confidence interval of the hazard ratio.
    public let upper: Double?
    /// The median-unbiased estimate of the hazard ratio (rpact's `medianUnbiasedEstimates`).
    public let medianUnbiased: Double?
}
