import PlatformSupport

/// Which side of a hazard ratio (treatment : control) of 1 the alternative lies on — rpact's
/// `directionUpper` (FALSE for `.belowOne`, the usual "treatment lowers the hazard").
public enum HazardRatioDirection: String, Sendable, CaseIterable {
    case belowOne = "below-one"
    case aboveOne = "above-one"

    /// The efficacy-scale effect of a hazard ratio: −log HR when benefit means HR < 1, log HR
    /// otherwise, so that the effect is positive under the alternative.
    /// - Complexity: O(1).
    public func effect(hazardRatio: Double) -> Double {
        self == .belowOne ? -log(hazardRatio) : log(hazardRatio)
    }

    /// The hazard ratio of an efficacy-scale effect (inverse of ``effect(hazardRatio:)``).
    /// - Complexity: O(1).
    public func hazardRatio(effect: Double) -> Double {
        self == .belowOne ? exp(-effect) : exp(effect)
    }
}

/// The log-rank results of a survival trial at each look so far, cumulative and on the efficacy
/// scale — what rpact's `getDataset(overallEvents =, overallLogRanks =, overallAllocationRatios =)`
/// holds, with the statistic signed so that a positive Z favours the alternative.
///
/// Under the proportional-hazards model the log-rank Z at look k is approximately
/// N(δ·√(D_k·r_k)/(1 + r_k), 1) for the efficacy-scale log hazard ratio δ, D_k events and
/// allocation r_k = n_T/n_C, so the estimate of δ is Z_k·(1 + r_k)/√(r_k·D_k) (Schoenfeld 1981;
/// rpact's `effectSizes`).
public struct LogRankLooks: Sendable, Equatable {
    /// D_1 < D_2 < …, cumulative events.
    public let events: [Double]
    /// Z_1, Z_2, …, cumulative log-rank statistics, positive in favour of the alternative.
    public let z: [Double]
    /// r_k = n_T/n_C at each look.
    public let allocationRatios: [Double]

    /// Number of looks.
    public var count: Int { events.count }

    /// The looks so far, validated (events positive and increasing, one Z and ratio per look).
    /// - Parameters:
    ///   - events: D_1 < D_2 < …, the cumulative events at each look.
    ///   - z: Z_1, Z_2, …, the cumulative log-rank statistics, positive in favour of the alternative.
    ///   - allocationRatios: r_k = n_T/n_C at each look; nil for 1:1 at every look.
    /// - Complexity: O(K).
    public init(events: [Double], z: [Double], allocationRatios: [Double]? = nil) throws(GroupSequentialError) {
        guard !events.isEmpty else { throw .invalidParameter("an interim analysis needs at least one look with events") }
        guard z.count == events.count else {
            throw .invalidParameter("\(events.count) event counts but \(z.count) log-rank statistics")
        }
        let ratios = allocationRatios ?? Array(repeating: 1, count: events.count)
        guard ratios.count == events.count else {
            throw .invalidParameter("\(events.count) event counts but \(ratios.count) allocation ratios")
        }
        for k in events.indices {
            guard events[k].isFinite, events[k] > 0 else {
                throw .invalidParameter("look \(k + 1) has no events: the log-rank statistic is undefined")
            }
            if k > 0, !(events[k] > events[k - 1]) {
                throw .invalidParameter("cumulative events must increase from look to look, but look \(k + 1) has \(events[k]) after \(events[k - 1])")
            }
            guard z[k].isFinite else { throw .invalidParameter("look \(k + 1): the log-rank statistic is not finite") }
            guard ratios[k].isFinite, ratios[k] > 0 else {
                throw .invalidParameter("look \(k + 1): the allocation ratio must be positive, got \(ratios[k])")
            }
        }
        self.events = events
        self.z = z
        self.allocationRatios = ratios
    }

    /// The statistic of the events between looks k − 1 and k alone,
    /// (√D_k·Z_k − √D_{k−1}·Z_{k−1}) / √(D_k − D_{k−1}) — rpact's stage-wise "Log-ranks".
    /// - Complexity: O(K).
    public var stageZ: [Double] {
        events.indices.map { k in
            guard k > 0 else { return z[0] }
            return (events[k].squareRoot() * z[k] - events[k - 1].squareRoot() * z[k - 1])
                / (events[k] - events[k - 1]).squareRoot()
        }
    }

    /// The standard error of the log hazard ratio estimate at look k (0-based): (1 + r)/√(r·D).
    /// - Complexity: O(1).
    public func standardError(at k: Int) -> Double {
        let r = allocationRatios[k]
        return (1 + r) / (r * events[k]).squareRoot()
    }

    /// The efficacy-scale log hazard ratio estimate at look k (0-based): Z·(1 + r)/√(r·D).
    /// - Complexity: O(1).
    public func effectEstimate(at k: Int) -> Double { z[k] * standardError(at: k) }

    /// The hazard ratio estimate at look k (0-based), rpact's `effectSizes`.
    /// - Complexity: O(1).
    public func hazardRatio(at k: Int, direction: HazardRatioDirection) -> Double {
        direction.hazardRatio(effect: effectEstimate(at: k))
    }
}
