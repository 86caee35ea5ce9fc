import PlatformSupport

/// The data behind R's `coxph(... + tt(x), tt = function(x, t, ...) x * log(t))`, the usual
/// check of proportional hazards for a covariate: a term x·log(t) whose value changes with
/// the time t of each risk set.
///
/// R builds it by expanding every subject over the risk sets it belongs to; survkit does the
/// same with (start, stop] pieces: each row is cut at every distinct event time inside its
/// interval (``EpisodeSplit``), so that each piece (s, t] holds one event time at most — its
/// stop t — and the term's value on the piece is x·log(t). A piece whose stop is not an event
/// time is in no risk set of an event, so its value does not matter. The Cox fit of the pieces
/// is R's fit with the tt() term.
extension SurvivalData {
    /// The data expanded for a tt(x) = x·log(t) term of `covariate` (one of the numeric
    /// covariates), with the new covariate `tt(covariate)` appended.
    ///
    /// Errors (``InputError``): `covariate` is not a numeric covariate of the data.
    /// - Complexity: O(n·D) rows in the worst case, for D distinct event times.
    public func timeTransformed(covariate name: String) throws(InputError) -> SurvivalData {
        guard let x = covariates.first(where: { $0.name == name })?.values else {
            throw InputError(file: source, columnName: name, message: "tt(\(name)): '\(name)' is not one of the numeric covariates")
        }
        var eventTimes: [Double] = []
        for i in 0..<count where event[i] { eventTimes.append(time[i]) }
        let pieces = EpisodeSplit.pieces(start: start ?? [Double](repeating: 0, count: count), stop: time,
                                         event: event, cuts: eventTimes)
        let rows = pieces.map(\.row)
        func pick<T>(_ v: [T]) -> [T] { rows.map { v[$0] } }
        func pick(_ f: Factor) -> Factor { Factor(codes: pick(f.codes), levels: f.levels) }
        var out = self
        out.time = pieces.map(\.stop)
        out.recordedTime = out.time
        out.start = pieces.map(\.start)
        out.event = pieces.map(\.event)
        out.lines = pick(lines)
        out.group = group.map(pick)
        out.strata = strata.map(pick)
        out.covariates = covariates.map { ($0.name, pick($0.values)) }
            + [("tt(\(name))", pieces.map { x[$0.row] * log($0.stop) })]
        out.factors = factors.map { ($0.name, pick($0.factor)) }
        out.weights = weights.map(pick)
        out.cluster = cluster.map(pick)
        out.subject = subject.map(pick)
        out.entry = entry.map(pick)
        return out
    }
}
