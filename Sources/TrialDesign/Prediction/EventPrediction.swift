import Dispatch
internal import Foundation

/// A prediction of when a trial reaches its target number of events, and of the events at
/// chosen calendar times, by simulating its continuation after the data cut from event-time
/// (and dropout) models fitted to the data.
///
/// The parameter uncertainty is carried by the asymptotic normal law of the MLE (each replicate
/// draws its own parameters), so the intervals are those of the approximate posterior
/// predictive distribution. The point prediction is the median of the simulated times.
public struct EventPrediction: Sendable {
    /// Per arm (one for pooled data): label, event-time fit, dropout fit, new patients' share.
    public struct Arm: Sendable {
        /// The arm's level of the group column (empty for pooled data).
        public let label: String
        /// Patients of the arm at the cut.
        public let patients: Int
        /// Their events by the cut.
        public let events: Int
        /// Those still followed at the cut.
        public let atRisk: Int
        /// Those who dropped out before the cut.
        public let dropouts: Int
        /// The event-time model fitted to the arm.
        public let fit: EventModelFit
        /// The dropout hazard fitted to the arm (used only with a dropout model).
        public let dropout: DropoutFit
        /// Probability that a new patient joins this arm.
        public let allocation: Double
    }

    /// The number of events at a calendar time across the replicates.
    public struct EventCount: Sendable {
        /// The calendar time.
        public let time: Double
        /// Mean over the replicates of the events (observed + simulated) by then.
        public let mean: Double
        /// Their standard deviation.
        public let standardDeviation: Double
        /// Lower quantile ((1 − level)/2) of the events by then.
        public let lower: Double
        /// Upper quantile ((1 + level)/2).
        public let upper: Double
    }

    /// The settings predicted with.
    public let settings: PredictionSettings
    /// Calendar time of the cut.
    public let cut: Double
    /// Patients at the cut.
    public let patients: Int
    /// Events observed by the cut.
    public let eventsObserved: Int
    /// Patients still followed at the cut.
    public let atRisk: Int
    /// Patients who dropped out before the cut.
    public let dropouts: Int
    /// The fits per arm (one for pooled data).
    public let arms: [Arm]
    /// Median of the simulated calendar times of the target event.
    public let predictedTime: Double
    /// Lower and upper bounds of the prediction interval (always finite: a prediction whose upper
    /// bound would be +∞ is refused with ``PredictionError/unreachableByDropout(target:reached:level:)``).
    public let predictedTimeLower: Double
    /// The upper bound of the prediction interval.
    public let predictedTimeUpper: Double
    /// Mean of the simulated times over the replicates that reach the target.
    public let meanTime: Double
    /// Share of the replicates that reach the target (below 1 only with dropouts).
    public let probabilityReached: Double
    /// Events at the `atTimes` of the settings.
    public let eventsAt: [EventCount]
    /// Events on an even grid from the cut to the horizon (the figure-ready curve).
    public let curve: [EventCount]

    /// Fits the models to `cohort` and simulates `settings.replicates` continuations.
    ///
    /// Errors (``PredictionError``): a target already reached, or beyond the events possible
    /// (observed + still at risk + still to enrol); an arm without events; a Weibull that
    /// cannot be fitted; a target that more than (1 − level)/2 of the continuations never reach
    /// because of dropout (no upper prediction bound); replicates × m over
    /// ``PredictionSettings/maximumSimulatedPatients``.
    /// - Complexity: O(replicates · m log m) for m patients still at risk or to enrol.
    public static func predict(cohort: PredictionCohort, settings: PredictionSettings) throws(PredictionError) -> EventPrediction {
        let observed = cohort.events
        guard settings.targetEvents > observed else { throw .targetReached(target: settings.targetEvents, observed: observed) }
        guard cohort.atRisk + settings.patientsToEnrol > 0 else { throw .nobodyAtRisk }
        guard settings.targetEvents <= observed + cohort.atRisk + settings.patientsToEnrol else {
            throw .unreachable(target: settings.targetEvents, observed: observed, atRisk: cohort.atRisk, toEnrol: settings.patientsToEnrol)
        }
        let product = settings.replicates.multipliedReportingOverflow(by: cohort.atRisk + settings.patientsToEnrol)
        guard !product.overflow, product.partialValue <= PredictionSettings.maximumSimulatedPatients else {
            throw .tooManySimulatedPatients(replicates: settings.replicates, atRisk: cohort.atRisk, toEnrol: settings.patientsToEnrol)
        }
        var arms: [Arm] = []
        let shares = settings.allocation ?? cohort.armLabels.indices.map { a in Double(cohort.rows(ofArm: a).count) }
        let shareTotal = shares.reduce(0, +)
        for a in cohort.armLabels.indices {
            let rows = cohort.rows(ofArm: a)
            let label = cohort.armLabels[a]
            let fit = try EventModelFit.fit(settings.model, times: rows.map { cohort.followUp[$0] },
                                            events: rows.map { cohort.status[$0] == .event },
                                            arm: label.isEmpty ? nil : label)
            let drop = rows.filter { cohort.status[$0] == .dropout }.count
            arms.append(Arm(label: label, patients: rows.count, events: rows.filter { cohort.status[$0] == .event }.count,
                            atRisk: rows.filter { cohort.status[$0] == .atRisk }.count, dropouts: drop, fit: fit,
                            dropout: DropoutFit(dropouts: drop, exposure: fit.exposure),
                            allocation: shares[a] / shareTotal))
        }
        let futures = simulate(cohort: cohort, arms: arms, settings: settings)
        let prediction = EventPrediction(cohort: cohort, arms: arms, settings: settings, futures: futures)
        // An infinite upper bound is no prediction interval: too many continuations lose their
        // patients to dropout before the target (only possible with the dropout model).
        guard prediction.predictedTimeUpper.isFinite else {
            throw .unreachableByDropout(target: settings.targetEvents, reached: prediction.probabilityReached,
                                        level: settings.intervalLevel)
        }
        return prediction
    }

    /// Every replicate's future event times, in replicate order, on `settings.threads` workers
    /// (replicate r always on stream (seed, r): the same for any number of threads).
    private static func simulate(cohort: PredictionCohort, arms: [Arm], settings: PredictionSettings) -> [[Double]] {
        let n = settings.replicates
        var futures = [[Double]](repeating: [], count: n)
        let workers = max(1, min(settings.threads, n))
        futures.withUnsafeMutableBufferPointer { buffer in
            let slots = FutureSlots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let simulator = PredictionSimulator(cohort: cohort, fits: arms.map(\.fit), dropouts: arms.map(\.dropout),
                                                    allocation: arms.map(\.allocation), settings: settings)
                var r = w
                while r < n {
                    slots.buffer[r] = simulator.simulate(replicate: r)
                    r += workers
                }
            }
        }
        return futures
    }

    private init(cohort: PredictionCohort, arms: [Arm], settings: PredictionSettings, futures: [[Double]]) {
        self.settings = settings
        self.cut = cohort.cut
        self.patients = cohort.count
        self.eventsObserved = cohort.events
        self.atRisk = cohort.atRisk
        self.dropouts = cohort.dropouts
        self.arms = arms
        let needed = settings.targetEvents - cohort.events
        let times = futures.map { $0.count >= needed ? $0[needed - 1] : Double.infinity }.sorted()
        let tail = (1 - settings.intervalLevel) / 2
        let upper = ReplicateQuantile.of(times, 1 - tail)
        predictedTime = ReplicateQuantile.of(times, 0.5)
        predictedTimeLower = ReplicateQuantile.of(times, tail)
        predictedTimeUpper = upper
        let reached = times.filter(\.isFinite)
        probabilityReached = Double(reached.count) / Double(times.count)
        meanTime = reached.isEmpty ? .infinity : reached.reduce(0, +) / Double(reached.count)
        let observed = Double(cohort.events)
        let count = { (t: Double) -> EventCount in
            var counts = futures.map { f -> Double in
                // Events at or before t: binary search in the sorted times.
                var lo = 0, hi = f.count
                while lo < hi { let mid = (lo + hi) / 2; if f[mid] <= t { lo = mid + 1 } else { hi = mid } }
                return observed + Double(lo)
            }
            let mean = counts.reduce(0, +) / Double(counts.count)
            let variance = counts.count > 1 ? counts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(counts.count - 1) : 0
            counts.sort()
            return EventCount(time: t, mean: mean, standardDeviation: variance.squareRoot(),
                              lower: ReplicateQuantile.of(counts, tail), upper: ReplicateQuantile.of(counts, 1 - tail))
        }
        eventsAt = settings.atTimes.map(count)
        // The curve runs to the horizon: given, or the upper bound (or, if infinite, the latest
        // of the replicates' median last event) plus a tenth of the way from the cut.
        var end = settings.horizon ?? {
            if upper.isFinite { return upper }
            let lasts = futures.compactMap(\.last).sorted()
            return lasts.isEmpty ? cohort.cut + 1 : ReplicateQuantile.of(lasts, 0.5)
        }()
        if settings.horizon == nil { end = max(end, settings.atTimes.max() ?? end); end += (end - cohort.cut) * 0.1 }
        let points = max(2, settings.curvePoints)
        curve = (0..<points).map { j in count(cohort.cut + (end - cohort.cut) * Double(j) / Double(points - 1)) }
    }
}

/// Result slots written by several workers at disjoint indices.
private struct FutureSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<[Double]>
}
