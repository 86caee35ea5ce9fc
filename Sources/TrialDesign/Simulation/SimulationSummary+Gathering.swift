import Dispatch
internal import Foundation

/// The summary's distributions read straight from the outcomes. A real quantity (the analysis
/// time, a hazard ratio) takes one pass that writes its finite values, in replicate order, into
/// a scratch buffer and accumulates the first pass's sums on the way, then the reference's own
/// second pass and quantiles on that buffer. The four counts (events, treatment events,
/// patients, dropouts) take two passes over the outcomes together: one filling their
/// histograms, from which their sums, extremes and quantiles follow, one for their squared
/// deviations.
///
/// Why: built as `Distribution(outcomes.map(value))`, each quantity allocated two fresh arrays
/// (the mapped values and their finite part, 8 MB each for 10⁶ replicates, the second grown by
/// doubling) and called its closure once per replicate; with six or seven quantities that was
/// ≈ 130 MB of freshly faulted memory and ≈ 1,300 instructions per replicate (callgrind; now
/// ≈ 430, docs/performance-simulation.md, "Outside the kernel"). A pass per count read the
/// 48-byte outcomes four times over for 4 bytes each, and a hazard ratio's geometric mean took
/// the logarithm of each exp it had just computed: the counts now share their passes, and a
/// ratio's geometric mean is the exp of the mean of its logarithms, the estimates themselves.
///
/// The values, their order and the order of every sum are those of
/// ``SimulationSummary/Distribution/init(_:)`` (``SimulationSummary/Distribution/init(logs:)``
/// for the ratios), so every result is the same bit for bit (`SimulationSummaryGatheringTests`):
/// a count's sum is a sum of whole numbers below 2⁵³, exact in any order, and its squared
/// deviations are added in replicate order, lane by lane.
///
/// `@unchecked Sendable`: the outcomes are only read, and only while the summary is built.
struct SummaryGathering: @unchecked Sendable {
    /// The quantities of ``SimulationSummary``, in the order of its distributions.
    enum Quantity: Int, CaseIterable {
        case events, eventsTreatment, analysisTime, patients, dropouts, hazardRatio, coxHazardRatio
    }

    let plan: SimulationPlan
    let outcomes: UnsafeBufferPointer<ReplicateOutcome>

    init(plan: SimulationPlan, outcomes: UnsafeBufferPointer<ReplicateOutcome>) {
        self.plan = plan
        self.outcomes = outcomes
    }

    /// The distributions of `quantities`, side by side on up to the machine's cores: the
    /// costliest first (a ratio's exp per replicate), the counts together last, each handed to
    /// the next worker free. Each result is the same whatever worker computes it.
    func distributions(_ quantities: [Quantity]) -> [SimulationSummary.Distribution] {
        let placeholder = SimulationSummary.Distribution([])
        var results = [SimulationSummary.Distribution](repeating: placeholder, count: quantities.count)
        let reals = [Quantity.hazardRatio, .coxHazardRatio, .analysisTime].flatMap { q in
            quantities.indices.filter { quantities[$0] == q }
        }
        let counts = quantities.indices.filter { Self.isCount(quantities[$0]) }
        // Task t < reals.count is the real quantity at index reals[t]; the last (if any) the counts.
        let tasks = reals.count + (counts.isEmpty ? 0 : 1)
        let workers = max(1, min(tasks, ProcessInfo.processInfo.activeProcessorCount))
        let queue = WorkQueue(items: tasks)
        results.withUnsafeMutableBufferPointer { slots in
            let shared = GatheredSlots(slots)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var scratch: UnsafeMutablePointer<Double>?
                defer { scratch?.deallocate() }
                while let t = queue.next() {
                    if t < reals.count {
                        if scratch == nil {
                            scratch = .allocate(capacity: max(1, outcomes.count))
                            HugePages.advise(UnsafeMutableRawPointer(scratch!), bytes: outcomes.count * MemoryLayout<Double>.stride)
                        }
                        shared.buffer[reals[t]] = distribution(quantities[reals[t]], scratch: scratch!)
                    } else {
                        let found = countsTogether(counts.map { quantities[$0] })
                        for (k, d) in zip(counts, found) { shared.buffer[k] = d }
                    }
                }
            }
        }
        return results
    }

    /// Whether `q` is a whole number per replicate (always finite), summarised from its histogram.
    static func isCount(_ q: Quantity) -> Bool {
        switch q {
        case .events, .eventsTreatment, .patients, .dropouts: true
        case .analysisTime, .hazardRatio, .coxHazardRatio: false
        }
    }

    /// Values from which the real-valued quantiles are found by ``OrderStatistics/bucketedQuantiles(_:low:high:probabilities:)``
    /// (the same values, in two passes instead of a quickselect per probability).
    static let bucketedQuantilesFrom = 16_384

    /// One quantity's distribution; `scratch` holds at least `outcomes.count` values.
    func distribution(_ q: Quantity, scratch: UnsafeMutablePointer<Double>) -> SimulationSummary.Distribution {
        switch q {
        case .events, .eventsTreatment, .patients, .dropouts: countsTogether([q])[0]
        // Only ratios report a geometric mean (``SimulationSummary/Distribution/geometricMean``):
        // 10⁶ logarithms of analysis times would be spent on nothing.
        case .analysisTime: reals(scratch, logarithms: false) { ($0.analysisTime, 0) }
        case .hazardRatio:
            reals(scratch, logarithms: true) { [plan] in
                let l = plan.logHazardRatioEstimate(z: $0.z, events: Int($0.events))
                return (exp(l), l)
            }
        case .coxHazardRatio: reals(scratch, logarithms: true) { (exp($0.coxLogHazardRatio), $0.coxLogHazardRatio) }
        }
    }

    /// A real quantity: the finite values are kept, as `filter(\.isFinite)` keeps them. With
    /// `logarithms` (a ratio given by its logarithm, as ``SimulationSummary/Distribution/init(logs:)``
    /// summarises it), `value` gives each value with its logarithm, and the logarithms of the
    /// positive finite values are summed; otherwise there is no geometric mean.
    @inline(__always)
    private func reals(_ scratch: UnsafeMutablePointer<Double>, logarithms: Bool,
                       _ value: (ReplicateOutcome) -> (value: Double, log: Double)) -> SimulationSummary.Distribution {
        var n = 0, sum = 0.0, low = Double.infinity, high = -Double.infinity, logSum = 0.0, positive = logarithms
        for o in outcomes {
            let (x, l) = value(o)
            guard x.isFinite else { continue }
            scratch[n] = x
            n += 1
            sum += x
            if x < low { low = x }
            if x > high { high = x }
            if logarithms { if x > 0 { logSum += l } else { positive = false } }
        }
        return SimulationSummary.Distribution(
            finite: UnsafeMutableBufferPointer(start: scratch, count: n),
            sum: sum, low: low, high: high, logSum: logSum, positive: positive)
    }

    /// The distributions of the count quantities `qs`, in their order, from two passes over the
    /// outcomes whatever their number: the first fills the four counts' histograms (their values
    /// 0 ... the plan's patients, as a simulation's counts are), the second adds up their
    /// squared deviations from their means, each in replicate order in its own SIMD lane. A
    /// count outside that range (never from a simulation) sends every count to the reference's
    /// own computation on its values.
    func countsTogether(_ qs: [Quantity]) -> [SimulationSummary.Distribution] {
        precondition(qs.allSatisfy(Self.isCount), "not a count")
        let n = outcomes.count
        let width = max(0, plan.patients) &+ 1
        // Sums of whole numbers in 0 ... patients stay exact (below 2⁵³) in any order.
        guard n > 0, Double(n) * Double(width) < 0x1p53 else { return qs.map { referenceCounts($0) } }
        var histograms = [Int](repeating: 0, count: 4 &* width)
        let inRange = histograms.withUnsafeMutableBufferPointer { h -> Bool in
            let h = h.baseAddress!
            let limit = UInt32(truncatingIfNeeded: width)
            for o in outcomes {
                let e = UInt32(bitPattern: o.events), t = UInt32(bitPattern: o.eventsTreatment)
                let p = UInt32(bitPattern: o.patients), d = UInt32(bitPattern: o.dropouts)
                // A negative count is a large unsigned one: one comparison each.
                guard e < limit && t < limit && p < limit && d < limit else { return false }
                h[Int(e)] &+= 1
                h[width &+ Int(t)] &+= 1
                h[2 &* width &+ Int(p)] &+= 1
                h[3 &* width &+ Int(d)] &+= 1
            }
            return true
        }
        guard inRange else { return qs.map { referenceCounts($0) } }
        // Sums and extremes from the histograms, then the squared deviations in replicate order.
        var sums = SIMD4<Double>(), lows = SIMD4<Double>(), highs = SIMD4<Double>()
        for c in 0..<4 {
            let h = histograms[c &* width ..< (c &+ 1) &* width]
            var sum = 0
            for (v, k) in h.enumerated() { sum &+= v &* k }
            sums[c] = Double(sum)
            lows[c] = Double(h.firstIndex { $0 > 0 }! &- c &* width)
            highs[c] = Double(h.lastIndex { $0 > 0 }! &- c &* width)
        }
        let means = sums / Double(n)
        var squares = SIMD4<Double>()
        for o in outcomes {
            let x = SIMD4<Double>(Double(o.events), Double(o.eventsTreatment), Double(o.patients), Double(o.dropouts))
            let deviation = x - means
            squares += deviation * deviation
        }
        return qs.map { q in
            let c = Self.countLane(q)
            return SimulationSummary.Distribution(
                count: n, sum: sums[c], squares: squares[c], low: lows[c], high: highs[c],
                histogram: Array(histograms[c &* width ..< (c &+ 1) &* width]))
        }
    }

    /// A count's lane in ``countsTogether(_:)``.
    private static func countLane(_ q: Quantity) -> Int {
        switch q {
        case .events: 0
        case .eventsTreatment: 1
        case .patients: 2
        case .dropouts: 3
        case .analysisTime, .hazardRatio, .coxHazardRatio: preconditionFailure("not a count")
        }
    }

    /// A count out of the histograms' range: the reference's passes and selection on its values.
    private func referenceCounts(_ q: Quantity) -> SimulationSummary.Distribution {
        let value: (ReplicateOutcome) -> Int32 = switch q {
        case .events: { $0.events }
        case .eventsTreatment: { $0.eventsTreatment }
        case .patients: { $0.patients }
        case .dropouts: { $0.dropouts }
        case .analysisTime, .hazardRatio, .coxHazardRatio: preconditionFailure("not a count")
        }
        var values = outcomes.map { Double(value($0)) }
        var sum = 0.0, low = Double.infinity, high = -Double.infinity
        for x in values {
            sum += x
            if x < low { low = x }
            if x > high { high = x }
        }
        return values.withUnsafeMutableBufferPointer {
            SimulationSummary.Distribution(finite: $0, sum: sum, low: low, high: high, logSum: 0, positive: false)
        }
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
    /// that order (`positive`: every value was > 0; false for a quantity without a geometric
    /// mean). `finite` is reordered by selection for the quantiles.
    init(finite: UnsafeMutableBufferPointer<Double>, sum: Double, low: Double, high: Double, logSum: Double,
         positive: Bool) {
        let n = finite.count
        guard n > 0 else {
            self.init(count: 0, mean: .nan, standardDeviation: .nan, minimum: .nan, maximum: .nan,
                      quantiles: SimulationSummary.probabilities.map { _ in .nan }, geometricMean: .nan)
            return
        }
        let m = sum / Double(n)
        var squares = 0.0
        for x in finite { squares += (x - m) * (x - m) }
        let quantiles = if n >= SummaryGathering.bucketedQuantilesFrom {
            OrderStatistics.bucketedQuantiles(UnsafeBufferPointer(finite), low: low, high: high,
                                              probabilities: SimulationSummary.probabilities)
        } else {
            OrderStatistics.quantiles(finite, probabilities: SimulationSummary.probabilities)
        }
        self.init(count: n, mean: m, standardDeviation: n > 1 ? (squares / Double(n - 1)).squareRoot() : .nan,
                  minimum: low, maximum: high, quantiles: quantiles,
                  geometricMean: positive ? exp(logSum / Double(n)) : .nan)
    }

    /// A count's distribution from its sum, its squared deviations from the mean sum / n (added
    /// in replicate order), its extremes and its `histogram` (`histogram[v]` of the n values
    /// equal v), as ``init(finite:sum:low:high:logSum:positive:)`` gives it for those values
    /// (no geometric mean).
    init(count n: Int, sum: Double, squares: Double, low: Double, high: Double, histogram: [Int]) {
        self.init(count: n, mean: sum / Double(n), standardDeviation: n > 1 ? (squares / Double(n - 1)).squareRoot() : .nan,
                  minimum: low, maximum: high,
                  quantiles: SummaryGathering.quantiles(histogram: histogram, n: n, probabilities: SimulationSummary.probabilities),
                  geometricMean: .nan)
    }

    /// Every statistic given.
    private init(count: Int, mean: Double, standardDeviation: Double, minimum: Double, maximum: Double,
                 quantiles: [Double], geometricMean: Double) {
        self.count = count
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.minimum = minimum
        self.maximum = maximum
        self.quantiles = quantiles
        self.geometricMean = geometricMean
    }
}

/// Distribution slots written by concurrent workers at distinct indices.
private struct GatheredSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<SimulationSummary.Distribution>
    init(_ buffer: UnsafeMutableBufferPointer<SimulationSummary.Distribution>) { self.buffer = buffer }
}
