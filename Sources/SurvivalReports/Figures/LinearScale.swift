import PlatformSupport

/// Maps data values to pixels along one axis: [domainLower, domainUpper] onto
/// [rangeStart, rangeEnd] (rangeEnd < rangeStart for a y axis, which grows downwards in SVG).
/// With `logarithmic`, log10 of the value is mapped (hazard-ratio axes).
package struct LinearScale: Sendable, Equatable {
    /// The data interval mapped.
    package let domainLower: Double, domainUpper: Double
    /// The drawing interval it is mapped to.
    package let rangeStart: Double, rangeEnd: Double
    /// Map log(x) instead of x (hazard-ratio axes).
    package let logarithmic: Bool

    /// A scale from the data `domain` to the drawing `range`, optionally logarithmic.
    package init(domain: (Double, Double), range: (Double, Double), logarithmic: Bool = false) {
        precondition(domain.0 < domain.1, "empty domain")
        precondition(!logarithmic || domain.0 > 0, "a log axis needs a positive domain")
        domainLower = domain.0; domainUpper = domain.1
        rangeStart = range.0; rangeEnd = range.1
        self.logarithmic = logarithmic
    }

    /// The pixel of `value` (not clamped).
    package func callAsFunction(_ value: Double) -> Double {
        let f = logarithmic
            ? (log10(value) - log10(domainLower)) / (log10(domainUpper) - log10(domainLower))
            : LinearScale.fraction(value, domainLower, domainUpper)
        return rangeStart + f * (rangeEnd - rangeStart)
    }

    /// (value − lower)/(upper − lower); in halves when a difference overflows (an axis from
    /// −1e308 to 1e308), so a finite value always maps to a finite fraction.
    static func fraction(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        let f = (value - lower) / (upper - lower)
        return (upper - lower).isFinite && f.isFinite ? f : (value * 0.5 - lower * 0.5) / (upper * 0.5 - lower * 0.5)
    }

    /// The pixel of `value`, clamped to the range (what clipping to the plot area draws).
    package func clamped(_ value: Double) -> Double {
        let p = self(value)
        let lo = Swift.min(rangeStart, rangeEnd), hi = Swift.max(rangeStart, rangeEnd)
        return Swift.min(Swift.max(p, lo), hi)
    }
}
