/// What a calendar data cut did to a data set: the data as an interim analysis at calendar time
/// T sees them.
///
/// A patient who entered at calendar time e and was followed for time y (event or censoring) is
/// seen at the cut as: not at all when e > T (not yet enrolled); followed for min(y, T − e),
/// with the event only if it happened by the cut (y ≤ T − e) — an event or a censoring after
/// the cut is censored at the cut, as a real interim data cut does.
public struct DataCut: Sendable, Equatable {
    /// T, on the entry column's calendar scale.
    public let time: Double
    /// The column holding each patient's calendar time of entry.
    public let entryColumn: String
    /// Patients who entered after the cut and are left out.
    public let patientsExcluded: Int
    /// Patients whose follow-up went past the cut and are censored at it.
    public let followUpTruncated: Int
    /// Of those, patients whose event happened after the cut (now censored).
    public let eventsCensored: Int
    /// The cut (and entry) are SAS dates: `time` counts days from 1960-01-01.
    public var isDate = false
}

extension SurvivalData {
    /// The data as seen at calendar time `cut` (see ``DataCut``), with R's tie rule
    /// (``TimeFix``) applied afresh to the cut times. Needs the entry column.
    ///
    /// Errors (``InputError``): no entry column, a non-finite cut, and a cut before every entry
    /// (no patient would be in the analysis).
    /// - Complexity: O(n) over the rows and the used columns.
    public func cut(atCalendarTime cut: Double) throws(InputError) -> (data: SurvivalData, cut: DataCut) {
        guard let entry, let entryColumn = spec.entry else {
            throw InputError(file: source, message: "a calendar data cut needs the entry column (--entry COL)")
        }
        guard start == nil else {
            throw InputError(file: source, message: "a calendar data cut of (start, stop] data is not supported: cut the intervals before reading")
        }
        guard cut.isFinite else { throw InputError(file: source, message: "the data cut must be a finite time, got \(cut)") }
        var kept: [Int] = []
        kept.reserveCapacity(count)
        var newTime: [Double] = [], newEvent: [Bool] = []
        var truncated = 0, censored = 0
        for i in 0..<count where entry[i] <= cut {
            kept.append(i)
            let available = cut - entry[i]
            // The times as recorded, not as tie-fixed for the whole file: R cuts the data
            // and then applies aeqSurv to what is left, and so does this.
            if recordedTime[i] > available {
                truncated += 1
                if event[i] { censored += 1 }
                newTime.append(available)
                newEvent.append(false)
            } else {
                newTime.append(recordedTime[i])
                newEvent.append(event[i])
            }
        }
        guard !kept.isEmpty else {
            let first = entry.min() ?? cut
            throw InputError(file: source, columnName: entryColumn,
                             message: "the data cut \(cut) is before every entry (the first patient entered at \(first)): no patient is in the analysis")
        }
        var data = self
        data.recordedTime = newTime
        data.time = TimeFix.apply(newTime)
        data.event = newEvent
        data.entry = kept.map { entry[$0] }
        data.lines = kept.map { lines[$0] }
        data.group = group?.selecting(kept)
        data.strata = strata?.selecting(kept)
        data.cluster = cluster?.selecting(kept)
        data.factors = factors.map { ($0.name, $0.factor.selecting(kept)) }
        data.covariates = covariates.map { c in (c.name, kept.map { c.values[$0] }) }
        data.weights = weights.map { w in kept.map { w[$0] } }
        let summary = DataCut(time: cut, entryColumn: entryColumn, patientsExcluded: count - kept.count,
                              followUpTruncated: truncated, eventsCensored: censored)
        return (data, summary)
    }
}

extension Factor {
    /// The rows `rows` (in that order), keeping only the levels they use, in the same order.
    /// - Complexity: O(rows + levels).
    func selecting(_ rows: [Int]) -> Factor {
        var used = [Bool](repeating: false, count: levels.count)
        for r in rows where codes[r] >= 0 { used[Int(codes[r])] = true }
        var remap = [Int32](repeating: -1, count: levels.count)
        var kept: [String] = []
        for (i, u) in used.enumerated() where u {
            remap[i] = Int32(kept.count)
            kept.append(levels[i])
        }
        return Factor(codes: rows.map { codes[$0] < 0 ? -1 : remap[Int(codes[$0])] }, levels: kept)
    }
}
