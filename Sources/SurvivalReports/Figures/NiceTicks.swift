import PlatformSupport

/// Axis ticks at "nice" numbers (1, 2 or 5 times a power of ten), by Heckbert's loose labelling
/// (P. S. Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990): the step is the nice
/// number nearest (max − min)/(n − 1) for a target of n ticks, and the axis is widened outwards
/// to whole steps, so the data always lie inside the first and last tick.
///
/// Tick values are integer multiples k·step computed from k, so no rounding drift accumulates
/// and the labels (printed with as many decimals as the step needs) are exact.
public struct NiceTicks: Sendable, Equatable {
    /// First tick (≤ the data minimum).
    public let lower: Double
    /// Last tick (≥ the data maximum).
    public let upper: Double
    /// Distance between ticks: 1, 2 or 5 × 10^k.
    public let step: Double
    /// The tick values, lower to upper.
    public let values: [Double]
    /// Decimals the labels need (the step's).
    public let decimals: Int

    /// Ticks covering [min, max] with about `target` ticks (Heckbert: `nicenum(range/(n−1), round)`).
    /// A degenerate range (min = max) is widened to [min, min + 1] (or [0, 1] at 0).
    ///
    /// Every finite range gives finite ticks: a range wider than the largest double (−1e308 to
    /// 1e308) is measured in halves, a range of subnormals gets the smallest normal step, and when
    /// the whole step above `max` would overflow, `max` itself is the last tick.
    /// - Precondition: min and max finite, min ≤ max, target ≥ 2.
    public init(covering min: Double, _ max: Double, target: Int = 6) {
        precondition(min.isFinite && max.isFinite && min <= max && target >= 2)
        var low = min
        var high = max
        if high == low {
            let widening = Swift.max(1, abs(low) * 0.1)
            if (low + widening).isFinite { high = low + widening } else { low -= widening }
        }
        // (high − low)/(n − 1) from halves, so that 1e308 − (−1e308) does not overflow.
        let raw = (high * 0.5 - low * 0.5) / (Double(target - 1) * 0.5)
        let step = NiceTicks.niceNumber(Swift.min(Swift.max(raw, .leastNormalMagnitude), .greatestFiniteMagnitude),
                                        round: true)
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        self.init(firstMultiple: first, lastMultiple: last, step: step, low: low, high: high)
    }

    /// Ticks at explicit values (`--plot-times`): sorted, deduplicated; the axis runs from
    /// `from` (if below the first value) to the last value; the step is the smallest gap.
    /// - Precondition: at least one finite value.
    public init(explicit values: [Double], from start: Double? = nil) {
        var sorted: [Double] = []
        for v in values.sorted() where sorted.last != v { sorted.append(v) }
        precondition(!sorted.isEmpty && sorted.allSatisfy(\.isFinite))
        self.values = sorted
        self.lower = Swift.min(start ?? sorted.first!, sorted.first!)
        self.upper = sorted.last! > lower ? sorted.last! : lower + 1
        self.step = zip(sorted.dropFirst(), sorted).map { $0 - $1 }.min() ?? 0
        self.decimals = sorted.map(NiceTicks.decimalsNeeded).max() ?? 0
    }

    private init(firstMultiple: Double, lastMultiple: Double, step: Double, low: Double, high: Double) {
        // The multiples are at most ~2^53 apart from 0 (a step is at least the data's spacing over
        // the target), and a handful apart from each other; checked before they become integers.
        let last = Swift.max(lastMultiple, firstMultiple + 1)
        var values: [Double] = []
        if abs(firstMultiple) < 0x1p53, abs(last) < 0x1p53, last - firstMultiple <= 1000 {
            for k in Int(firstMultiple)...Int(last) {
                let v = Double(k) * step
                // A step beyond the largest double: the data's own bound ends the axis.
                if !v.isFinite, k < 0 { if values.isEmpty { values.append(low) }; continue }
                if !v.isFinite { values.append(high); break }
                values.append(v)
            }
        } else {
            values = [low, high]
        }
        self.step = step
        self.values = values
        self.lower = values.first!
        self.upper = values.last!
        self.decimals = Swift.max(0, -Int(log10(step).rounded(.down)))
    }

    /// The label of a tick value: fixed decimals as the step needs ("0.25", "200").
    public func label(_ value: Double) -> String {
        // Past 1e15 a whole number is written in exponent form (and Int64 would trap past 9.2e18).
        if decimals == 0 { return abs(value) < 1e15 ? String(Int64(value.rounded())) : NumberText.roundTrip(value) }
        return NumberText.fixed(value, decimals: decimals)
    }

    /// Heckbert's nice number: 1, 2, 5 or 10 × 10^⌊log10 x⌋, rounded (nearest) or ceiled.
    /// - Precondition: x > 0 and finite.
    public static func niceNumber(_ x: Double, round: Bool) -> Double {
        precondition(x > 0 && x.isFinite)
        let exponent = log10(x).rounded(.down)
        let power = pow(10, exponent)
        let fraction = x / power
        let nice: Double
        if round {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return nice * power
    }

    /// Decimals needed to print `x` exactly with up to 6 decimals.
    static func decimalsNeeded(_ x: Double) -> Int {
        for d in 0...6 where (x * pow(10, Double(d))).rounded() == x * pow(10, Double(d)) { return d }
        return 6
    }
}
