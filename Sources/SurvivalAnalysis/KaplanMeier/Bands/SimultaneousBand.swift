internal import Foundation

/// Which simultaneous confidence band for S(t) (SAS LIFETEST `CONFBAND=`).
public enum SimultaneousBandKind: String, Sendable, CaseIterable {
    /// Hall & Wellner (1980): width proportional to (1 + nσ²_S(t)) Ŝ(t)/√n.
    case hallWellner = "hall-wellner"
}

/// The scale a simultaneous band is built on (SAS LIFETEST `CONFTYPE=`; Klein & Moeschberger 2003,
/// §4.4, equations 4.4.2–4.4.4).
public enum SimultaneousBandTransform: String, Sendable, CaseIterable {
    /// Ŝ ± h·Ŝ, clipped to [0, 1] (K&M 4.4.2).
    case linear
    /// Ŝ^{exp(±h / log Ŝ)} (K&M 4.4.3).
    case logLog = "log-log"
    /// sin²(arcsin √Ŝ ± ½ h √(Ŝ/(1 − Ŝ))), kept in [0, π/2] (K&M 4.4.4).
    case arcsin
}

/// Why a simultaneous band cannot be computed.
public enum SimultaneousBandError: Error, Equatable, Sendable {
    /// The requested range [low, high] does not lie inside [first, last] event time of the curve.
    case rangeOutsideData(low: Double, high: Double, firstEvent: Double, lastEvent: Double)
    /// The curve has no event, or the variance at the lower end of the range is zero.
    case noEvents
}

/// A Hall–Wellner simultaneous confidence band for a Kaplan–Meier curve over [t_L, t_U]
/// (Klein & Moeschberger 2003, §4.4), with σ²_S(t) = Σ d/(Y(Y − d)) (Greenwood, the square of the
/// standard error of −log Ŝ) and a = nσ²/(1 + nσ²) at t_L and t_U.
public struct SimultaneousBand: Sendable, Equatable {
    /// The band's kind (SAS `CONFBAND=`).
    public var kind: SimultaneousBandKind
    /// Its scale (SAS `CONFTYPE=`).
    public var transform: SimultaneousBandTransform
    /// Confidence level, e.g. 0.95.
    public var level: Double
    /// Lower and upper ends t_L, t_U of the range of times the band covers.
    public var range: (low: Double, high: Double)
    /// a_L and a_U, the range on the Brownian-bridge scale.
    public var bridgeRange: (low: Double, high: Double)
    /// The critical value c_α(a_L, a_U) (K&M table C.3).
    public var critical: Double
    /// Row indices of the curve whose times lie in [t_L, t_U].
    public var rows: [Int]
    /// Lower limit at each of `rows`.
    public var lower: [Double]
    /// Upper limit at each of `rows`.
    public var upper: [Double]

    public static func == (l: SimultaneousBand, r: SimultaneousBand) -> Bool {
        l.kind == r.kind && l.transform == r.transform && l.level == r.level && l.range == r.range
            && l.bridgeRange == r.bridgeRange && l.critical == r.critical && l.rows == r.rows
            && l.lower == r.lower && l.upper == r.upper
    }

    /// Builds the band.
    /// - Parameters:
    ///   - curve: a Kaplan–Meier curve (its `logStandardError` is the Greenwood σ_S).
    ///   - kind: the band (Hall–Wellner).
    ///   - transform: linear, log-log or arcsine.
    ///   - level: confidence level in (0, 1).
    ///   - low: t_L; nil for the first event time (SAS default).
    ///   - high: t_U; nil for the last event time (SAS default).
    /// - Throws: ``SimultaneousBandError``.
    public init(_ curve: SurvivalCurve, kind: SimultaneousBandKind = .hallWellner,
                transform: SimultaneousBandTransform, level: Double,
                low: Double? = nil, high: Double? = nil) throws {
        precondition(level > 0 && level < 1, "confidence level must lie in (0, 1)")
        let eventRows = (0..<curve.count).filter { curve.nEvent[$0] > 0 }
        guard let first = eventRows.first, let last = eventRows.last else { throw SimultaneousBandError.noEvents }
        let tL = low ?? curve.time[first], tU = high ?? curve.time[last]
        guard tL >= curve.time[first], tU <= curve.time[last], tL < tU else {
            throw SimultaneousBandError.rangeOutsideData(low: tL, high: tU, firstEvent: curve.time[first],
                                                         lastEvent: curve.time[last])
        }
        let n = Double(curve.n)
        /// σ²_S at t: the value of the step in effect at t.
        func variance(at t: Double) -> Double {
            var i = -1
            while i + 1 < curve.count, curve.time[i + 1] <= t { i += 1 }
            return i < 0 ? 0 : curve.logStandardError[i] * curve.logStandardError[i]
        }
        let aL = n * variance(at: tL) / (1 + n * variance(at: tL))
        let aU = n * variance(at: tU) / (1 + n * variance(at: tU))
        guard aU > aL else { throw SimultaneousBandError.noEvents }
        let c = BrownianBridgeSupremum.criticalValue(level: level, from: aL, to: aU)
        self.kind = kind; self.transform = transform; self.level = level
        self.range = (tL, tU); self.bridgeRange = (aL, aU); self.critical = c
        rows = (0..<curve.count).filter { curve.time[$0] >= tL && curve.time[$0] <= tU }
        var lower = [Double](), upper = [Double]()
        for i in rows {
            let s = curve.survival[i], se = curve.logStandardError[i]
            let h = c * (1 + n * se * se) / n.squareRoot()
            let (lo, hi) = SimultaneousBand.limits(s, h, transform)
            lower.append(lo); upper.append(hi)
        }
        self.lower = lower; self.upper = upper
    }

    /// Limits at one time for half-width factor h = c(1 + nσ²)/√n (K&M 4.4.2–4.4.4); NaN where
    /// the transform is undefined (Ŝ = 0 or 1 for log-log and arcsine).
    static func limits(_ s: Double, _ h: Double, _ transform: SimultaneousBandTransform) -> (Double, Double) {
        switch transform {
        case .linear:
            return (max(s - h * s, 0), min(s + h * s, 1))
        case .logLog:
            guard s > 0, s < 1 else { return (.nan, .nan) }
            let theta = exp(h / log(s))
            return (pow(s, 1 / theta), pow(s, theta))
        case .arcsin:
            guard s > 0, s < 1 else { return (.nan, .nan) }
            let center = asin(s.squareRoot()), half = 0.5 * h * (s / (1 - s)).squareRoot()
            let lo = sin(max(0, center - half)), hi = sin(min(Double.pi / 2, center + half))
            return (lo * lo, hi * hi)
        }
    }
}
