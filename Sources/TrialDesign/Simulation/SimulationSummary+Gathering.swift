import Dispatch
internal import Foundation

/// The summary's distributions read straight from the outcomes: one pass per quantity that
/// writes its finite values, in replicate order, into a scratch buffer reused from quantity to
/// quantity and accumulates the first pass's sums on the way, then the reference's own second
/// pass and quantiles on that buffer (the counts' quantiles from their histogram).
///
/// Why: built as `Distribution(outcomes.map(value))`, each quantity allocated two fresh arrays
/// (the mapped values and their finite part, 8 MB each for 10⁶ replicates, the second grown by
/// doubling) and called its closure once per replicate; with six or seven quantities that was
/// ≈ 130 MB of freshly faulted memory and ≈ 1,300 instructions per replicate (callgrind; now
/// ≈ 430, docs/performance-simulation.md, "Outside the kernel"). The values,
/// their order and the order of every sum are those of ``SimulationSummary/Distribution/init(_:)``,
/// so every result is the same bit for bit (`SimulationSummaryGatheringTests`).
///
/// `@unchecked Sendable`: the outcomes are only read, and only while the summary is built.
struct SummaryGathering: @unchecked Sendable {
    /// The quantities of ``SimulationSummary``, in the order of its distributions.
    enum Quantity: Int, CaseIterable {
        case events, eventsTreatment, analysisTime, patients, dropouts, hazardRatio, coxHazardRatio
    }

    let plan: SimulationPlan
    let outcomes: UnsafeBufferPointer<ReplicateOutcome>
    /// log(k) for k = 0 … plan.patients: the counts' logs without a `log` call per replicate
    /// (the same function of the same argument, so the same bits).
    let logs: [Double]

    init(plan: SimulationPlan, outcomes: UnsafeBufferPointer<ReplicateOutcome>) {
        self.plan = plan
        self.outcomes = outcomes
        logs = (0...max(0, plan.patients)).map { log(Double($0)) }
    }

    /// The distributions of `quantities` (indices of ``Quantity``), side by side on up to the
    /// machine's cores: worker w summarises `order[w]`, `order[w + workers]`, … with one scratch
    /// buffer of its own. Each result is the same whatever worker computes it.
    func distributions(_ quantities: [Quantity]) -> [SimulationSummary.Distribution] {
        let placeholder = SimulationSummary.Distribution([])
        var results = [SimulationSummary.Distribution](repeating: placeholder, count: quantities.count)
        // The real-valued quantities (selection on distinct values) cost more than the counts:
        // dealt out first, so two workers get about the same share.
        let order = quantities.indices.filter { !Self.isCount(quantities[$0]) }
            + quantities.indices.filter { Self.isCount(quantities[$0]) }
        let workers = max(1, min(quantities.count, ProcessInfo.processInfo.activeProcessorCount))
        results.withUnsafeMutableBufferPointer { slots in
            let shared = GatheredSlots(slots)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(1, outcomes.count))
                defer { scratch.deallocate() }
                var j = worker
                while j < order.count {
                    let k = order[j]
                    shared.buffer[k] = distribution(quantities[k], scratch: scratch)
                    j += workers
                }
            }
        }
        return results
    }

    /// Whether `q` is a whole number per replicate (always finite), summarised by `counts(_:_:)`.
    /// Values from which the real-valued quantiles are found by ``OrderStatistics/bucketedQuantiles(_:low:high:probabilities:)``
    /// (the same values, in two passes instead of a quickselect per probability).
    static let bucketedQuantilesFrom = 16_384

    static func isCount(_ q: Quantity) -> Bool {
        switch q {
        case .events, .eventsTreatment, .patients, .dropouts: true
        case .analysisTime, .hazardRatio, .coxHazardRatio: false
        }
    }

    /// One quantity's distribution; `scratch` holds at least `outcomes.count` values.
    func distribution(_ q: Quantity, scratch: UnsafeMutablePointer<Double>) -> SimulationSummary.Distribution {
        switch q {
        case .events: counts(scratch) { $0.events }
        case .eventsTreatment: counts(scratch) { $0.eventsTreatment }
        case .patients: counts(scratch) { $0.patients }
        case .dropouts: counts(scratch) { $0.dropouts }
        // Only ratios report a geometric mean (``SimulationSummary/Distribution/geometricMean``):
        // 10⁶ logarithms of analysis times would be spent on nothing.
        case .analysisTime: reals(scratch, logarithms: false) { $0.analysisTime }
        case .hazardRatio:
            reals(scratch) { [plan] in plan.hazardRatioEstimate(z: $0.z, events: Int($0.events)) }
        case .coxHazardRatio: reals(scratch) { exp($0.coxLogHazardRatio) }
        }
    }

    /// A real quantity: the finite values are kept, as `filter(\.isFinite)` keeps them.
    @inline(__always)
    private func reals(_ scratch: UnsafeMutablePointer<Double>, logarithms: Bool = true,
                       _ value: (ReplicateOutcome) -> Double) -> SimulationSummary.Distribution {
        var n = 0, sum = 0.0, low = Double.infinity, high = -Double.infinity, logSum = 0.0, positive = logarithms
        for o in outcomes {
            let x = value(o)
            guard x.isFinite else { continue }
            scratch[n] = x
            n += 1
            sum += x
            if x < low { low = x }
            if x > high { high = x }
            if logarithms { if x > 0 { logSum += log(x) } else { positive = false } }
        }
        return SimulationSummary.Distribution(
            finite: UnsafeMutableBufferPointer(start: scratch, count: n),
            sum: sum, low: low, high: high, logSum: logSum, positive: positive)
    }

    /// A count (always finite). Its logs come from the table, and when every count lies in the
    /// table's range (0 … plan.patients, as a simulation's counts do) its quantiles come from
    /// the counts' histogram instead of selection: the same order statistics.
    @inline(__always)
    private func counts(_ scratch: UnsafeMutablePointer<Double>,
                        _ value: (ReplicateOutcome) -> Int32) -> SimulationSummary.Distribution {
        var n = 0, sum = 0.0, low = Double.infinity, high = -Double.infinity, logSum = 0.0, positive = true
        var histogram = [Int](repeating: 0, count: logs.count)
        var inRange = true
        logs.withUnsafeBufferPointer { logs in
            histogram.withUnsafeMutableBufferPointer { histogram in
                for o in outcomes {
                    let v = value(o)
                    let x = Double(v)
                    scratch[n] = x
                    n += 1
                    sum += x
                    if x < low { low = x }
                    if x > high { high = x }
                    if v > 0 { logSum += Int(v) < logs.count ? logs[Int(v)] : log(x) } else { positive = false }
                    if v >= 0 && Int(v) < histogram.count { histogram[Int(v)] += 1 } else { inRange = false }
                }
            }
        }
        return SimulationSummary.Distribution(
            finite: UnsafeMutableBufferPointer(start: scratch, count: n),
            sum: sum, low: low, high: high, logSum: logSum, positive: positive,
            histogram: inRange ? histogram : nil)
    }

    /// R's type-7 quantiles (``OrderStatistics/quantiles(_:probabilities:)``) of `n` whole
    /// numbers given by their histogram (`histogram[v]` of them equal v): the order statistics
    /// read off the cumulative counts, combined by the same expression, so the same bits.
    static func quantiles(histogram: [Int], n: Int, probabilities: [Double]) -> [Double] {
        /// The (rank + 1)-th smallest value (rank from 0).
        func orderStatistic(_ rank: Int) -> Double {
            var seen = 0
            for (v, c) in histogram.enumerated() {
                seen += c
                if rank < seen { return Double(v) }
            }
            preconditionFailure("rank \(rank) beyond the histogram's \(seen) values")
        }
        return OrderStatistics.typeSeven(count: n, probabilities: probabilities, orderStatistic: orderStatistic)
    }
}

extension SimulationSummary.Distribution {
    /// The reference's (``init(_:)``) second pass and quantiles on `finite`, the finite values in
    /// replicate order, given its first pass: their sum, extremes and sum of logs accumulated in
    /// that order (`positive`: every value was > 0). With a `histogram` of the values (whole
    /// numbers), the quantiles are read from it; otherwise `finite` is reordered by selection.
    init(finite: UnsafeMutableBufferPointer<Double>, sum: Double, low: Double, high: Double, logSum: Double,
         positive: Bool, histogram: [Int]? = nil) {
        let n = finite.count
        count = n
        guard n > 0 else {
            mean = .nan; standardDeviation = .nan; minimum = .nan; maximum = .nan; geometricMean = .nan
            quantiles = SimulationSummary.probabilities.map { _ in .nan }
            return
        }
        let m = sum / Double(n)
        var squares = 0.0
        for x in finite { squares += (x - m) * (x - m) }
        mean = m
        standardDeviation = n > 1 ? (squares / Double(n - 1)).squareRoot() : .nan
        minimum = low
        maximum = high
        geometricMean = positive ? exp(logSum / Double(n)) : .nan
        if let histogram {
            quantiles = SummaryGathering.quantiles(histogram: histogram, n: n, probabilities: SimulationSummary.probabilities)
        } else if n >= SummaryGathering.bucketedQuantilesFrom {
            quantiles = OrderStatistics.bucketedQuantiles(UnsafeBufferPointer(finite), low: low, high: high,
                                                          probabilities: SimulationSummary.probabilities)
        } else {
            quantiles = OrderStatistics.quantiles(finite, probabilities: SimulationSummary.probabilities)
        }
    }
}

/// Distribution slots written by concurrent workers at distinct indices.
private struct GatheredSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<SimulationSummary.Distribution>
    init(_ buffer: UnsafeMutableBufferPointer<SimulationSummary.Distribution>) { self.buffer = buffer }
}
