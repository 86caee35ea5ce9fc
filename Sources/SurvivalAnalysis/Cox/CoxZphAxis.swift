import PlatformSupport

/// A tick of a `cox.zph` plot's x axis: where it sits on the transformed-time axis and the
/// original time it stands for.
public struct CoxZphTick: Sendable, Equatable {
    /// Position on the transformed-time axis g(t).
    public let position: Double
    /// The time printed at the tick.
    public let time: Double
}

extension CoxZphResiduals {
    /// The x ticks R's `plot.cox.zph` labels with original times when g is not the identity:
    /// 8 points evenly inside the x range (`seq(min, max, length = 17)[2 * (1:8)]`), their
    /// times interpolated (`approx`) and rounded to 2 significant digits (`signif`), then
    /// placed back on the g axis by interpolation. For `.log`, the times 1, 2, 5 × 10^k inside
    /// the range at g = log t (R draws a log axis there instead). Empty for `.identity`, whose
    /// axis is time itself.
    /// - Complexity: O(events log events).
    public func axisTicks() -> [CoxZphTick] {
        guard let low = transformedTime.min(), let high = transformedTime.max(), low < high else { return [] }
        switch transform {
        case .identity:
            return []
        case .log:
            let first = Int((low / naturalLogOf10).rounded(.down)), last = Int((high / naturalLogOf10).rounded(.up))
            return (first...last).flatMap { k in [1.0, 2, 5].map { $0 * power10(k) } }
                .filter { $0 > 0 && log($0) >= low && log($0) <= high }
                .map { CoxZphTick(position: log($0), time: $0) }
        case .km, .rank:
            // First occurrence of each x (R's !duplicated), as (x, time) pairs sorted by x.
            var seen = Set<Double>()
            var pairs: [(x: Double, t: Double)] = []
            for (x, t) in zip(transformedTime, time) where seen.insert(x).inserted { pairs.append((x, t)) }
            let byX = pairs.sorted { $0.x < $1.x }
            let byTime = pairs.sorted { $0.t < $1.t }
            let grid = CoxZphResiduals.grid(from: low, to: high, count: 17)
            return stride(from: 1, to: 17, by: 2).compactMap { i -> CoxZphTick? in
                guard let t = interpolate(byX.map(\.x), byX.map(\.t), at: grid[i]) else { return nil }
                let label = significant(t, digits: 2)
                guard let position = interpolate(byTime.map(\.t), byTime.map(\.x), at: label) else { return nil }
                return CoxZphTick(position: position, time: label)
            }
        }
    }
}

/// R's `approx(x, y, xout)$y` (linear, rule = 1: nil outside [x₁, xₙ]) for increasing x.
private func interpolate(_ x: [Double], _ y: [Double], at value: Double) -> Double? {
    guard let first = x.first, let last = x.last, value >= first, value <= last else { return nil }
    var lo = 0, hi = x.count - 1
    while hi - lo > 1 {
        let mid = (lo + hi) / 2
        if value < x[mid] { hi = mid } else { lo = mid }
    }
    if value == x[hi] { return y[hi] }
    if x[hi] == x[lo] { return y[lo] }
    return y[lo] + (y[hi] - y[lo]) * (value - x[lo]) / (x[hi] - x[lo])
}

/// R's `signif(value, digits)`.
private func significant(_ value: Double, digits: Int) -> Double {
    guard value != 0, value.isFinite else { return value }
    let exponent = Int(log10(abs(value)).rounded(.down)) - digits + 1
    let scale = power10(-exponent)
    return (value * scale).rounded(.toNearestOrEven) / scale
}

private func power10(_ k: Int) -> Double { pow(10, Double(k)) }
private let naturalLogOf10 = log(10.0)
