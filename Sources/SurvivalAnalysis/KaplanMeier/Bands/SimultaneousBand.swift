internal import Foundation

/// Which simultaneous confidence band for S(t) (SAS LIFETEST `CONFBAND=`).
public enum SimultaneousBandKind: String, Sendable, CaseIterable {
    /// Hall & Wellner (1980): width proportional to (1 + nσ²_S(t)) Ŝ(t)/√n.
    case hallWellner = "hall-wellner"
    /// Nair (1984) equal precision: width proportional to σ_S(t) Ŝ(t), a scaled pointwise interval.
    case equalPrecision = "equal-precision"
}

/// The scale a simultaneous band is built on (SAS LIFETEST `CONFTYPE=`; Klein & Moeschberger 2003,
/// §4.4, equations 4.4.2–4.4.4).
public enum SimultaneousBandTransform: String, Sendable, CaseIterable {
    /// Ŝ ± h·Ŝ, clipped to [0, 1] (K&M 4.4.2).
    case linear
    /// Ŝ·e^{±h}, upper limit capped at 1 (the band on the log Ŝ scale, as R's default conf.type).
    case log
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

/// A Hall–Wellner or equal-precision simultaneous confidence band for a Kaplan–Meier curve over
/// [t_L, t_U] (Klein & Moeschberger 2003, §4.4; SAS LIFETEST `CONFBAND=HW|EP`), with
/// σ²_S(t) = Σ d/(Y(Y − d)) (Greenwood, the square of survfit's `std.err`) and a = nσ²/(1 + nσ²) at
/// t_L and t_U. The half-width on the log scale is h = c(1 + nσ²)/√n (Hall–Wellner, c from
/// sup |W⁰| over [a_L, a_U], K&M table C.3) or h = eσ (equal precision, e from
/// sup |W⁰(x)|/√(x(1 − x)), K&M table C.4).
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
    /// The critical value c_α(a_L, a_U) (K&M table C.3) or e_α(a_L, a_U) (table C.4).
    public var critical: Double
    /// Row indices of the curve whose times lie in [t_L, t_U].
    public var rows: [Int]
    /// Lower limit at each of `rows`.
    public var lower: [Double]
    /// Upper limit at each of `rows`.
    public var upper: [Double]

    /// Equal when every field is equal (tuples are not `Equatable`).
    public static func == (l: SimultaneousBand, r: SimultaneousBand) -> Bool {
        l.kind == r.kind && l.transform == r.transform && l.level == r.level && l.range == r.range
            && l.bridgeRange == r.bridgeRange && l.critical == r.critical && l.rows == r.rows
            && l.lower == r.lower && l.upper == r.upper
    }

    /// Builds the band.
    /// - Parameters:
    ///   - curve: a Kaplan–Meier curve (its `logStandardError` is the Greenwood σ_S).
    ///   - kind: Hall–Wellner or equal precision.
    ///   - transform: linear, log-log or arcsine.
    ///   - level: confidence level in (0, 1).
    ///   - low: t_L; nil for the first event time (SAS default).
    ///   - high: t_U; nil for the last event time at which Ŝ > 0 (SAS default; where Ŝ reaches 0
    ///     σ² is infinite and a_U would be 1).
    /// - Throws: ``SimultaneousBandError``.
    public init(_ curve: SurvivalCurve, kind: SimultaneousBandKind = .hallWellner,
                transform: SimultaneousBandTransform, level: Double,
                low: Double? = nil, high: Double? = nil) throws(SimultaneousBandError) {
        precondition(level > 0 && level < 1, "confidence level must lie in (0, 1)")
        let eventRows = (0..<curve.count).filter { curve.nEvent[$0] > 0 }
        let finiteRows = eventRows.filter { curve.survival[$0] > 0 && curve.logStandardError[$0].isFinite }
        guard let first = eventRows.first, let last = finiteRows.last else { throw SimultaneousBandError.noEvents }
        let tL = low ?? curve.time[first], tU = high ?? curve.time[last]
        let n = Double(curve.n)
        /// σ²_S at t: the value of the step in effect at t (0 before the first time).
        func variance(at t: Double) -> Double {
            var i = -1
            while i + 1 < curve.count, curve.time[i + 1] <= t { i += 1 }
            return i < 0 ? 0 : curve.logStandardError[i] * curve.logStandardError[i]
        }
        let vL = variance(at: tL), vU = variance(at: tU)
        // The range must start at or after the first event (a_L > 0 for equal precision, and SAS
        // requires it) and end where σ² is finite (a_U < 1).
        guard tL >= curve.time[first], tU <= curve.time[last], tL < tU, vU.isFinite, vL > 0 else {
            throw SimultaneousBandError.rangeOutsideData(low: tL, high: tU, firstEvent: curve.time[first],
                                                         lastEvent: curve.time[last])
        }
        let aL = n * vL / (1 + n * vL)
        let aU = n * vU / (1 + n * vU)
        guard aU > aL else { throw SimultaneousBandError.noEvents }
        let c: Double
        switch kind {
        case .hallWellner: c = BrownianBridgeSupremum.criticalValue(level: level, from: aL, to: aU)
        case .equalPrecision: c = EqualPrecisionSupremum.criticalValue(level: level, from: aL, to: aU)
        }
        self.kind = kind; self.transform = transform; self.level = level
        self.range = (tL, tU); self.bridgeRange = (aL, aU); self.critical = c
        rows = (0..<curve.count).filter { curve.time[$0] >= tL && curve.time[$0] <= tU }
        var lower = [Double](), upper = [Double]()
        for i in rows {
            let s = curve.survival[i], se = curve.logStandardError[i]
            let h: Double
            switch kind {
            case .hallWellner: h = c * (1 + n * se * se) / n.squareRoot()   // K&M 4.4.2
            case .equalPrecision: h = c * se                                  // K&M 4.4.5
            }
            let (lo, hi) = SimultaneousBand.limits(s, h, transform)
            lower.append(lo); upper.append(hi)
        }
        self.lower = lower; self.upper = upper
    }

    /// The limits laid out on all `rowCount` rows of the curve, NaN (R's NA) outside the band's
    /// range: the columns `band_lower`, `band_upper` of `survkit km`.
    /// - Parameter rowCount: the curve's number of rows.
    public func limitsByRow(rowCount: Int) -> (lower: [Double], upper: [Double]) {
        var lo = [Double](repeating: .nan, count: rowCount), hi = lo
        for (k, i) in rows.enumerated() { lo[i] = lower[k]; hi[i] = upper[k] }
        return (lo, hi)
    }

    /// Limits at one time for the log-scale half-width h (K&M 4.4.2–4.4.7); NaN where
    /// the transform is undefined (Ŝ = 0 or 1 for log-log and arcsine).
    static func limits(_ s: Double, _ h: Double, _ transform: SimultaneousBandTransform) -> (Double, Double) {
        switch transform {
        case .linear:
            return (max(s - h * s, 0), min(s + h * s, 1))
        case .log:
            return (s * exp(-h), min(s * exp(h), 1))
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
