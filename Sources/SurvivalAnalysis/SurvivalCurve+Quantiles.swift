/// A quantile of the survival distribution with its confidence limits. NaN is R's NA (not
/// reached).
public struct SurvivalQuantile: Sendable, Equatable {
    /// p: the time by which a fraction p has had the event, i.e. where Ŝ(t) crosses 1 − p.
    public var probability: Double
    public var time: Double
    public var lower: Double
    public var upper: Double

    public init(probability: Double, time: Double, lower: Double, upper: Double) {
        self.probability = probability
        self.time = time
        self.lower = lower
        self.upper = upper
    }

    public static func == (a: SurvivalQuantile, b: SurvivalQuantile) -> Bool {
        func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
        return same(a.probability, b.probability) && same(a.time, b.time)
            && same(a.lower, b.lower) && same(a.upper, b.upper)
    }
}

extension SurvivalCurve {
    /// Quantiles of the curve with confidence limits, exactly as R's
    /// `quantile(fit, probs, conf.int = TRUE)` (`survival:::quantile.survfit`): the estimate is
    /// where Ŝ crosses 1 − p, the limits where the band's lower and upper curves cross it.
    ///
    /// R's rule for a flat stretch: when Ŝ equals 1 − p (within √ε) on an interval, the quantile
    /// is the midpoint of that interval, and when the curve ends on such a stretch, the midpoint
    /// of its start and the last time. All `probs` are searched together, as R does (R returns
    /// NA for every p when the curve never reaches the smallest p).
    /// - Complexity: O(m · k) for m rows and k probabilities (usually O(m), stopping early on a
    ///   monotone curve).
    public func quantiles(_ probs: [Double], band: ConfidenceBand) -> [SurvivalQuantile] {
        precondition(band.lower.count == count, "band of a different curve")
        let estimate = QuantileSearch.find(probs, time: time, survival: survival)
        let lowerTimes = QuantileSearch.find(probs, time: time, survival: band.lower)
        let upperTimes = QuantileSearch.find(probs, time: time, survival: band.upper)
        return probs.indices.map {
            SurvivalQuantile(probability: probs[$0], time: estimate[$0],
                             lower: lowerTimes[$0], upper: upperTimes[$0])
        }
    }

    /// The median, as `quantile(fit, 0.5)`.
    /// - Complexity: O(m).
    public func median(band: ConfidenceBand) -> SurvivalQuantile {
        quantiles([0.5], band: band)[0]
    }
}

/// R's `survival:::findq` on the points x = (0, t₁, …, tₘ), y = (0, 1 − s₁, …, 1 − sₘ).
///
/// R's steps: return NA for every p if max(y) < min(p); drop repeated y values (keeping the
/// first; NA counts as a value); for each p find, with `approx(y ± tol, index, p, "constant",
/// f = 1)`, the first point whose y + tol and y − tol reach p, and average their x; p = 0 gives
/// the first x; if p is within tol of the last remaining y, average with the curve's last time.
/// `approx` returns NA outside [min, max] of its (non-NA) abscissae.
enum QuantileSearch {
    /// R's default `tolerance = sqrt(.Machine$double.eps)`.
    static let tolerance = Double.ulpOfOne.squareRoot()

    /// One time per probability; NaN for NA.
    /// - Complexity: O(m · k), with an early stop per p when y is non-decreasing.
    static func find(_ probs: [Double], time: [Double], survival: [Double]) -> [Double] {
        let tol = tolerance
        let count = survival.count + 1
        return time.withUnsafeBufferPointer { t in
            survival.withUnsafeBufferPointer { s in
                @inline(__always) func x(_ i: Int) -> Double { i == 0 ? 0 : t[i - 1] }
                @inline(__always) func y(_ i: Int) -> Double { i == 0 ? 0 : 1 - s[i - 1] }

                // Range of the non-NA y, where NA first appears, and whether y is monotone.
                var minY = Double.infinity, maxY = -Double.infinity
                var firstNA = -1
                var nondecreasing = true
                var lastValue = -Double.infinity
                for i in 0..<count {
                    let v = y(i)
                    if v.isNaN {
                        if firstNA < 0 { firstNA = i }
                        continue
                    }
                    if v < lastValue { nondecreasing = false }
                    lastValue = v
                    minY = Swift.min(minY, v)
                    maxY = Swift.max(maxY, v)
                }
                guard let smallest = probs.min(), !(maxY < smallest) else {
                    return [Double](repeating: .nan, count: probs.count)
                }
                let lastY = lastDistinctValue(count: count, firstNA: firstNA, y: y)

                /// approx(y + shift, index, p, method = "constant", f = 1): the first point whose
                /// shifted value is the smallest one ≥ p; nil (NA) when p lies outside the range.
                func index(_ p: Double, shift: Double) -> Int? {
                    guard !(p < minY + shift), !(p > maxY + shift) else { return nil }
                    var best: Int? = nil
                    var bestValue = Double.infinity
                    for i in 0..<count {
                        let v = y(i)
                        if v.isNaN { continue }
                        let shifted = v + shift
                        if shifted >= p {
                            if nondecreasing { return i }
                            if shifted < bestValue { bestValue = shifted; best = i }
                        }
                    }
                    return best
                }

                let xmax = x(count - 1)
                return probs.map { p in
                    let first = index(p, shift: tol)
                    let second = index(p, shift: -tol)
                    var q = Double.nan
                    if let first, let second { q = (x(first) + x(second)) / 2 }
                    if p == 0 { q = x(0) }
                    if !lastY.isNaN, abs(p - lastY) < tol {
                        q = first.map { (x($0) + xmax) / 2 } ?? .nan
                    }
                    return q
                }
            }
        }
    }

    /// The last value that `duplicated()` keeps: walking back from the end, the first point whose
    /// value did not occur earlier (all NA count as one value). NaN when that point is NA.
    /// - Complexity: O(m) unless values recur non-adjacently near the end.
    private static func lastDistinctValue(count: Int, firstNA: Int, y: (Int) -> Double) -> Double {
        var i = count - 1
        while i > 0 {
            let v = y(i)
            if v.isNaN {
                if i == firstNA { return v }
            } else if !(y(i - 1) == v) {
                var earlier = false
                for j in 0..<(i - 1) where y(j) == v { earlier = true; break }
                if !earlier { return v }
            }
            i -= 1
        }
        return y(0)
    }
}
