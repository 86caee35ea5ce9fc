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
/// finds it by bisection. The data are analysed by SurvivalAnalysis' `TwoGroupLogRank` (the kernel of
/// `survkit logrank`), treatment first, and with `cox` by its `CoxRegression` (that of `survkit cox`).
///
/// Non-copyable: its generator and patient buffers are reference types, so a copy would share
/// them and two "independent" simulators would draw from, and write into, the same state.
public struct TrialSimulator: ~Copyable {
    /// The simulated trial.
    public let plan: SimulationPlan
    /// Seed of the random streams.
    public let seed: UInt64
    private let schedule: EntrySchedule
    private let buffers: PatientBuffers
    /// Whether the entries are fixed and never decrease (even arrivals, checked once), so that
    /// everyone is enrolled by a cut at or after the last entry.
    private let entriesFixedAndOrdered: Bool
    private let criticalValue: Double
    /// Mean event times 1/λ (treatment, control) when both arms are exponential.
    private let exponentialMeans: (Double, Double)?
    /// Mean dropout times 1/η (treatment, control); +∞ without dropout.
    private let dropoutMeans: (Double, Double)
    /// Whether ``simulate(lanesFrom:into:)`` applies: exponential arms with finite means and no
    /// dropout, whose outcome times ``ExponentialZiggurat/Tables/drawLanes(_:arm:means:follow:generators:)``
    /// draws for ``lanes`` replicates at once.
    let drawsInLanes: Bool
    /// Whether the analysis rows are kept in the arrays below, in time order: the Cox fit and the
    /// further tests (``SimulationPlan/tests``) read them; the log-rank statistic does not.
    private let keepsRows: Bool
    /// With looks and further tests: each look's nominal level (``SimulationLooks/nominalLevels(sides:)``).
    private let nominalLevels: [Double]
    // The analysis data set, reused (capacity kept) from one replicate to the next.
    private var time: [Double]
    private var event: [Bool]
    private var group: [UInt8]
    private var treated: [Double]

    /// - Complexity: O(patients) once.
    public init(plan: SimulationPlan, seed: UInt64) {
        // Every value is computed into a local first and `self` is only written, never read,
        // until all stored properties are set: a release build of this non-copyable struct
        // miscompiled an `init` that read `self.buffers` and mutated the row arrays before the
        // last stored property was set (it released an uninitialised reference, a crash at
        // the first simulator, once a reference-counted property was added after them).
        let schedule = plan.entrySchedule
        let buffers = PatientBuffers(patients: plan.patients)
        if plan.arrivals == .even {
            let even = schedule.evenEntries()
            for i in even.indices { buffers.entry[i] = even[i] }
        }
        self.plan = plan
        self.seed = seed
        self.schedule = schedule
        self.buffers = buffers
        entriesFixedAndOrdered = plan.arrivals == .even && zip(buffers.entry.dropFirst(), buffers.entry).allSatisfy { $0 >= $1 }
        criticalValue = plan.criticalValue
        let exponentialMeans = plan.survival.treatment.isExponential && plan.survival.hasNoCure
            ? (1 / plan.survival.treatment.hazards[0], 1 / plan.survival.control.hazards[0]) : nil
        self.exponentialMeans = exponentialMeans
        let dropoutMeans = (1 / plan.dropout.hazard(.treatment), 1 / plan.dropout.hazard(.control))
        self.dropoutMeans = dropoutMeans
        // The condition of ``drawOutcomes``'s first loop, whose draws the lanes make.
        drawsInLanes = exponentialMeans.map { max($0.0, $0.1) < Self.finiteOutcomeMean } ?? false
            && !dropoutMeans.0.isFinite && !dropoutMeans.1.isFinite
        keepsRows = plan.cox || !plan.tests.isEmpty
        nominalLevels = plan.tests.isEmpty ? [] : plan.looks?.nominalLevels(sides: plan.sides) ?? []
        var time: [Double] = [], event: [Bool] = [], group: [UInt8] = [], treated: [Double] = []
        time.reserveCapacity(plan.patients)
        event.reserveCapacity(plan.patients)
        group.reserveCapacity(plan.patients)
        if plan.cox { treated.reserveCapacity(plan.patients) }
        self.time = time
        self.event = event
        self.group = group
        self.treated = treated
    }

    /// Whether replicate's log-rank z rejects (see ``SimulationPlan/rejects(z:criticalValue:)``);
    /// with looks, whether the trial stopped for efficacy.
    public func rejects(_ outcome: ReplicateOutcome) -> Bool {
        if plan.looks != nil { return outcome.decision == .efficacy }
        return outcome.reachedCut && plan.rejects(z: outcome.z, criticalValue: criticalValue)
    }

    /// Simulates and analyses replicate `replicate`.
    /// - Complexity: O(N) for N patients plus the O(N log N) sort of the log-rank kernel; no
    ///   heap allocation (the Cox fit, when asked for, allocates).
    public mutating func simulate(replicate: Int) -> ReplicateOutcome {
        simulate(replicate: replicate, survival: plan.survival, means: exponentialMeans, cox: plan.cox)
    }

    /// Simulates replicate `replicate` and applies the plan's ``SimulationPlan/tests`` to it, then
    /// to the same replicate under the null (both arms with the control's law, drawn from the
    /// same stream (seed, replicate): common random numbers).
    ///
    /// With looks, each test is run as its own group-sequential trial on the replicate: at every
    /// look reached, on the data cut at that look's events, it rejects when its p-value p_k is at
    /// most the look's nominal level ℓ_k (``SimulationLooks/nominalLevels(sides:)``: the log-rank
    /// design's critical values, so `logrank` gives the plan's own decisions). It does not stop for
    /// futility (the bounds are non-binding and belong to the log-rank statistic). Its slot then
    /// holds min_k α·p_k/ℓ_k over the looks up to the one where it rejected, which is at most α
    /// exactly when it rejected at some look (clamped to each side of α so rounding cannot move a
    /// decision). The boundaries were spent for the log-rank test's information; whether another
    /// test keeps its type I error at them is what its simulated null rejection rate shows.
    /// - Parameters:
    ///   - replicate: the replicate number.
    ///   - scenario: receives the tests' p-values under the plan's scenario (one per test).
    ///   - null: receives the tests' p-values under the null.
    /// - Returns: the replicate's outcome, the same as ``simulate(replicate:)`` gives.
    /// - Complexity: twice ``simulate(replicate:)`` plus the tests, at every look with looks (allocating).
    public mutating func simulate(replicate: Int, scenario: UnsafeMutableBufferPointer<Double>,
                                  null: UnsafeMutableBufferPointer<Double>) -> ReplicateOutcome {
        let levels = nominalLevels
        let sequential = !levels.isEmpty
        let outcome = simulate(replicate: replicate, survival: plan.survival, means: exponentialMeans, cox: plan.cox,
                               sequentialTests: sequential ? (scenario, levels) : nil)
        if !sequential { applyTests(into: scenario, reached: outcome.reachedCut) }
        let survival = plan.survival.null
        let means = survival.hasNoCure && survival.control.isExponential
            ? (1 / survival.control.hazards[0], 1 / survival.control.hazards[0]) : nil
        let nullOutcome = simulate(replicate: replicate, survival: survival, means: means, cox: false,
                                   sequentialTests: sequential ? (null, levels) : nil)
        if !sequential { applyTests(into: null, reached: nullOutcome.reachedCut) }
        return outcome
    }

    /// The MaxCombo p-value without the shortcut (integration to 1e-6) of the last analysed trial, for the tests
    /// of the decision shortcut in ``SimulationTest/pValue(time:event:group:sides:alpha:)``.
    func lastAnalysisMaxCombo() throws -> Double {
        let table = LogRankEventTable(time: time, event: event, group: group.map { Int32($0) }, groupCount: 2)
        let test = try MaxComboTest(table, integrationError: 1e-6)
        return plan.sides == 2 ? test.pValue : test.oneSidedPValue
    }

    /// The tests' p-values on the data of the last analysis (NaN when the cut was not reached,
    /// which, as for the log-rank test, does not reject).
    private func applyTests(into slots: UnsafeMutableBufferPointer<Double>, reached: Bool) {
        for (k, test) in plan.tests.enumerated() {
            slots[k] = reached ? test.pValue(time: time, event: event, group: group, sides: plan.sides, alpha: plan.alpha) : .nan
        }
    }

    private mutating func simulate(replicate: Int, survival: ArmSurvival, means: (Double, Double)?,
                                   cox: Bool, sequentialTests: (slots: UnsafeMutableBufferPointer<Double>, levels: [Double])? = nil)
        -> ReplicateOutcome {
        // GSL's taus2 stream (seed, replicate), seeded and drawn inline: the very numbers GSL's
        // `gsl_rng_set` and `gsl_rng_uniform_pos` would give (see ``Taus2``) without an indirect
        // call per draw.
        var random = Taus2(seed: seed, stream: UInt64(replicate))
        let n = plan.patients
        // The buffers as locals, so the loops below keep them in registers.
        let entry = buffers.entry, arm = buffers.arm, follow = buffers.follow, isEvent = buffers.isEvent
        let calendar = buffers.calendar
        switch plan.arrivals {
        case .even: break
        case .poisson: schedule.poissonEntries(into: entry, stream: &random)
        case .uniform: schedule.uniformEntries(into: entry, stream: &random)
        }
        plan.randomisation.assign(arm, stream: &random)
        let m = drawOutcomes(n, entry: entry, arm: arm, follow: follow, isEvent: isEvent, calendar: calendar,
                             survival: survival, exponentialMeans: means, random: &random)
        return analyseReplicate(n, events: m, entry: entry, arm: arm, follow: follow, isEvent: isEvent,
                                calendar: calendar, cox: cox, sequentialTests: sequentialTests)
    }

    /// Replicates per call of ``simulate(lanesFrom:into:)``.
    static let lanes = 4

    /// Simulates and analyses replicates `first ..< first + lanes`, writing their outcomes to
    /// `outcomes[0 ..< lanes]`: the same outcomes as ``simulate(replicate:)`` one at a time, with
    /// the outcome times of the four drawn in SIMD lanes (each from its own stream, consumed in
    /// the same order: entries, arms, then the times).
    /// - Precondition: ``drawsInLanes``.
    /// - Complexity: four times ``simulate(replicate:)``.
    mutating func simulate(lanesFrom first: Int, into outcomes: UnsafeMutablePointer<ReplicateOutcome>) {
        precondition(drawsInLanes, "the plan's outcome times are not drawn in lanes")
        let n = plan.patients
        let b = buffers
        let laneEntry = b.laneEntry.baseAddress!, laneArm = b.laneArm.baseAddress!, laneFollow = b.laneFollow.baseAddress!
        let evenEntries = plan.arrivals == .even
        var generators = Taus2Lanes()
        let armsInLanes = plan.randomisation.assignsInLanes
        for j in 0..<Self.lanes {
            var random = Taus2(seed: seed, stream: UInt64(first &+ j))
            let entry = evenEntries ? b.entry : UnsafeMutableBufferPointer(start: laneEntry + j &* n, count: n)
            switch plan.arrivals {
            case .even: break
            case .poisson: schedule.poissonEntries(into: entry, stream: &random)
            case .uniform: schedule.uniformEntries(into: entry, stream: &random)
            }
            if !armsInLanes {
                plan.randomisation.assign(UnsafeMutableBufferPointer(start: laneArm + j &* n, count: n), stream: &random)
            }
            generators.setLane(j, to: random)
        }
        // Permuted blocks (the default) draw their orders in the lanes too: the same draws,
        // after the entries and before the outcome times, as one replicate at a time.
        if armsInLanes { plan.randomisation.assignLanes(n, arms: laneArm, generators: &generators) }
        let means = exponentialMeans!
        ExponentialZiggurat.shared.tables.drawLanes(n, arm: laneArm, means: SIMD2(means.0, means.1),
                                                    follow: laneFollow, generators: &generators)
        // Every outcome is an event (see ``drawOutcomes``), in every lane.
        b.isEvent.baseAddress!.update(repeating: true, count: n)
        let laneCalendar = b.laneCalendar.baseAddress!
        for j in 0..<Self.lanes {
            let entry = evenEntries ? b.entry.baseAddress! : laneEntry + j &* n
            let follow = laneFollow + j &* n, calendar = laneCalendar + j &* n
            for i in 0..<n { calendar[i] = entry[i] + follow[i] }
        }
        // A single analysis at the D-th event (no looks): the four cuts found at once, their
        // searches interleaved (see ``KeySelection/select(lanes:count:_:into:)``).
        var cuts = SIMD4<Double>(repeating: .nan)
        let cutsFound: Bool
        if plan.looks == nil, case .events(let d) = plan.cut, d <= n {
            withUnsafeMutableBytes(of: &cuts) {
                b.keySelection.select(lanes: laneCalendar, count: n, d &- 1,
                                      into: $0.baseAddress!.assumingMemoryBound(to: Double.self))
            }
            cutsFound = true
        } else {
            cutsFound = false
        }
        for j in 0..<Self.lanes {
            let entry = evenEntries ? b.entry : UnsafeMutableBufferPointer(start: laneEntry + j &* n, count: n)
            let arm = UnsafeMutableBufferPointer(start: laneArm + j &* n, count: n)
            let follow = UnsafeMutableBufferPointer(start: laneFollow + j &* n, count: n)
            let calendar = UnsafeMutableBufferPointer(start: laneCalendar + j &* n, count: n)
            outcomes[j] = analyseReplicate(n, events: n, entry: entry, arm: arm, follow: follow, isEvent: b.isEvent,
                                           calendar: calendar, cox: plan.cox, sequentialTests: nil,
                                           cut: cutsFound ? cuts[j] : nil)
        }
    }

    /// The analysis of a replicate whose outcomes are drawn: m events, whose calendar times are
    /// `calendar[0..<m]`; with an event-driven cut and no looks, `eventCut` is the D-th of
    /// them when the caller has selected it already (m ≥ D).
    @inline(__always)
    private mutating func analyseReplicate(
        _ n: Int, events m: Int, entry: UnsafeMutableBufferPointer<Double>, arm: UnsafeMutableBufferPointer<UInt8>,
        follow: UnsafeMutableBufferPointer<Double>, isEvent: UnsafeMutableBufferPointer<Bool>,
        calendar: UnsafeMutableBufferPointer<Double>, cox: Bool,
        sequentialTests: (slots: UnsafeMutableBufferPointer<Double>, levels: [Double])?, cut eventCut: Double? = nil
    ) -> ReplicateOutcome {
        if plan.looks != nil, case .events = plan.cut {
            let outcome = simulateLooks(n, events: m, entry: entry, arm: arm, follow: follow, isEvent: isEvent,
                                        calendar: calendar)
            if let sequentialTests {
                applySequentialTests(into: sequentialTests.slots, levels: sequentialTests.levels, n, events: m,
                                     entry: entry, follow: follow, isEvent: isEvent)
            }
            return outcome
        }

        // The analysis time.
        var reached = true
        let cut: Double
        switch plan.cut {
        case .followUp(let f):
            cut = entry[n - 1] + f
        case .events(let d):
            if let eventCut {
                // Found by the caller (the lanes), with m ≥ d.
                cut = eventCut
            } else if m >= d {
                cut = buffers.keySelection.select(UnsafeMutableBufferPointer(rebasing: calendar[0..<m]), d - 1)
            } else {
                reached = false
                cut = Self.lastOutcome(n, entry: entry, follow: follow)
            }
        }
        let a = analyse(cut: cut, n, entry: entry, arm: arm, follow: follow, isEvent: isEvent, allEvents: m == n)
        let coxLogHazardRatio = cox && a.events > 0 ? fitCox() : .nan
        return ReplicateOutcome(
            reachedCut: reached, analysisTime: cut, patients: Int32(a.included), events: Int32(a.events),
            eventsTreatment: Int32(a.eventsTreatment), dropouts: Int32(a.dropouts), z: a.z,
            coxLogHazardRatio: coxLogHazardRatio)
    }

    /// A group-sequential trial: look k at the calendar time of the D_k-th event, stopping at the
    /// first look whose benefit-signed Z = −z crosses the efficacy boundary (|z| two-sided) or
    /// falls below the futility bound (see ``SimulationLooks``). A trial that runs out of events
    /// before a look is analysed when the last outcome is known, there, and does not reject.
    private mutating func simulateLooks(_ n: Int, events m: Int, entry: UnsafeMutableBufferPointer<Double>,
                                        arm: UnsafeMutableBufferPointer<UInt8>, follow: UnsafeMutableBufferPointer<Double>,
                                        isEvent: UnsafeMutableBufferPointer<Bool>,
                                        calendar: UnsafeMutableBufferPointer<Double>) -> ReplicateOutcome {
        let looks = plan.looks!
        let lookEvents = plan.lookEvents
        // The events' calendar times (the lanes' own buffer when drawn in lanes).
        let calendar = UnsafeMutableBufferPointer(rebasing: calendar[0..<m])
        let last = lookEvents.count - 1
        for k in lookEvents.indices {
            let reached = m >= lookEvents[k]
            // Selection at most reorders the calendar, so later looks select from it again.
            // A look not reached ends the trial, so the last outcome is looked for at most once.
            let cut = reached ? buffers.keySelection.select(calendar, lookEvents[k] - 1)
                : Self.lastOutcome(n, entry: entry, follow: follow)
            let a = analyse(cut: cut, n, entry: entry, arm: arm, follow: follow, isEvent: isEvent, allEvents: m == n)
            var decision = LookDecision.none
            if reached && plan.rejects(z: a.z, criticalValue: looks.criticalValues[k]) {
                decision = .efficacy
            } else if reached, k < last, let bounds = looks.futilityBounds, -a.z < bounds[k] {
                decision = .futility
            }
            if decision != .none || k == last || !reached {
                let coxLogHazardRatio = plan.cox && a.events > 0 ? fitCox() : .nan
                return ReplicateOutcome(
                    reachedCut: reached, analysisTime: cut, patients: Int32(a.included), events: Int32(a.events),
                    eventsTreatment: Int32(a.eventsTreatment), dropouts: Int32(a.dropouts), z: a.z,
                    coxLogHazardRatio: coxLogHazardRatio, look: Int32(k + 1), decision: decision)
            }
        }
        preconditionFailure("the last look always ends the trial")
    }

    /// Each further test as its own group-sequential trial over the looks reached (see
    /// ``simulate(replicate:scenario:null:)``): slot j gets min_k α·p_k/ℓ_k up to the look where
    /// test j rejected, NaN when no look was reached or no p-value could be computed.
    private mutating func applySequentialTests(into slots: UnsafeMutableBufferPointer<Double>, levels: [Double],
                                               _ n: Int, events m: Int,
                                               entry: UnsafeMutableBufferPointer<Double>,
                                               follow: UnsafeMutableBufferPointer<Double>,
                                               isEvent: UnsafeMutableBufferPointer<Bool>) {
        let alpha = plan.alpha
        let lookEvents = plan.lookEvents
        let calendar = UnsafeMutableBufferPointer(rebasing: buffers.calendar[0..<m])
        for j in plan.tests.indices { slots[j] = .nan }
        var open = plan.tests.count
        for k in lookEvents.indices where m >= lookEvents[k] && open > 0 {
            let level = levels[k]
            // A look that spends nothing (c_k = ∞) cannot reject.
            guard level > 0 else { continue }
            _ = analyse(cut: OrderStatistics.selectDistinct(calendar, lookEvents[k] - 1), n,
                        entry: entry, arm: buffers.arm, follow: follow, isEvent: isEvent, allEvents: m == n)
            for (j, test) in plan.tests.enumerated() where !(slots[j] <= alpha) {
                let p = test.pValue(time: time, event: event, group: group, sides: plan.sides, alpha: level)
                guard !p.isNaN else { continue }
                let scaled = p * alpha / level
                let value = p <= level ? min(scaled, alpha) : max(scaled, alpha.nextUp)
                if slots[j].isNaN || value < slots[j] { slots[j] = value }
                if value <= alpha { open -= 1 }
            }
        }
    }

    /// The calendar time of the last known outcome (the last entry, or a later finite outcome),
    /// where a trial that never reaches its events is analysed. Only such trials need it, so it
    /// is not tracked while the outcomes are drawn.
    private static func lastOutcome(_ n: Int, entry: UnsafeMutableBufferPointer<Double>,
                                    follow: UnsafeMutableBufferPointer<Double>) -> Double {
        var lastOutcome = entry[n - 1]
        for i in 0..<n {
            let t = entry[i] + follow[i]
            if t.isFinite && t > lastOutcome { lastOutcome = t }
        }
        return lastOutcome
    }

    /// The log-rank analysis of the data at calendar time `cut`, written into the simulator's
    /// row buffers (`allEvents`: every outcome drawn is an event). A trial of at most
    /// ``RankSort/registerRows`` observed outcomes (the seed design's 27) has them ranked in
    /// registers, which also counts the rows censored at the cut below each, and goes to the
    /// at-risk pass; up to ``presortLimit``, they are sorted and go to the kernel's two-run pass
    /// (the rows censored at the cut come out of ``analysisData`` already in order, so the two
    /// runs are never merged unless the Cox fit or further tests need the rows); a larger one
    /// goes to the sorting kernel through the arrays (whose capacity is kept). Each way the
    /// statistic is the same pass on the same rows, bit for bit.
    @inline(__always)
    private mutating func analyse(cut: Double, _ n: Int, entry: UnsafeMutableBufferPointer<Double>,
                                  arm: UnsafeMutableBufferPointer<UInt8>, follow: UnsafeMutableBufferPointer<Double>,
                                  isEvent: UnsafeMutableBufferPointer<Bool>, allEvents: Bool)
        -> (included: Int, events: Int, eventsTreatment: Int, dropouts: Int, z: Double)
    {
        let b = buffers
        var included = 0
        // The scan stops at the first entry after the cut; with ordered entries, when the last one
        // is in by the cut (as in most event-driven trials), that is nobody's.
        if entriesFixedAndOrdered && entry[n - 1] <= cut {
            included = n
        } else {
            while included < n && entry[included] <= cut { included += 1 }
        }
        let time = UnsafeMutableBufferPointer(rebasing: b.rowTime[0..<included])
        let status = UnsafeMutableBufferPointer(rebasing: b.rowStatus[0..<included])
        let group = UnsafeMutableBufferPointer(rebasing: b.rowGroup[0..<included])
        let observed = Self.analysisData(
            cut: cut, entry: entry, follow: follow, isEvent: isEvent, arm: arm,
            time: time, status: status, group: group, allEvents: allEvents)
        let test: TwoGroupLogRank
        let censored = included &- observed
        if allEvents && !keepsRows && observed <= RankSort.registerRows && included <= UnitDeathTerms.largest,
           b.rankSort.rankDistinct(
               count: observed, time: time, group: group, censoredTime: UnsafeBufferPointer(rebasing: time[observed...]),
               sortedGroup: b.sortedGroup, sortedCensoredBefore: b.sortedCensoredBefore) {
            // The usual trial without dropout: every row whose outcome is in is an event, at a
            // time of its own, so the log-rank pass needs only their groups in time order and
            // the counts of the rows censored at the cut before each.
            Self.firstGroupCensoredFrom(group: UnsafeBufferPointer(rebasing: group[observed...]), into: b.firstGroupCensoredFrom)
            test = TwoGroupLogRank(
                distinctEventGroup: UnsafeBufferPointer(rebasing: b.sortedGroup[0..<observed]),
                censoredBefore: UnsafeBufferPointer(start: b.sortedCensoredBefore, count: observed),
                firstGroupCensoredFrom: UnsafeBufferPointer(start: b.firstGroupCensoredFrom.baseAddress!, count: censored &+ 1))
        } else {
            // The other paths read the event flags.
            Self.setFlags(allEvents: allEvents, observed: observed, status)
            if observed <= RankSort.registerRows, b.rankSort.sort(
                count: observed, time: time, status: status, group: group,
                censoredTime: UnsafeBufferPointer(rebasing: time[observed...]), sortedTime: b.sortedTime,
                sortedStatus: b.sortedStatus, sortedGroup: b.sortedGroup, sortedCensoredBefore: b.sortedCensoredBefore) {
                // The usual trial: the sort counted, for each row whose outcome is in, the rows
                // censored at the cut before it, so the log-rank pass needs only the first-group
                // counts of the censored rows from each position on (the censored rows, in time order).
                Self.firstGroupCensoredFrom(group: UnsafeBufferPointer(rebasing: group[observed...]), into: b.firstGroupCensoredFrom)
                test = TwoGroupLogRank(
                    observedTime: UnsafeBufferPointer(rebasing: b.sortedTime[0..<observed]),
                    observedEvent: UnsafeBufferPointer(rebasing: b.sortedStatus[0..<observed]),
                    observedGroup: UnsafeBufferPointer(rebasing: b.sortedGroup[0..<observed]),
                    censoredBefore: UnsafeBufferPointer(start: b.sortedCensoredBefore, count: observed),
                    firstGroupCensoredFrom: UnsafeBufferPointer(start: b.firstGroupCensoredFrom.baseAddress!, count: censored &+ 1))
                if keepsRows {
                    Self.merge(observed: observed, time: time, status: status, group: group, buffers: b)
                    copyRows(time, status, group)
                }
            } else if observed <= Self.presortLimit {
                b.rankSort.sort(count: observed, time: time, status: status, group: group, sortedTime: b.sortedTime,
                                sortedStatus: b.sortedStatus, sortedGroup: b.sortedGroup)
                test = TwoGroupLogRank(
                    observedTime: UnsafeBufferPointer(rebasing: b.sortedTime[0..<observed]),
                    observedEvent: UnsafeBufferPointer(rebasing: b.sortedStatus[0..<observed]),
                    observedGroup: UnsafeBufferPointer(rebasing: b.sortedGroup[0..<observed]),
                    censoredTime: UnsafeBufferPointer(rebasing: time[observed...]),
                    censoredGroup: UnsafeBufferPointer(rebasing: group[observed...]),
                    secondGroupRows: Self.controls(UnsafeBufferPointer(group)))
                // The Cox fit and the further tests (``SimulationPlan/tests``) read the rows in time order.
                if keepsRows {
                    Self.merge(observed: observed, time: time, status: status, group: group, buffers: b)
                    copyRows(time, status, group)
                }
            } else {
                copyRows(time, status, group)
                test = TwoGroupLogRank(time: self.time, event: event, group: self.group)
            }
        }
        // The test counts the events and, as the first group's observed events (weight 1, so a
        // whole number), the treatment events; every other row whose outcome is in is a dropout.
        let events = test.events
        return (included, events, Int(test.observed), observed - events, test.z)
    }

    /// For the censored rows (`group`, in time order), entry c of `from` is the number of
    /// first-group rows (code 0) among rows c ..< k, for c = 0 ... k.
    @inline(__always)
    private static func firstGroupCensoredFrom(group: UnsafeBufferPointer<UInt8>, into from: UnsafeMutableBufferPointer<Int32>) {
        let from = from.baseAddress!
        var firstGroup: Int32 = 0
        var c = group.count
        from[c] = 0
        while c > 0 {
            c &-= 1
            firstGroup &+= Int32(1 &- group[c])
            from[c] = firstGroup
        }
    }

    /// The rows into the arrays of the sorting kernel and the Cox fit (capacity kept).
    private mutating func copyRows(_ time: UnsafeMutableBufferPointer<Double>, _ status: UnsafeMutableBufferPointer<Bool>,
                                   _ group: UnsafeMutableBufferPointer<UInt8>) {
        self.time.removeAll(keepingCapacity: true)
        self.time.append(contentsOf: time)
        event.removeAll(keepingCapacity: true)
        event.append(contentsOf: status)
        self.group.removeAll(keepingCapacity: true)
        self.group.append(contentsOf: group)
    }

    /// Trials with at most this many observed outcomes have them sorted by ``RankSort`` and
    /// hand the kernel two time-ordered runs.
    static let presortLimit = RankSort.capacity

    /// The rows of everyone entered by the cut (`time.count` patients, in entry order): an event
    /// or dropout at y if in by the cut, else censored at τ − u. Rows whose outcome is in go to
    /// the front; the others go to the back from the end, so that part is already in increasing
    /// time, and the front part is then sorted (and merged in only when the rows are kept).
    /// Branch-free: whether an outcome is in by the cut is a coin toss the processor cannot
    /// predict. Each row is written to both places, the front slot as observed (y, its event
    /// flag) and the back slot as censored (τ − u; the flags are cleared beforehand), and only
    /// the counts move by the comparison: a select of the
    /// slot or of the time was turned back into a branch by the compiler. The write that is
    /// not the row's lands on a slot no row has taken yet (those before the front, and those
    /// from the back end down, are the only ones taken), which a later row takes for good; the
    /// two slots are one only for the last row, which is written once, after the loop.
    /// The loop counts nothing but the rows whose outcome is in: the events and treatment events
    /// come from the log-rank pass over the same rows (and the control rows, where a pass needs
    /// them, from ``controls(_:)``), so that the loop's pointers, cut and indices stay in registers.
    /// When every outcome is an event (no dropout: `allEvents`), the loop leaves the flags alone:
    /// they are those of ``setFlags(allEvents:observed:_:)``, which the paths that read them call
    /// (the usual trial's does not), rather than copied row by row: one load, one store and two
    /// pointers fewer in a loop that had run out of registers.
    /// - Returns: the number of rows whose outcome is in (the unsorted front).
    @inline(__always)
    private static func analysisData(
        cut: Double, entry: UnsafeMutableBufferPointer<Double>, follow: UnsafeMutableBufferPointer<Double>,
        isEvent: UnsafeMutableBufferPointer<Bool>, arm: UnsafeMutableBufferPointer<UInt8>,
        time: UnsafeMutableBufferPointer<Double>, status: UnsafeMutableBufferPointer<Bool>,
        group: UnsafeMutableBufferPointer<UInt8>, allEvents: Bool
    ) -> Int {
        // Two copies of the loop, each with its flag known.
        if allEvents {
            return rows(cut: cut, entry: entry, follow: follow, isEvent: isEvent, arm: arm, time: time, status: status,
                        group: group, flagsFromEvents: false)
        }
        return rows(cut: cut, entry: entry, follow: follow, isEvent: isEvent, arm: arm, time: time, status: status,
                    group: group, flagsFromEvents: true)
    }

    /// ``analysisData(cut:entry:follow:isEvent:arm:time:status:group:allEvents:)``'s loop; the
    /// front rows' flags copied from `isEvent`, or (every outcome an event) left to
    /// ``setFlags(allEvents:observed:_:)``.
    @inline(__always)
    private static func rows(
        cut: Double, entry: UnsafeMutableBufferPointer<Double>, follow: UnsafeMutableBufferPointer<Double>,
        isEvent: UnsafeMutableBufferPointer<Bool>, arm: UnsafeMutableBufferPointer<UInt8>,
        time: UnsafeMutableBufferPointer<Double>, status: UnsafeMutableBufferPointer<Bool>,
        group: UnsafeMutableBufferPointer<UInt8>, flagsFromEvents: Bool
    ) -> Int {
        guard let rowTime = time.baseAddress, time.count > 0 else { return 0 }
        let rowStatus = status.baseAddress!, rowGroup = group.baseAddress!
        let u0 = entry.baseAddress!, y0 = follow.baseAddress!, event0 = isEvent.baseAddress!, arm0 = arm.baseAddress!
        var front = 0
        // Before row i, the back holds slots last − i + front + 1 ... last: this row's back slot
        // is back = last − i + front, above its front slot `front` while i < last, that is
        // while front < back.
        var back = time.count &- 1, i = 0
        // The back rows' flags (no event): a front write that is not the row's lands on the
        // front slot, which only a later front row or the last row takes, and both write theirs.
        if flagsFromEvents { rowStatus.update(repeating: false, count: time.count) }
        while front < back {
            let u = u0[i], y = y0[i]
            let observedBit = unsafeBitCast(u + y <= cut, to: UInt8.self)
            let code = arm0[i]
            rowTime[front] = y
            if flagsFromEvents { rowStatus[front] = event0[i] }
            rowGroup[front] = code
            rowTime[back] = cut - u
            rowGroup[back] = code
            front &+= Int(observedBit)
            back &-= 1 &- Int(observedBit)
            i &+= 1
        }
        // The last row: its front and back slots are the same one.
        let u = u0[i], y = y0[i]
        let observed = u + y <= cut
        let code = arm0[i]
        rowTime[front] = observed ? y : cut - u
        if flagsFromEvents { rowStatus[front] = observed && event0[i] }
        rowGroup[front] = code
        front &+= observed ? 1 : 0
        return front
    }

    /// The rows' event flags when every outcome is an event (`allEvents`): the `observed` rows
    /// in front are events, the rest censored at the cut; otherwise already set by the loop.
    @inline(__always)
    private static func setFlags(allEvents: Bool, observed: Int, _ status: UnsafeMutableBufferPointer<Bool>) {
        if allEvents, let flags = status.baseAddress {
            flags.update(repeating: true, count: observed)
            (flags + observed).update(repeating: false, count: status.count &- observed)
        }
    }

    /// The control rows (group code 1) among `group`.
    private static func controls(_ group: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for code in group { count &+= Int(code) }
        return count
    }

    /// Puts the rows in increasing time for the Cox fit and the further tests: rows
    /// `0..<observed` as ``RankSort`` left them in `buffers.sorted*`, merged in place with the
    /// rest (censored at τ − u, already increasing).
    private static func merge(observed m: Int, time: UnsafeMutableBufferPointer<Double>,
                              status: UnsafeMutableBufferPointer<Bool>, group: UnsafeMutableBufferPointer<UInt8>,
                              buffers: PatientBuffers) {
        let included = time.count
        let sortedTime = buffers.sortedTime, sortedStatus = buffers.sortedStatus, sortedGroup = buffers.sortedGroup
        // Merge from the front: the output index a + (c − m) never passes c, so no censored
        // row is overwritten before it is read.
        var a = 0, c = m, out = 0
        while a < m && c < included {
            // Both candidates are read and one kept by a bit mask: which run the next row comes
            // from is as unpredictable as the data.
            let ta = sortedTime[a], tc = time[c]
            let takeSorted = ta <= tc
            time[out] = select(takeSorted, ta, tc)
            status[out] = select(takeSorted, sortedStatus[a], status[c])
            group[out] = select(takeSorted, sortedGroup[a], group[c])
            let step = Int(unsafeBitCast(takeSorted, to: UInt8.self))
            a &+= step
            c &+= 1 &- step
            out &+= 1
        }
        while a < m {
            time[out] = sortedTime[a]
            status[out] = sortedStatus[a]
            group[out] = sortedGroup[a]
            a += 1
            out += 1
        }
    }

    /// Event and dropout times from entry for every patient: `E · mean` for exponential draws
    /// E ~ Exp(1) (a multiplication by the precomputed mean, not a division by the hazard);
    /// and, in the same pass, the calendar times (entry + time) of the events, in entry order,
    /// in `calendar[0..<m]`, for the event-driven cut.
    /// - Returns: m, the number of events.
    @inline(__always)
    private func drawOutcomes(_ n: Int, entry: UnsafeMutableBufferPointer<Double>, arm: UnsafeMutableBufferPointer<UInt8>,
                              follow: UnsafeMutableBufferPointer<Double>, isEvent: UnsafeMutableBufferPointer<Bool>,
                              calendar: UnsafeMutableBufferPointer<Double>, survival: ArmSurvival,
                              exponentialMeans: (Double, Double)?, random: inout Taus2) -> Int {
        // The tables as a value, so that they stay in registers across the loop's stores.
        let ziggurat = ExponentialZiggurat.shared.tables
        let (dropoutMeanT, dropoutMeanC) = dropoutMeans
        let anyDropout = dropoutMeanT.isFinite || dropoutMeanC.isFinite
        // Per-arm means indexed by the arm code (0 treatment, 1 control): the arms are random,
        // so `treatment ? a : b` would be a branch mispredicted half the time.
        let eventMeans = exponentialMeans.map { SIMD2($0.0, $0.1) }
        // The generator as a local whose address never escapes, so the loops keep its state in
        // registers (through `inout` it is loaded and stored at every draw).
        var generator = random
        defer { random = generator }
        // Without branches on the (random) outcome: each calendar time is written, and the
        // count advanced only for an event.
        var m = 0
        if let eventMeans, !anyDropout, max(eventMeans[0], eventMeans[1]) < Self.finiteOutcomeMean {
            // Exponential arms with finite times, without dropout (the usual plan): every
            // outcome is an event, at E · mean < 30 · mean, finite. The flags and calendar
            // times in passes of their own, which the compiler vectorises: in the draw loop
            // their three pointers did not fit in the registers.
            for i in 0..<n {
                follow[i] = ziggurat.draw(&generator) * eventMeans[Int(arm[i] & 1)]
            }
            isEvent.baseAddress!.update(repeating: true, count: n)
            for i in 0..<n { calendar[i] = entry[i] + follow[i] }
            return n
        }
        if let eventMeans, !anyDropout {
            // Exponential arms without dropout (the usual plan): the loop below with y = T and
            // every outcome an event (unless T = ∞), without its per-patient checks.
            for i in 0..<n {
                let t = ziggurat.draw(&generator) * eventMeans[Int(arm[i] & 1)]
                follow[i] = t
                let died = t.isFinite
                isEvent[i] = died
                calendar[m] = entry[i] + t
                m &+= Int(unsafeBitCast(died, to: UInt8.self))
            }
            return m
        }
        let dropoutMean = SIMD2(dropoutMeanT, dropoutMeanC)
        for i in 0..<n {
            let code = Int(arm[i] & 1)
            let e = ziggurat.draw(&generator)
            let t: Double
            if let eventMeans {
                t = e * eventMeans[code]
            } else {
                t = survival.time(code == 0 ? .treatment : .control, atCumulativeHazard: e)
            }
            var y = t
            var died = true
            if anyDropout {
                let mean = dropoutMean[code]
                if mean.isFinite {
                    let c = ziggurat.draw(&generator) * mean
                    died = t <= c
                    y = select(died, t, c)
                }
            }
            follow[i] = y
            // An infinite event time (a zero last hazard) is never observed.
            let event = died && y.isFinite
            isEvent[i] = event
            calendar[m] = entry[i] + y
            m &+= Int(unsafeBitCast(event, to: UInt8.self))
        }
        return m
    }

    /// Means of exponential event times below which every draw E · mean is finite: the ziggurat's
    /// Exp(1) variates are below r − log 2⁻³² < 30 (its tail start r plus the largest −log of a
    /// 32-bit uniform), and 30 · 10³⁰⁰ is far from overflowing (as is an entry time added to it).
    static let finiteOutcomeMean = 1e300

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
    /// The analysis rows (time from entry, event, arm) of everyone enrolled by the cut.
    let rowTime: UnsafeMutableBufferPointer<Double>
    let rowStatus: UnsafeMutableBufferPointer<Bool>
    let rowGroup: UnsafeMutableBufferPointer<UInt8>
    let sortedTime: UnsafeMutableBufferPointer<Double>
    let sortedStatus: UnsafeMutableBufferPointer<Bool>
    let sortedGroup: UnsafeMutableBufferPointer<UInt8>
    /// Entries (when not even), arms and outcome times of ``TrialSimulator/lanes`` replicates
    /// drawn at once, replicate j's at `j·n ..< (j+1)·n`.
    let laneEntry: UnsafeMutableBufferPointer<Double>
    let laneArm: UnsafeMutableBufferPointer<UInt8>
    let laneFollow: UnsafeMutableBufferPointer<Double>
    /// The calendar times of the lanes' outcomes, laid out as ``laneFollow``.
    let laneCalendar: UnsafeMutableBufferPointer<Double>
    let rankSort = RankSort()
    let keySelection = KeySelection()
    /// For each sorted row whose outcome is in, the rows censored at the cut with a smaller time
    /// (written by ``RankSort``, at most ``RankSort/registerRows`` rows).
    let sortedCensoredBefore: UnsafeMutablePointer<Int32>
    /// For c = 0 ... k, the first-group rows among the k censored at the cut from the c-th on.
    let firstGroupCensoredFrom: UnsafeMutableBufferPointer<Int32>

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
        rowTime = .allocate(capacity: n)
        rowTime.initialize(repeating: 0)
        rowStatus = .allocate(capacity: n)
        rowStatus.initialize(repeating: false)
        rowGroup = .allocate(capacity: n)
        rowGroup.initialize(repeating: 0)
        let small = min(n, TrialSimulator.presortLimit)
        sortedTime = .allocate(capacity: small)
        sortedTime.initialize(repeating: 0)
        sortedStatus = .allocate(capacity: small)
        sortedStatus.initialize(repeating: false)
        sortedGroup = .allocate(capacity: small)
        sortedGroup.initialize(repeating: 0)
        laneEntry = .allocate(capacity: TrialSimulator.lanes * n)
        laneEntry.initialize(repeating: 0)
        laneArm = .allocate(capacity: TrialSimulator.lanes * n)
        laneArm.initialize(repeating: 0)
        laneFollow = .allocate(capacity: TrialSimulator.lanes * n)
        laneFollow.initialize(repeating: 0)
        laneCalendar = .allocate(capacity: TrialSimulator.lanes * n)
        laneCalendar.initialize(repeating: 0)
        sortedCensoredBefore = .allocate(capacity: RankSort.registerRows)
        sortedCensoredBefore.initialize(repeating: 0, count: RankSort.registerRows)
        firstGroupCensoredFrom = .allocate(capacity: n + 1)
        firstGroupCensoredFrom.initialize(repeating: 0)
    }

    deinit {
        entry.deallocate()
        arm.deallocate()
        follow.deallocate()
        isEvent.deallocate()
        calendar.deallocate()
        rowTime.deallocate()
        rowStatus.deallocate()
        rowGroup.deallocate()
        sortedTime.deallocate()
        sortedStatus.deallocate()
        sortedGroup.deallocate()
        laneEntry.deallocate()
        laneArm.deallocate()
        laneFollow.deallocate()
        laneCalendar.deallocate()
        sortedCensoredBefore.deallocate()
        firstGroupCensoredFrom.deallocate()
    }
}

/// `condition ? a : b` without a branch (a bit mask over both values, which are already
/// computed), for choices the processor cannot predict; exact for every bit pattern.
@inline(__always)
private func select(_ condition: Bool, _ a: Double, _ b: Double) -> Double {
    let mask = 0 &- UInt64(unsafeBitCast(condition, to: UInt8.self))
    return Double(bitPattern: (a.bitPattern & mask) | (b.bitPattern & ~mask))
}

/// The same choice for one byte.
@inline(__always)
private func select(_ condition: Bool, _ a: UInt8, _ b: UInt8) -> UInt8 {
    let mask = 0 &- unsafeBitCast(condition, to: UInt8.self)
    return (a & mask) | (b & ~mask)
}

/// The same choice for a flag.
@inline(__always)
private func select(_ condition: Bool, _ a: Bool, _ b: Bool) -> Bool {
    unsafeBitCast(select(condition, unsafeBitCast(a, to: UInt8.self), unsafeBitCast(b, to: UInt8.self)), to: Bool.self)
}
