import GSLSupport
import SurvivalAnalysis

/// Simulates single trials of a plan, one replicate at a time, without heap allocation per
/// replicate: patient buffers are allocated once per simulator (one simulator per thread).
///
/// Replicate i draws from its own GSL stream (seed, i), always in the same order — Poisson
/// entries, arms, then per patient in entry order the event time and the dropout time — so a
/// replicate's result depends on (plan, seed, i) only.
///
/// A patient entering at `u` with event time `T` and dropout time `C` (both from entry) has the
/// outcome `y = min(T, C)`, observed at calendar time `u + y`. At the analysis time τ, everyone
/// with `u ≤ τ` is included: an event at `y` if `T ≤ C` and `u + y ≤ τ`, a dropout censored at
/// `y` if `C < T` and `u + y ≤ τ`, else censored at `τ − u`. The event-driven τ is the D-th
/// smallest event calendar time (so exactly D events are in), as rpact's `getSimulationSurvival`
/// finds it by bisection. The data are analysed by ``TwoGroupLogRank`` (the kernel of
/// `survkit logrank`), treatment first, and with `cox` by ``CoxRegression`` (that of `survkit cox`).
public struct TrialSimulator {
    public let plan: SimulationPlan
    public let seed: UInt64
    private let stream: RandomStream
    private let schedule: EntrySchedule
    private let buffers: PatientBuffers
    private let criticalValue: Double
    /// Event hazards (treatment, control) when both arms are exponential.
    private let exponentialHazards: (Double, Double)?
    private let dropoutHazards: (Double, Double)
    // The analysis data set, reused (capacity kept) from one replicate to the next.
    private var time: [Double] = []
    private var event: [Bool] = []
    private var group: [UInt8] = []
    private var treated: [Double] = []

    /// - Complexity: O(patients) once.
    public init(plan: SimulationPlan, seed: UInt64) {
        self.plan = plan
        self.seed = seed
        stream = RandomStream(seed: seed, stream: 0)
        schedule = plan.entrySchedule
        buffers = PatientBuffers(patients: plan.patients)
        if plan.arrivals == .even {
            let even = schedule.evenEntries()
            for i in even.indices { buffers.entry[i] = even[i] }
        }
        criticalValue = plan.criticalValue
        exponentialHazards = plan.survival.treatment.isExponential
            ? (plan.survival.treatment.hazards[0], plan.survival.control.hazards[0]) : nil
        dropoutHazards = (plan.dropout.hazard(.treatment), plan.dropout.hazard(.control))
        time.reserveCapacity(plan.patients)
        event.reserveCapacity(plan.patients)
        group.reserveCapacity(plan.patients)
        if plan.cox { treated.reserveCapacity(plan.patients) }
    }

    /// Whether replicate's log-rank z rejects (see ``SimulationPlan/rejects(z:criticalValue:)``).
    public func rejects(_ outcome: ReplicateOutcome) -> Bool {
        outcome.reachedCut && plan.rejects(z: outcome.z, criticalValue: criticalValue)
    }

    /// Simulates and analyses replicate `replicate`.
    /// - Complexity: O(N) for N patients plus the O(N log N) sort of the log-rank kernel; no
    ///   heap allocation (the Cox fit, when asked for, allocates).
    public mutating func simulate(replicate: Int) -> ReplicateOutcome {
        stream.reseed(seed: seed, stream: UInt64(replicate))
        let n = plan.patients
        let b = buffers
        if plan.arrivals == .poisson { schedule.poissonEntries(into: b.entry, stream: stream) }
        plan.randomisation.assign(b.arm, stream: stream)
        drawOutcomes(b, n)

        // The analysis time.
        var reached = true
        let cut: Double
        switch plan.cut {
        case .followUp(let f):
            cut = b.entry[n - 1] + f
        case .events(let d):
            var m = 0
            var lastOutcome = b.entry[n - 1]
            for i in 0..<n {
                let calendar = b.entry[i] + b.follow[i]
                guard calendar.isFinite else { continue }
                if calendar > lastOutcome { lastOutcome = calendar }
                if b.isEvent[i] { b.calendar[m] = calendar; m += 1 }
            }
            if m >= d {
                cut = OrderStatistics.selectDistinct(UnsafeMutableBufferPointer(rebasing: b.calendar[0..<m]), d - 1)
            } else {
                reached = false
                cut = lastOutcome
            }
        }

        // The data at the cut, entries in increasing order, built in the buffers and copied
        // into the kernel's arrays in one append each.
        var events: Int32 = 0, eventsTreatment: Int32 = 0, dropouts: Int32 = 0
        var included = 0
        while included < n && b.entry[included] <= cut {
            let i = included
            let u = b.entry[i]
            let y = b.follow[i]
            if u + y <= cut {
                let died = b.isEvent[i]
                b.time[i] = y
                b.status[i] = died
                if died {
                    events += 1
                    eventsTreatment += Int32(1 &- b.arm[i])
                } else {
                    dropouts += 1
                }
            } else {
                b.time[i] = cut - u
                b.status[i] = false
            }
            included += 1
        }
        time.removeAll(keepingCapacity: true)
        event.removeAll(keepingCapacity: true)
        group.removeAll(keepingCapacity: true)
        time.append(contentsOf: UnsafeBufferPointer(rebasing: b.time[0..<included]))
        event.append(contentsOf: UnsafeBufferPointer(rebasing: b.status[0..<included]))
        group.append(contentsOf: UnsafeBufferPointer(rebasing: b.arm[0..<included]))
        let logRank = TwoGroupLogRank(time: time, event: event, group: group)
        let coxLogHazardRatio = plan.cox && events > 0 ? fitCox() : .nan
        return ReplicateOutcome(
            reachedCut: reached, analysisTime: cut, patients: Int32(time.count), events: events,
            eventsTreatment: eventsTreatment, dropouts: dropouts, z: logRank.z, coxLogHazardRatio: coxLogHazardRatio)
    }

    /// Event and dropout times from entry for every patient.
    @inline(__always)
    private func drawOutcomes(_ b: PatientBuffers, _ n: Int) {
        let (dropT, dropC) = dropoutHazards
        let anyDropout = dropT > 0 || dropC > 0
        for i in 0..<n {
            let treatment = b.arm[i] == 0
            let e = stream.standardExponential()
            let t: Double
            if let (hT, hC) = exponentialHazards {
                t = e / (treatment ? hT : hC)
            } else {
                t = (treatment ? plan.survival.treatment : plan.survival.control).time(atCumulativeHazard: e)
            }
            var y = t
            var died = true
            if anyDropout {
                let eta = treatment ? dropT : dropC
                if eta > 0 {
                    let c = stream.standardExponential() / eta
                    if c < t { y = c; died = false }
                }
            }
            b.follow[i] = y
            // An infinite event time (a zero last hazard) is never observed.
            b.isEvent[i] = died && y.isFinite
        }
    }

    /// log HR of treatment vs control from a Cox model on the analysis data (Efron ties, as R's
    /// `coxph`); NaN unless it converged to a finite estimate.
    private mutating func fitCox() -> Double {
        treated.removeAll(keepingCapacity: true)
        for g in group { treated.append(g == 0 ? 1 : 0) }
        return ReplicateCox.logHazardRatio(time: time, event: event, treated: treated)
    }
}

/// Per-simulator patient buffers, allocated once.
final class PatientBuffers {
    let entry: UnsafeMutableBufferPointer<Double>
    let arm: UnsafeMutableBufferPointer<UInt8>
    let follow: UnsafeMutableBufferPointer<Double>
    let isEvent: UnsafeMutableBufferPointer<Bool>
    let calendar: UnsafeMutableBufferPointer<Double>
    let time: UnsafeMutableBufferPointer<Double>
    let status: UnsafeMutableBufferPointer<Bool>

    init(patients n: Int) {
        entry = .allocate(capacity: n)
        entry.initialize(repeating: 0)
        arm = .allocate(capacity: n)
        arm.initialize(repeating: 0)
        follow = .allocate(capacity: n)
        follow.initialize(repeating: 0)
        isEvent = .allocate(capacity: n)
        isEvent.initialize(repeating: false)
        calendar = .allocate(capacity: n)
        calendar.initialize(repeating: 0)
        time = .allocate(capacity: n)
        time.initialize(repeating: 0)
        status = .allocate(capacity: n)
        status.initialize(repeating: false)
    }

    deinit {
        entry.deallocate()
        arm.deallocate()
        follow.deallocate()
        isEvent.deallocate()
        calendar.deallocate()
        time.deallocate()
        status.deallocate()
    }
}
