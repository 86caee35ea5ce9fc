/// Named tolerances for comparing numbers with the reference.
public struct Tolerance: Sendable, CustomStringConvertible {
    public let relative: Double
    public let absolute: Double

    public init(relative: Double, absolute: Double = 0) {
        self.relative = relative
        self.absolute = absolute
    }

    /// |a − b| ≤ absolute + relative·max(|a|, |b|); nil equals nil (R's NA); ±∞ equal only themselves.
    public func accepts(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?):
            if x.isNaN && y.isNaN { return true }
            if x.isInfinite || y.isInfinite { return x == y }
            return abs(x - y) <= absolute + relative * max(abs(x), abs(y))
        default: return false
        }
    }

    public var description: String { "relative \(relative), absolute \(absolute)" }
}

/// The largest relative difference over pairs, for closing notes and failure messages.
public func relativeDifference(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(abs(a), abs(b))
}
