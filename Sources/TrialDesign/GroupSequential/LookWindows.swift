/// The window of cumulative events each look may fall in: look k is planned at D_k events but
/// may happen anywhere in [minimum_k, maximum_k] (a DSMB meeting date fixed before the events
/// are counted, say). The boundaries at the window's ends show how the bound moves
/// (``GroupSequentialDesign/criticalValue(look:atRate:gridSize:)``); `survkit interim` refuses a
/// look outside its window unless told to allow it.
public struct LookWindows: Sendable, Equatable {
    /// The fewest cumulative events look k may have, per look (nil: no lower limit).
    public let minimum: [Double]?
    /// The most cumulative events look k may have, per look (nil: no upper limit).
    public let maximum: [Double]?

    /// Checks the windows: K values each, positive, increasing from look to look, each minimum
    /// at most its maximum, and a look's window ending before the next one's starts.
    /// - Complexity: O(K).
    public init(minimum: [Double]?, maximum: [Double]?, looks: Int) throws(GroupSequentialError) {
        for (name, values) in [("minimum", minimum), ("maximum", maximum)] {
            guard let values else { continue }
            guard values.count == looks else {
                throw .invalidParameter("the \(name) events per look have \(values.count) values for \(looks) looks: give one cumulative count per look")
            }
            for (k, v) in values.enumerated() {
                guard v.isFinite, v > 0 else { throw .invalidParameter("the \(name) events of look \(k + 1) must be positive, got \(v)") }
                if k > 0, !(v > values[k - 1]) {
                    throw .invalidParameter("the \(name) events per look must increase (they are cumulative), but look \(k + 1)'s \(v) is not above look \(k)'s \(values[k - 1])")
                }
            }
        }
        if let minimum, let maximum {
            for k in 0..<looks {
                guard minimum[k] <= maximum[k] else {
                    throw .invalidParameter("look \(k + 1): the minimum events \(minimum[k]) are above the maximum \(maximum[k])")
                }
                if k + 1 < looks, !(maximum[k] < minimum[k + 1]) {
                    throw .invalidParameter("look \(k + 1)'s window (up to \(maximum[k]) events) must end before look \(k + 2)'s starts (\(minimum[k + 1]))")
                }
            }
        }
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Whether `events` falls in look `look`'s window (1-based look).
    public func contains(_ events: Double, look: Int) -> Bool {
        if let minimum, look <= minimum.count, events < minimum[look - 1] { return false }
        if let maximum, look <= maximum.count, events > maximum[look - 1] { return false }
        return true
    }

    /// Look `look`'s window as text, e.g. "[40, 60]" or "at most 60".
    public func text(look: Int) -> String {
        let low = minimum.map { $0[look - 1] }, high = maximum.map { $0[look - 1] }
        switch (low, high) {
        case let (l?, h?): return "[\(l.roundTripText), \(h.roundTripText)]"
        case let (l?, nil): return "at least \(l.roundTripText)"
        case let (nil, h?): return "at most \(h.roundTripText)"
        case (nil, nil): return "any"
        }
    }
}

extension GroupSequentialDesign {
    /// The critical value of look `look` (1-based) if it falls at information fraction `rate`
    /// instead of its planned one, the other looks as planned, with the planned spending: the
    /// spending function (or the user's value of the look) at `rate`; at the final look all of α
    /// after what the earlier looks spent at their planned rates (as an over- or under-running
    /// final analysis, rpact's `getAnalysisResults(maxInformation, informationEpsilon)`).
    /// Classical boundaries are fixed per look (rpact applies them by look): the planned value.
    /// - Complexity: O(K·m²) plus O(m) per root-finding step.
    public func criticalValue(look: Int, atRate rate: Double,
                              gridSize: Int = GroupSequentialDesign.defaultGridSize) throws(GroupSequentialError) -> Double {
        let planned = informationRates.values
        precondition(look >= 1 && look <= planned.count, "a look of the design")
        let k = look - 1
        guard rate.isFinite, rate > 0, k == 0 || rate > planned[k - 1] else {
            throw .invalidParameter("look \(look) at information fraction \(rate) is not after look \(look - 1)'s planned \(k > 0 ? planned[k - 1] : 0)")
        }
        if k + 1 < planned.count, !(rate < planned[k + 1]) {
            throw .invalidParameter("look \(look) at information fraction \(rate) is not before look \(look + 1)'s planned \(planned[k + 1])")
        }
        if case .classical = efficacy { return try boundaries(gridSize: gridSize).criticalValues[k] }
        let rates = Array(planned[0..<k]) + [rate]
        if k == planned.count - 1 {
            let earlier = Array(cumulativeAlpha[0..<k])
            return try EfficacyBoundaries.criticalValues(
                informationRates: rates, cumulativeAlpha: earlier + [alpha], sides: sides, gridSize: gridSize)[k]
        }
        return try criticalValues(atObservedRates: rates, gridSize: gridSize)[k]
    }
}

/// The efficacy bound of a look at the ends of its window of events
/// (``LookWindows/bounds(design:maximumEvents:gridSize:)``).
public struct LookWindowBound: Sendable, Equatable {
    /// 1-based look.
    public let look: Int
    /// The window's ends in cumulative events (nil where not given).
    public let minimumEvents: Double?
    /// The window's upper end.
    public let maximumEvents: Double?
    /// The critical value (Z) if the look falls at the minimum events.
    public let criticalValueAtMinimum: Double?
    /// The critical value if it falls at the maximum events.
    public let criticalValueAtMaximum: Double?
}

extension LookWindows {
    /// Each look's critical value at its window's ends, at information fraction events/D with
    /// the planned spending. Each window must contain its look's planned events t_k·D, and end
    /// before the next look's planned events (``GroupSequentialDesign/criticalValue(look:atRate:gridSize:)``).
    /// - Parameters:
    ///   - design: the group-sequential design whose spending (or classical shape) gives the bounds.
    ///   - maximumEvents: D, the planned events of the final look.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Complexity: one boundary search per window end.
    public func bounds(design: GroupSequentialDesign, maximumEvents: Double,
                       gridSize: Int = GroupSequentialDesign.defaultGridSize) throws(GroupSequentialError) -> [LookWindowBound] {
        var out: [LookWindowBound] = []
        for look in 1...design.looks {
            let low = minimum?[look - 1], high = maximum?[look - 1]
            let planned = design.informationRates.values[look - 1] * maximumEvents
            if let low, low > planned * (1 + 1e-12) {
                throw .invalidParameter("look \(look)'s window starts at \(low.roundTripText) events, after its planned \(planned.roundTripText): the window must contain the planned look")
            }
            if let high, high < planned * (1 - 1e-12) {
                throw .invalidParameter("look \(look)'s window ends at \(high.roundTripText) events, before its planned \(planned.roundTripText): the window must contain the planned look")
            }
            func bound(_ events: Double?) throws(GroupSequentialError) -> Double? {
                guard let events else { return nil }
                return try design.criticalValue(look: look, atRate: events / maximumEvents, gridSize: gridSize)
            }
            out.append(LookWindowBound(look: look, minimumEvents: low, maximumEvents: high,
                                       criticalValueAtMinimum: try bound(low), criticalValueAtMaximum: try bound(high)))
        }
        return out
    }
}
