internal import Foundation
import GSLSupport

/// The error distribution of an accelerated failure time model, as R's `survreg(dist = )`.
///
/// Every model is `g(T) = x'β + σ·W` with `W` from one of three standard families
/// (R's `survreg.distributions`): Weibull and exponential are the extreme-value family on
/// log(T), lognormal the Gaussian on log(T), log-logistic the logistic on log(T); `gaussian`
/// and `logistic` use T itself. The exponential fixes σ = 1.
public enum SurvregDistribution: String, CaseIterable, Sendable {
    case exponential, weibull, lognormal, loglogistic, gaussian, logistic

    /// The standard family of W.
    public enum Family: Sendable { case extremeValue, logistic, gaussian }

    /// The standard family of this distribution's W.
    public var family: Family {
        switch self {
        case .exponential, .weibull: return .extremeValue
        case .lognormal, .gaussian: return .gaussian
        case .loglogistic, .logistic: return .logistic
        }
    }

    /// True when the model is on log(time) (R's `trans = log`), so times must be positive.
    public var logTime: Bool {
        switch self {
        case .gaussian, .logistic: return false
        default: return true
        }
    }

    /// A scale fixed by the distribution (the exponential's σ = 1), else nil.
    public var fixedScale: Double? { self == .exponential ? 1 : nil }

    /// R's distribution name as `print.survreg` shows it.
    public var rName: String {
        switch self {
        case .exponential: return "Exponential"
        case .weibull: return "Weibull"
        case .lognormal: return "Log Normal"
        case .loglogistic: return "Log logistic"
        case .gaussian: return "Gaussian"
        case .logistic: return "Logistic"
        }
    }
}

extension SurvregDistribution.Family {
    /// R's `init` of the family: a mean and a variance of W·σ from the (weighted) responses,
    /// the extreme value shifted by Euler's constant (0.572) and scaled by π²/6 ≈ 1.64.
    func initialMeanVariance(_ y: [Double], weights: [Double]) -> (mean: Double, variance: Double) {
        var sw = 0.0, swy = 0.0
        for i in y.indices { sw += weights[i]; swy += weights[i] * y[i] }
        let mean = swy / sw
        var ss = 0.0
        for i in y.indices { ss += weights[i] * (y[i] - mean) * (y[i] - mean) }
        let variance = ss / sw
        switch self {
        case .extremeValue: return (mean + 0.572, variance / 1.64)
        case .logistic: return (mean, variance / 3.2)
        case .gaussian: return (mean, variance)
        }
    }

    /// The p-quantile of W (R's `quantile` of the family).
    public func quantile(_ p: Double) -> Double {
        switch self {
        case .extremeValue: return log(-log(1 - p))
        case .logistic: return log(p / (1 - p))
        case .gaussian: return Normal.quantile(p)
        }
    }

    /// R's `density` of the family at z: (F, 1 − F, f, f′/f, f″/f), used for starting values.
    func summary(_ z: Double) -> (cdf: Double, survival: Double, density: Double, d1: Double, d2: Double) {
        switch self {
        case .extremeValue:
            let w = exp(z), ww = exp(-w)
            return (1 - ww, ww, w * ww, 1 - w, w * (w - 3) + 1)
        case .logistic:
            let w = exp(z)
            return (w / (1 + w), 1 / (1 + w), w / ((1 + w) * (1 + w)), (1 - w) / (1 + w),
                    (w * (w - 4) + 1) / ((1 + w) * (1 + w)))
        case .gaussian:
            return (Normal.cdf(z), Normal.cdf(-z), Normal.pdf(z), -z, z * z - 1)
        }
    }

    /// For an exact observation: f, f′/f and f″/f at z (survival's `survregc1` case 1,
    /// with its guard against exp overflow for the extreme value).
    @inline(__always)
    func exact(_ z: Double) -> (f: Double, logf: Double, d1: Double, d2: Double) {
        switch self {
        case .extremeValue:
            // log f = z − e^z exactly, which saves a log per row over log(w·e^(−w)).
            let zc = min(max(z, -200), 200)
            let w = exp(zc)
            return (w * exp(-w), zc - w, 1 - w, w * (w - 3) + 1)
        case .logistic:
            // Symmetric form that never evaluates exp of a large positive number.
            let w = exp(-abs(z)), t = 1 + w
            let sign: Double = z > 0 ? -1 : 1
            let f = w / (t * t)
            return (f, log(f), sign * (1 - w) / t, (w * w - 4 * w + 1) / (t * t))
        case .gaussian:
            let f = exp(-z * z / 2) / 2.506628274631001
            return (f, log(f), -z, z * z - 1)
        }
    }

    /// For a right-censored observation: 1 − F, f and f′ at z (`survregc1` case 2).
    @inline(__always)
    func censored(_ z: Double) -> (survival: Double, logS: Double, f: Double, df: Double) {
        switch self {
        case .extremeValue:
            let w = exp(min(max(z, -200), 200)), s = exp(-w)
            return (s, -w, w * s, w * s * (1 - w))
        case .logistic:
            let w = exp(-abs(z)), t = 1 + w
            let f = w / (t * t)
            let sign: Double = z > 0 ? -1 : 1
            let s = z > 0 ? w / t : 1 / t
            return (s, log(s), f, sign * f * (1 - w) / t)
        case .gaussian:
            let f = exp(-z * z / 2) / 2.506628274631001
            let s = z > 0 ? erfc(z / 2.0.squareRoot()) / 2 : (1 + erf(-z / 2.0.squareRoot())) / 2
            return (s, log(s), f, -z * f)
        }
    }
}
