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
    /// - Precondition: min and max finite, min ≤ max, target ≥ 2.
    public init(covering min: Double, _ max: Double, target: Int = 6) {
        precondition(min.isFinite && max.isFinite && min <= max && target >= 2)
        let low = min
        var high = max
        if high == low { high = low == 0 ? 1 : low + Swift.max(1, abs(low) * 0.1) }
        let step = NiceTicks.niceNumber((high - low) / Double(target - 1), round: true)
        let first = (low / step).rounded(.down), last = (high / step).rounded(.up)
        self.init(firstMultiple: Int(first), lastMultiple: Int(last), step: step)
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

    private init(firstMultiple: Int, lastMultiple: Int, step: Double) {
        let last = Swift.max(lastMultiple, firstMultiple + 1)
        self.step = step
        self.values = (firstMultiple...last).map { Double($0) * step }
        self.lower = values.first!
        self.upper = values.last!
        self.decimals = Swift.max(0, -Int(log10(step).rounded(.down)))
    }

    /// The label of a tick value: fixed decimals as the step needs ("0.25", "200").
    public func label(_ value: Double) -> String {
        if decimals == 0 { return String(Int64(value.rounded())) }
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
