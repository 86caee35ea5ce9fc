/// A quantile of the survival distribution with its confidence limits. NaN is R's NA (not
/// reached).
public struct SurvivalQuantile: Sendable, Equatable {
    /// p: the time by which a fraction p has had the event, i.e. where Ŝ(t) crosses 1 − p.
    public var probability: Double
    /// The quantile: the smallest time where Ŝ(t) ≤ 1 − p (R's midpoint rule on a flat stretch); NaN when not reached.
    public var time: Double
    /// Lower confidence limit of the quantile (where the upper band crosses); NaN for NA.
    public var lower: Double
    /// Upper confidence limit of the quantile (where the lower band crosses); NaN for NA.
    public var upper: Double

    /// A quantile and its limits.
    public init(probability: Double, time: Double, lower: Double, upper: Double) {
        self.probability = probability
        self.time = time
        self.lower = lower
        self.upper = upper
    }

    /// Equal when all fields are equal, NaN counting as equal to NaN (R's NA).
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
/// `approx` sorts its points and returns, for p inside their range, the value at the smallest
/// abscissa ≥ p: here the first point holding the smallest y ± tol that is ≥ p.
///
/// y is read as runs of consecutive non-NA points that never decrease (one run for Ŝ itself, a
/// few for a band's limits), so each search is a binary search per run.
enum QuantileSearch {
    /// R's default `tolerance = sqrt(.Machine$double.eps)`.
    static let tolerance = Double.ulpOfOne.squareRoot()

    /// One time per probability; NaN for NA.
    /// - Complexity: O(m + r · k · log m) for m rows, r non-decreasing runs and k probabilities.
    static func find(_ probs: [Double], time: [Double], survival: [Double]) -> [Double] {
        let tol = tolerance
        let m = survival.count
        return time.withUnsafeBufferPointer { t in
            survival.withUnsafeBufferPointer { s in
                @inline(__always) func x(_ i: Int) -> Double { i == 0 ? 0 : t[i - 1] }
                @inline(__always) func y(_ i: Int) -> Double { i == 0 ? 0 : 1 - s[i - 1] }

                // The shape of y: its runs, the range of its non-NA values, where NA first appears.
                var runs: [Range<Int>] = []
                var runStart = 0
                var minY = 0.0, maxY = 0.0, previous = 0.0
                var firstNA = -1
                for i in 1..<(m + 1) {
                    let v = 1 - s[i - 1]
                    if v.isNaN {
                        if firstNA < 0 { firstNA = i }
                        if runStart >= 0 { runs.append(runStart..<i); runStart = -1 }
                        continue
                    }
                    if runStart < 0 {
                        runStart = i
                    } else if v < previous {
                        runs.append(runStart..<i)
                        runStart = i
                    }
                    previous = v
                    minY = Swift.min(minY, v)
                    maxY = Swift.max(maxY, v)
                }
                if runStart >= 0 { runs.append(runStart..<(m + 1)) }
                guard let smallest = probs.min(), !(maxY < smallest) else {
                    return [Double](repeating: .nan, count: probs.count)
                }

                /// The first point of the smallest y + shift that is ≥ bound, or nil.
                func smallestReaching(_ bound: Double, shift: Double) -> Int? {
                    var best: Int? = nil
                    var bestValue = Double.infinity
                    for run in runs where y(run.upperBound - 1) + shift >= bound {
                        var lo = run.lowerBound, hi = run.upperBound - 1
                        while lo < hi {
                            let mid = lo + (hi - lo) / 2
                            if y(mid) + shift >= bound { hi = mid } else { lo = mid + 1 }
                        }
                        let value = y(lo) + shift
                        if value < bestValue { bestValue = value; best = lo }
                    }
                    return best
                }

                /// approx(y + shift, index, p, "constant", f = 1): NA outside the range.
                func index(_ p: Double, shift: Double) -> Int? {
                    guard !(p < minY + shift), !(p > maxY + shift) else { return nil }
                    return smallestReaching(p, shift: shift)
                }

                /// Whether `value` occurs among the points before `i`.
                func occursBefore(_ i: Int, _ value: Double) -> Bool {
                    for run in runs where run.lowerBound < i {
                        let upper = Swift.min(run.upperBound, i)
                        guard y(upper - 1) >= value else { continue }
                        var lo = run.lowerBound, hi = upper - 1
                        while lo < hi {
                            let mid = lo + (hi - lo) / 2
                            if y(mid) >= value { hi = mid } else { lo = mid + 1 }
                        }
                        if y(lo) == value { return true }
                    }
                    return false
                }

                // The last value duplicated() keeps: the last point, walking back, whose value
                // did not occur earlier (all NA count as one value).
                var lastY = y(0)
                var i = m
                while i > 0 {
                    let v = y(i)
                    if v.isNaN {
                        if i == firstNA { lastY = v; break }
                    } else if !(y(i - 1) == v), !occursBefore(i, v) {
                        lastY = v
                        break
                    }
                    i -= 1
                }

                let xmax = x(m)
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
}
