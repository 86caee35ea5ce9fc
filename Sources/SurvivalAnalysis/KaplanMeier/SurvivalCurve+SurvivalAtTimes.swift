/// The curve read at one chosen time, as a row of R's `summary(fit, times = ...)`.
public struct SurvivalAtTime: Sendable, Equatable {
    /// The time asked for.
    public var time: Double
    /// Number at risk at `time`: at the first curve time ≥ `time`.
    public var nRisk: Int
    /// Events and censorings since the previous chosen time (since the start for the first).
    public var nEvent: Int
    /// Censored since the previous requested time.
    public var nCensor: Int
    /// Ŝ(t).
    public var survival: Double
    /// Standard error of Ŝ (`std.err × surv`); NaN (NA) where Ŝ = 0.
    public var standardError: Double
    /// Lower confidence limit of Ŝ(t).
    public var lower: Double
    /// Upper confidence limit of Ŝ(t).
    public var upper: Double
    /// Ĥ at `time` (Nelson–Aalen curves only).
    public var cumulativeHazard: Double?
    /// Standard error of Ĥ (Nelson–Aalen curves only).
    public var cumulativeHazardStandardError: Double?
    /// With case weights: the weighted number at risk, events and censorings (R's `n.risk`,
    /// `n.event`, `n.censor` of a weighted fit) in place of the row counts; nil without weights.
    public var weighted: WeightedCount?

    /// Equal when all fields are equal, NaN counting as equal to NaN (R's NA).
    public static func == (a: SurvivalAtTime, b: SurvivalAtTime) -> Bool {
        func same(_ x: Double?, _ y: Double?) -> Bool { x == y || (x?.isNaN == true && y?.isNaN == true) }
        return a.time == b.time && a.nRisk == b.nRisk && a.nEvent == b.nEvent && a.nCensor == b.nCensor
            && same(a.survival, b.survival) && same(a.standardError, b.standardError)
            && same(a.lower, b.lower) && same(a.upper, b.upper)
            && same(a.cumulativeHazard, b.cumulativeHazard)
            && same(a.cumulativeHazardStandardError, b.cumulativeHazardStandardError)
            && a.weighted == b.weighted
    }
}

/// The weighted counts of one row of ``SurvivalAtTime`` (sums of case weights).
public struct WeightedCount: Sendable, Equatable {
    /// Σ w at risk.
    public var risk: Double
    /// Σ w of the events since the previous chosen time.
    public var event: Double
    /// Σ w of the censorings since the previous chosen time.
    public var censor: Double

    /// The three sums.
    /// - Parameters:
    ///   - risk: weighted number at risk.
    ///   - event: weighted number of events.
    ///   - censor: weighted number censored.
    public init(risk: Double, event: Double, censor: Double) {
        self.risk = risk
        self.event = event
        self.censor = censor
    }
}

extension SurvivalCurve {
    /// The curve at chosen times, with R's `summary.survfit(fit, times = ...)` semantics
    /// (`extend = FALSE`):
    /// - times are sorted (duplicates kept); times after the curve's last time are left out;
    /// - the curve starts with R's `survfit0` row at time 0 (Ŝ = 1, standard error 0, limits 1
    ///   and 1 whatever the interval type) unless its first time is 0, so a time before the first
    ///   event reads Ŝ = 1;
    /// - each time takes the values of the last curve row at or before it, the number at risk of
    ///   the first row at or after it, and the events and censorings since the previous time.
    /// - Precondition: every time is finite and ≥ 0.
    /// - Complexity: O(m + k log k) for m rows and k times.
    public func survival(at times: [Double], band: ConfidenceBand) -> [SurvivalAtTime] {
        precondition(times.allSatisfy { $0 >= 0 && $0.isFinite }, "times must be finite and non-negative")
        guard let lastTime = time.last else { return [] }
        let chosen = times.sorted().filter { $0 <= lastTime }
        let hasStartRow = time[0] != 0
        var rows: [SurvivalAtTime] = []
        rows.reserveCapacity(chosen.count)
        // `next` is the number of curve rows at or before the current chosen time.
        var next = 0
        var eventsSoFar = 0, censoredSoFar = 0
        var eventsReported = 0, censoredReported = 0
        var weightedEvents = 0.0, weightedCensored = 0.0, weightedEventsReported = 0.0, weightedCensoredReported = 0.0
        for t in chosen {
            while next < count, time[next] <= t {
                eventsSoFar += Int(nEvent[next])
                censoredSoFar += Int(nCensor[next])
                if let w = weighted { weightedEvents += w.event[next]; weightedCensored += w.censor[next] }
                next += 1
            }
            // First row at or after t (exists: t ≤ last time).
            var atOrAfter = next
            if atOrAfter > 0, time[atOrAfter - 1] == t { atOrAfter -= 1 }
            var row = SurvivalAtTime(time: t, nRisk: Int(nRisk[atOrAfter]),
                                     nEvent: eventsSoFar - eventsReported,
                                     nCensor: censoredSoFar - censoredReported,
                                     survival: 1, standardError: 0, lower: 1, upper: 1)
            if let w = weighted {
                row.weighted = WeightedCount(risk: w.risk[atOrAfter], event: weightedEvents - weightedEventsReported,
                                             censor: weightedCensored - weightedCensoredReported)
            }
            if next == 0 {
                // Before the first curve time: survfit0's start row.
                precondition(hasStartRow)
                if estimator == .nelsonAalen {
                    row.cumulativeHazard = 0
                    row.cumulativeHazardStandardError = 0
                }
            } else {
                let i = next - 1
                row.survival = survival[i]
                row.standardError = standardError(at: i)
                row.lower = band.lower[i]
                row.upper = band.upper[i]
                if let hazard = cumulativeHazard {
                    row.cumulativeHazard = hazard[i]
                    row.cumulativeHazardStandardError = cumulativeHazardStandardError?[i]
                }
            }
            eventsReported = eventsSoFar
            censoredReported = censoredSoFar
            weightedEventsReported = weightedEvents
            weightedCensoredReported = weightedCensored
            rows.append(row)
        }
        return rows
    }
}
