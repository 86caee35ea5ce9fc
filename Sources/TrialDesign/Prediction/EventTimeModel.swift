/// The parametric law of the time from entry to the event used to predict events.
///
/// Both are written with a rate λ and a shape k: S(t) = exp(−(λt)^k), cumulative hazard
/// H(t) = (λt)^k; the exponential is k = 1. (R's `survreg(dist = "weibull")` has
/// scale = 1/k and intercept = −log λ.)
public enum EventTimeModel: String, CaseIterable, Sendable {
    case exponential
    case weibull
}
