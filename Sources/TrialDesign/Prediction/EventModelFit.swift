internal import Foundation
import GSLSupport

/// An event-time model fitted by maximum likelihood to right-censored follow-up times, with the
/// asymptotic normal law of its parameters (log λ, log k) from the observed information.
///
/// Likelihood (events i, all patients j, t > 0): ℓ(a, c) = d·c + Σᵢ [k zᵢ − log tᵢ] − Σⱼ exp(k zⱼ),
/// with a = log λ, c = log k, k = e^c, z = a + log t. The exponential MLE is λ = d / Σ t with
/// var(log λ) = 1/d. The Weibull MLE profiles λ out (λ^k = d / Σ t^k) and solves the profile
/// score in k, d/k + Σᵢ log tᵢ − d·Σⱼ t^k log t / Σⱼ t^k = 0, by Brent's method in log k; the
/// information at the MLE is I_aa = k²d, I_ac = k² Σ z u, I_cc = k² Σ z² u + d (u = e^{kz}).
/// The same estimates as R's `survreg(Surv(t, d) ~ 1, dist = "weibull")` (intercept −log λ,
/// scale 1/k) at full convergence.
public struct EventModelFit: Sendable, Equatable {
    /// The model fitted.
    public let model: EventTimeModel
    /// log λ at the maximum.
    public let logRate: Double
    /// log k at the maximum (0 for the exponential).
    public let logShape: Double
    /// Asymptotic covariance of (log λ, log k): [var a, cov(a, c), var c]; cov and var c are 0
    /// for the exponential.
    public let covariance: [Double]
    /// Events the fit used.
    public let events: Int
    /// Total follow-up time (exposure).
    public let exposure: Double
    /// The maximised log-likelihood (with the −Σ log t term of the density, as R's survreg).
    public let logLikelihood: Double

    /// λ.
    public var rate: Double { exp(logRate) }
    /// k.
    public var shape: Double { exp(logShape) }
    /// The median time from entry to the event, (log 2)^{1/k} / λ.
    public var median: Double { pow(log(2.0), 1 / shape) / rate }

    /// Fits `model` to follow-up `times` (≥ 0) with `events` flags.
    ///
    /// Errors: ``PredictionError/noEvents(arm:)``; for the Weibull an event at time 0
    /// (``PredictionError/eventAtTimeZero(arm:)``) and a likelihood without a finite maximum
    /// (``PredictionError/shapeNotEstimable(arm:)``). `arm` only labels the error.
    /// - Complexity: O(n) per likelihood evaluation; about 60 evaluations for the Weibull.
    public static func fit(_ model: EventTimeModel, times: [Double], events: [Bool], arm: String? = nil) throws(PredictionError) -> EventModelFit {
        let d = events.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard d > 0 else { throw .noEvents(arm: arm) }
        let exposure = times.reduce(0, +)
        switch model {
        case .exponential:
            let a = log(Double(d) / exposure)
            let ll = Double(d) * a - Double(d)
            return EventModelFit(model: model, logRate: a, logShape: 0, covariance: [1 / Double(d), 0, 0],
                                 events: d, exposure: exposure, logLikelihood: ll)
        case .weibull:
            return try weibull(times: times, events: events, events: d, exposure: exposure, arm: arm)
        }
    }

    /// The maximum of the Weibull log-likelihood in log λ for a fixed shape k (the profile
    /// ridge): λ^k = d / Σ t^k, i.e. log λ = (log d − log Σ t^k) / k, over the positive times.
    /// - Complexity: O(n).
    public static func ridgeLogRate(logTimes: [Double], events: Int, shape k: Double) -> Double {
        guard let maxLog = logTimes.max() else { return .nan }
        var s0 = 0.0
        for l in logTimes { s0 += exp(k * (l - maxLog)) }
        return (log(Double(events)) - log(s0)) / k - maxLog
    }

    private static func weibull(times: [Double], events flags: [Bool], events d: Int, exposure: Double,
                                arm: String?) throws(PredictionError) -> EventModelFit {
        // A time of 0 adds nothing to Σ t^k (k > 0) and, censored, nothing else; an event there has no density.
        var logT: [Double] = [], isEvent: [Bool] = []
        for (t, e) in zip(times, flags) {
            if t > 0 { logT.append(log(t)); isEvent.append(e) } else if e { throw .eventAtTimeZero(arm: arm) }
        }
        let D = Double(d)
        let sumLogEvents = zip(logT, isEvent).reduce(0.0) { $0 + ($1.1 ? $1.0 : 0) }
        let maxLog = logT.max()!
        // Profile score in c = log k; t^k scaled by max t so that no term overflows.
        func score(_ c: Double) -> Double {
            let k = exp(c)
            var s0 = 0.0, s1 = 0.0
            for l in logT {
                let w = exp(k * (l - maxLog))
                s0 += w
                s1 += w * l
            }
            return D / k + sumLogEvents - D * s1 / s0
        }
        // The score decreases in k: widen a bracket around k = 1 until it changes sign.
        var lower = -1.0, upper = 1.0
        var widenings = 0
        while score(lower) <= 0 {
            lower -= 2; widenings += 1
            if widenings > 10 { throw .shapeNotEstimable(arm: arm) }
        }
        widenings = 0
        while score(upper) >= 0 {
            upper += 2; widenings += 1
            if widenings > 3 { throw .shapeNotEstimable(arm: arm) }
        }
        let c: Double
        do {
            c = try RootFinder.brent(lower: lower, upper: upper, absoluteTolerance: 1e-15, relativeTolerance: 1e-15,
                                     maxIterations: 500, score)
        } catch { throw .shapeNotEstimable(arm: arm) }
        let k = exp(c)
        var s0 = 0.0
        for l in logT { s0 += exp(k * (l - maxLog)) }
        // λ^k = d / Σ t^k  ⇒  a = (log d − log Σ (t/tmax)^k) / k − log tmax.
        let a = (log(D) - log(s0)) / k - maxLog
        var szu = 0.0, sz2u = 0.0, su = 0.0, sEventZ = 0.0
        for (l, e) in zip(logT, isEvent) {
            let z = a + l
            let u = exp(k * z)
            su += u; szu += z * u; sz2u += z * z * u
            if e { sEventZ += z }
        }
        let iaa = k * k * D, iac = k * k * szu, icc = k * k * sz2u + D
        let det = iaa * icc - iac * iac
        guard det > 0, det.isFinite else { throw .shapeNotEstimable(arm: arm) }
        let ll = D * c + k * sEventZ - sumLogEvents - su
        return EventModelFit(model: .weibull, logRate: a, logShape: c, covariance: [icc / det, -iac / det, iaa / det],
                             events: d, exposure: exposure, logLikelihood: ll)
    }
}
