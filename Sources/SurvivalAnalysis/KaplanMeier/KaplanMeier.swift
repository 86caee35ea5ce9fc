import PlatformSupport

/// The Kaplan–Meier product-limit estimator and its sibling, the Nelson–Aalen estimator, one
/// curve per group (see ``CurveGrouping``), as R's `survfit(Surv(time, event) ~ group)`.
///
/// At each distinct time tᵢ with nᵢ at risk and dᵢ events:
/// - Kaplan–Meier: Ŝ(tᵢ) = Ŝ(tᵢ₋₁)·(nᵢ − dᵢ)/nᵢ, with Greenwood's variance of −log Ŝ,
///   Σ dⱼ/(nⱼ(nⱼ − dⱼ)) (infinite once nⱼ = dⱼ, where Ŝ drops to 0; R's `std.err` is then `Inf`).
/// - Nelson–Aalen: Ĥ(tᵢ) = Σ dⱼ/nⱼ with variance Σ dⱼ/nⱼ² (R's `ctype = 1`), survival exp(−Ĥ).
///
/// Kaplan & Meier (1958), JASA 53:457–481; Greenwood (1926); Nelson (1972), Aalen (1978).
public enum KaplanMeier {
    /// The curves of `data`, in the order of ``CurveGrouping/labels``; with case weights
    /// (``SurvivalData/weights``) the weighted curves of ``weightedCurves(time:event:weights:grouping:start:estimator:cluster:)``.
    ///
    /// Data with subjects (``SurvivalData/subject``, R's `id =`) follow survfitKM's id rules also
    /// without weights: the infinitesimal-jackknife standard error clustered by subject when a
    /// subject has two events (`anyDuplicated(id[status == 1])`), Greenwood otherwise, and, on
    /// (start, stop] data, a censored row in `n.censor` only when it ends its subject's run of
    /// contiguous intervals (`survival:::survflag`). Right-censored rows of one subject (no
    /// start) are each at risk from 0 to their time, as survfitKM takes them; there `id` changes
    /// only the standard error, so without a repeated event they take the unweighted path. The
    /// others go through the weighted computation with unit weights, whose counts and Greenwood
    /// terms are then the unweighted ones exactly.
    ///
    /// Each curve's rows become 64-bit time keys with their event flags as payload, sorted once
    /// with the package's LSD radix sort; one pass over the sorted keys then counts events and
    /// censorings at each distinct time and accumulates the estimates. Times are used as given:
    /// ``SurvivalData`` has already applied R's tie rule (``TimeFix``).
    /// - Precondition: every time is finite and ≥ 0 (``SurvivalData`` guarantees it).
    /// - Complexity: O(n) time and memory, plus O(m) per curve of m distinct times.
    public static func curves(_ data: SurvivalData, estimator: SurvivalEstimator = .kaplanMeier) -> [SurvivalCurve] {
        if let weights = data.weights {
            return weightedCurves(time: data.time, event: data.event, weights: weights, grouping: CurveGrouping(data),
                                  start: data.start, estimator: estimator, cluster: data.subject?.codes)
        }
        if let subject = data.subject, data.start != nil || repeatsEvents(subject.codes, data.event) {
            let unit = [Double](repeating: 1, count: data.time.count)
            return weightedCurves(time: data.time, event: data.event, weights: unit, grouping: CurveGrouping(data),
                                  start: data.start, estimator: estimator, cluster: subject.codes)
                .map { curve in
                    var curve = curve
                    curve.weighted = nil  // unit weights: the row counts are the counts.
                    return curve
                }
        }
        return curves(time: data.time, event: data.event, grouping: CurveGrouping(data), estimator: estimator,
                      start: data.start)
    }

    /// The curves of rows split by `grouping`. With `start` ((start, stop] data, `time` the
    /// stops), the number at risk at t counts the rows with start < t ≤ stop, as R's
    /// `survfit(Surv(start, stop, event))`: rows with stop ≥ t less rows with start ≥ t; the
    /// table keeps one row per distinct stop.
    /// - Complexity: as ``curves(_:estimator:)``, plus one sort of the starts.
    public static func curves(time: [Double], event: [Bool], grouping: CurveGrouping,
                              estimator: SurvivalEstimator = .kaplanMeier, start entry: [Double]? = nil) -> [SurvivalCurve] {
        precondition(time.count == event.count, "time and event differ in length")
        let n = time.count
        let curveCount = grouping.curveCount
        // Bucket the rows by curve (a stable counting sort), packing each into its key.
        var start = [Int](repeating: 0, count: curveCount + 1)
        if let codes = grouping.codes {
            for c in codes { start[Int(c) + 1] += 1 }
            for c in 0..<curveCount { start[c + 1] += start[c] }
        } else {
            start[1] = n
        }
        // Time keys (``TimeKey``; adding 0.0 makes −0 and +0 one key) and event flags.
        var keys = [UInt64](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        var events = [UInt8](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        time.withUnsafeBufferPointer { t in
            event.withUnsafeBufferPointer { e in
                keys.withUnsafeMutableBufferPointer { k in
                    events.withUnsafeMutableBufferPointer { f in
                        if let codes = grouping.codes {
                            var next = start
                            for i in 0..<n {
                                let c = Int(codes[i])
                                k[next[c]] = CurveKey.make(t[i])
                                f[next[c]] = e[i] ? 1 : 0
                                next[c] += 1
                            }
                        } else {
                            for i in 0..<n { k[i] = CurveKey.make(t[i]); f[i] = e[i] ? 1 : 0 }
                        }
                    }
                }
            }
        }
        // Start keys bucketed the same way (sorted per curve below).
        var entryKeys: [UInt64] = []
        if let entry {
            precondition(entry.count == n, "start and time differ in length")
            entryKeys = [UInt64](repeating: 0, count: n)
            if let codes = grouping.codes {
                var next = start
                for i in 0..<n {
                    let c = Int(codes[i])
                    entryKeys[next[c]] = TimeKey.key(entry[i] + 0.0)
                    next[c] += 1
                }
            } else {
                for i in 0..<n { entryKeys[i] = TimeKey.key(entry[i] + 0.0) }
            }
        }
        var result: [SurvivalCurve] = []
        result.reserveCapacity(curveCount)
        keys.withUnsafeMutableBufferPointer { k in
            events.withUnsafeMutableBufferPointer { f in
                for c in 0..<curveCount {
                    let range = start[c]..<start[c + 1]
                    let segment = UnsafeMutableBufferPointer(rebasing: k[range])
                    let flags = UnsafeMutableBufferPointer(rebasing: f[range])
                    RadixSort.sort(keys: segment, payload: flags)
                    var entries: [UInt64]? = nil
                    if entry != nil {
                        entries = Array(entryKeys[range])
                        RadixSort.sort(keys: &entries!)
                    }
                    result.append(estimate(sorted: UnsafeBufferPointer(segment), events: UnsafeBufferPointer(flags),
                                           label: grouping.labels[c], estimator: estimator, sortedEntries: entries))
                }
            }
        }
        return result
    }

    /// One curve from keys sorted ascending: one pass, one row per distinct time.
    /// - Complexity: O(n).
    static func estimate(sorted keys: UnsafeBufferPointer<UInt64>, events flags: UnsafeBufferPointer<UInt8>,
                         label: String?, estimator: SurvivalEstimator,
                         sortedEntries: [UInt64]? = nil) -> SurvivalCurve {
        let n = keys.count
        var distinct = 0
        var previous: UInt64? = nil
        for key in keys where key != previous {
            distinct += 1
            previous = key
        }
        var time: [Double] = [], nRisk: [Int32] = [], nEvent: [Int32] = [], nCensor: [Int32] = []
        var survival: [Double] = [], logSE: [Double] = []
        var cumulativeHazard: [Double] = []
        time.reserveCapacity(distinct); nRisk.reserveCapacity(distinct)
        nEvent.reserveCapacity(distinct); nCensor.reserveCapacity(distinct)
        survival.reserveCapacity(distinct); logSE.reserveCapacity(distinct)
        if estimator == .nelsonAalen { cumulativeHazard.reserveCapacity(distinct) }

        var productLimit = 1.0, greenwood = 0.0, hazard = 0.0, hazardVariance = 0.0
        var hazardSurvival = 1.0, standardError = 0.0
        var stoppingLater = n, entered = 0, totalEvents = 0
        var i = 0
        while i < n {
            let key = keys[i]
            var deaths = 0, rows = 0
            while i < n, keys[i] == key {
                deaths += Int(flags[i])
                rows += 1
                i += 1
            }
            let censored = rows - deaths
            time.append(TimeKey.value(key))
            // (start, stop]: rows that have not yet entered (start ≥ t) are not at risk.
            var notEntered = 0
            if let entries = sortedEntries {
                while entered < n && TimeKey.value(entries[entered]) < TimeKey.value(key) { entered += 1 }
                notEntered = n - entered
            }
            let atRisk = stoppingLater - notEntered
            nRisk.append(Int32(atRisk))
            nEvent.append(Int32(deaths))
            nCensor.append(Int32(censored))
            let r = Double(atRisk), d = Double(deaths)
            switch estimator {
            case .kaplanMeier:
                if deaths > 0 {
                    productLimit *= (r - d) / r
                    greenwood += d / (r * (r - d))
                    standardError = greenwood.squareRoot()
                }
                survival.append(productLimit)
                logSE.append(standardError)
            case .nelsonAalen:
                if deaths > 0 {
                    hazard += d / r
                    hazardVariance += d / (r * r)
                    standardError = hazardVariance.squareRoot()
                    hazardSurvival = exp(-hazard)
                }
                survival.append(hazardSurvival)
                logSE.append(standardError)
                cumulativeHazard.append(hazard)
            }
            stoppingLater -= deaths + censored
            totalEvents += deaths
        }
        return SurvivalCurve(label: label, estimator: estimator, n: n, events: totalEvents, time: time,
                             nRisk: nRisk, nEvent: nEvent, nCensor: nCensor, survival: survival,
                             logStandardError: logSE,
                             cumulativeHazard: estimator == .nelsonAalen ? cumulativeHazard : nil)
    }
}

/// A curve's sort key: the time's ``TimeKey``, with −0 made +0 so that one time has one key.
enum CurveKey {
    @inline(__always) static func make(_ time: Double) -> UInt64 {
        precondition(time >= 0 && time.isFinite, "survival times must be finite and non-negative")
        return TimeKey.key(time + 0.0)
    }
}
