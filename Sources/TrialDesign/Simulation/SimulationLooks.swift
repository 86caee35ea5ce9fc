internal import Foundation
import GSLSupport

/// The looks of a simulated group-sequential trial: at look k the data are cut when
/// D_k = ⌈t_k·D⌉ events have occurred (D the maximum events, t_k the information rate), and the
/// log-rank Z — signed so that benefit (a lower treatment hazard) is positive — is compared with
/// the design's critical value c_k (efficacy) and, for a one-sided design with beta spending,
/// the non-binding futility bound u_k: the trial stops at the first look with Z ≥ c_k (|Z| ≥ c_k
/// two-sided) or Z < u_k. The bounds are those of ``GroupSequentialBoundaries`` (rpact's
/// `getDesignGroupSequential`); simulating the futility stops gives the operating characteristics
/// of a trial that obeys them.
public struct SimulationLooks: Sendable, Equatable {
    /// t_1 < … < t_K = 1.
    public let informationRates: [Double]
    /// c_k on the Z scale (per side when two-sided).
    public let criticalValues: [Double]
    /// u_1 … u_{K−1}, or nil without futility bounds.
    public let futilityBounds: [Double]?

    /// Number of looks.
    public var count: Int { informationRates.count }

    /// The nominal level of look k for a p-value of a test with `sides` sides: `sides · (1 − Φ(c_k))`
    /// (rpact's `stageLevels`, doubled when two-sided), so that p_k ≤ level ⇔ Z_k crosses c_k for
    /// the log-rank test. Further tests (`simulate --test`) are run at these levels look by look.
    /// - Complexity: O(K).
    public func nominalLevels(sides: Int) -> [Double] {
        criticalValues.map { Double(sides) * Normal.upperTail($0) }
    }

    /// - Throws: ``DesignError`` when the lists do not fit together.
    public init(informationRates: [Double], criticalValues: [Double], futilityBounds: [Double]?) throws(DesignError) {
        let K = informationRates.count
        guard K >= 1, criticalValues.count == K else {
            throw .invalid("the looks need one critical value per information rate")
        }
        guard informationRates.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= 1 }), informationRates.last == 1,
              zip(informationRates, informationRates.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalid("information rates must increase strictly and end at 1")
        }
        guard criticalValues.allSatisfy({ !$0.isNaN }) else { throw .invalid("critical values must be numbers") }
        if let futilityBounds {
            guard futilityBounds.count == K - 1, futilityBounds.allSatisfy({ !$0.isNaN }) else {
                throw .invalid("the looks need one futility bound per look but the last")
            }
        }
        self.informationRates = informationRates
        self.criticalValues = criticalValues
        self.futilityBounds = futilityBounds
    }

    /// The looks of a computed design.
    public init(boundaries: GroupSequentialBoundaries) throws(DesignError) {
        try self.init(informationRates: boundaries.informationRates, criticalValues: boundaries.criticalValues,
                      futilityBounds: boundaries.futilityBounds)
    }

    /// The looks of `design`, its boundaries computed here.
    public init(design: GroupSequentialDesign) throws(DesignError) {
        let boundaries: GroupSequentialBoundaries
        do throws(GroupSequentialError) { boundaries = try design.boundaries() } catch { throw DesignError(error) }
        try self.init(boundaries: boundaries)
    }

    /// D_k = ⌈t_k·D⌉ (the last is D), as rpact rounds the events of interim looks up.
    /// - Throws: ``DesignError`` when two looks would fall at the same number of events.
    /// - Complexity: O(K).
    public func events(maximum d: Int) throws(DesignError) -> [Int] {
        let events = informationRates.indices.map { k in
            k == count - 1 ? d : PatientRounding.ceiling(informationRates[k] * Double(d))
        }
        guard events.first! >= 1, zip(events, events.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalid("with \(d) events the looks fall at \(events.map(String.init).joined(separator: ", ")) events: "
                + "each look needs at least one event more than the one before")
        }
        return events
    }
}

/// How a simulated trial ended.
public enum LookDecision: UInt8, Sendable {
    /// Reached the last look (or, in a fixed design, the analysis) without stopping early for
    /// efficacy; the final test did not reject — or it never reached its events.
    case none = 0
    /// Crossed the efficacy boundary (rejected H0).
    case efficacy = 1
    /// Fell below the futility bound.
    case futility = 2
}
