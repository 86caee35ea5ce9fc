import PlatformSupport
import GSLSupport

/// The scale on which a pointwise confidence interval for S(t) is built (R's `conf.type`).
public enum ConfidenceType: String, Sendable, CaseIterable {
    /// exp(log Ŝ ± z·se), upper bound capped at 1 (R's default).
    case log
    /// exp(−exp(log(−log Ŝ) ± z·se/log Ŝ)) (Kalbfleisch & Prentice); undefined where Ŝ is 0 or 1.
    case logLog = "log-log"
    /// Ŝ ± z·se·Ŝ, clipped to [0, 1].
    case plain
    /// On the log-odds scale: logit Ŝ ± z·se/(1 − Ŝ) (R's `conf.type = "logit"`); undefined
    /// where Ŝ is 0 or 1.
    case logit
    /// On the arcsine-square-root scale: asin √Ŝ ± ½·z·se·√(Ŝ/(1 − Ŝ)), kept in [0, π/2]
    /// (R's `conf.type = "arcsin"`); undefined where Ŝ is 0 or 1.
    case arcsin
}

/// Pointwise confidence limits of a survival curve, row by row, exactly as R's
/// `survival:::survfit_confint` computes them from `surv` and `std.err` (the standard error of
/// −log Ŝ), with z = Φ⁻¹(1 − (1 − level)/2).
///
/// NaN stands for R's NA: for `log` where Ŝ = 0; for `log-log` where Ŝ = 0 or Ŝ = 1; for `plain`
/// where Ŝ = 0 (R computes 0·∞ there).
public struct ConfidenceBand: Sendable, Equatable {
    /// The transform the interval is built on (R's `conf.type`).
    public var type: ConfidenceType
    /// Confidence level (R's `conf.int`, e.g. 0.95).
    public var level: Double
    /// Lower limit at each time of the curve; NaN where R gives NA.
    public var lower: [Double]
    /// Upper limit at each time of the curve; NaN where R gives NA.
    public var upper: [Double]

    /// - Precondition: 0 < level < 1.
    /// - Complexity: O(m) for a curve of m rows.
    public init(_ curve: SurvivalCurve, type: ConfidenceType, level: Double) {
        precondition(level > 0 && level < 1, "confidence level must lie in (0, 1)")
        self.type = type
        self.level = level
        let z = Normal.quantile(1 - (1 - level) / 2)
        let m = curve.count
        var lower = [Double](repeating: .nan, count: m)
        var upper = [Double](repeating: .nan, count: m)
        curve.survival.withUnsafeBufferPointer { s in
            curve.logStandardError.withUnsafeBufferPointer { se in
                for i in 0..<m {
                    // A censoring-only row repeats the previous estimate: reuse its limits.
                    if i > 0, s[i] == s[i - 1], se[i] == se[i - 1] {
                        lower[i] = lower[i - 1]
                        upper[i] = upper[i - 1]
                    } else {
                        (lower[i], upper[i]) = ConfidenceBand.limits(s[i], se[i], type, z)
                    }
                }
            }
        }
        self.lower = lower
        self.upper = upper
    }

    /// The limits at one point: survival `p`, standard error `se` of −log p, normal quantile `z`.
    @inline(__always)
    static func limits(_ p: Double, _ se: Double, _ type: ConfidenceType, _ z: Double) -> (Double, Double) {
        switch type {
        case .plain:
            let half = se * p * z
            return (maxKeepingNaN(p - half, 0), minKeepingNaN(p + half, 1))
        case .log:
            guard p != 0 else { return (.nan, .nan) }
            let half = z * se
            let logP = log(p)
            return (exp(logP - half), minKeepingNaN(exp(logP + half), 1))
        case .logLog:
            guard p != 0, p != 1 else { return (.nan, .nan) }
            let logP = log(p)
            let half = z * se / logP
            let center = log(-logP)
            return (exp(-exp(center - half)), exp(-exp(center + half)))
        case .logit:
            // survfit_confint: se2 = z·se·(1 + p/(1 − p)); at p = 1 this is 0·∞ = NaN, R's NA.
            guard p != 0 else { return (.nan, .nan) }
            let half = z * se * (1 + p / (1 - p))
            let center = log(p / (1 - p))
            return (1 - 1 / (1 + exp(center - half)), 1 - 1 / (1 + exp(center + half)))
        case .arcsin:
            guard p != 0 else { return (.nan, .nan) }
            let half = 0.5 * z * se * (p / (1 - p)).squareRoot()
            let center = asin(p.squareRoot())
            let lo = sin(maxKeepingNaN(center - half, 0)), hi = sin(minKeepingNaN(center + half, Double.pi / 2))
            return (lo * lo, hi * hi)
        }
    }

    /// R's `pmin`: NaN in, NaN out (Swift's `min` would drop it).
    @inline(__always) static func minKeepingNaN(_ x: Double, _ bound: Double) -> Double {
        x.isNaN ? x : Swift.min(x, bound)
    }

    /// R's `pmax`: NaN in, NaN out.
    @inline(__always) static func maxKeepingNaN(_ x: Double, _ bound: Double) -> Double {
        x.isNaN ? x : Swift.max(x, bound)
    }
}
