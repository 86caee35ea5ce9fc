import PlatformSupport
import GSLSupport

/// A historical control's survival as a piecewise-exponential hazard: `hazards[0]` on
/// [0, `times[0]`), `hazards[1]` on [`times[0]`, `times[1]`), …, the last hazard from the last
/// cut point on. One hazard and no cut points is the exponential law (median ln 2 / λ).
public struct HistoricalHazard: Sendable, Equatable {
    /// Cut points of the pieces, increasing and > 0.
    public let times: [Double]
    /// Hazard on each piece; one more than the cut points.
    public let hazards: [Double]

    /// Why hazards cannot describe a survival law.
    public enum Failure: Error, Equatable, Sendable {
        /// hazards.count must be times.count + 1.
        case countMismatch(times: Int, hazards: Int)
        /// Cut points must be finite, > 0 and increasing.
        case badTimes
        /// Hazards must be finite and ≥ 0, the last > 0 (else survival never ends).
        case badHazards
    }

    /// A piecewise-exponential law; throws when counts, times or hazards are invalid.
    public init(times: [Double] = [], hazards: [Double]) throws(Failure) {
        guard hazards.count == times.count + 1 else { throw .countMismatch(times: times.count, hazards: hazards.count) }
        var previous = 0.0
        for t in times {
            guard t.isFinite, t > previous else { throw .badTimes }
            previous = t
        }
        guard hazards.allSatisfy({ $0.isFinite && $0 >= 0 }), hazards.last! > 0 else { throw .badHazards }
        self.times = times
        self.hazards = hazards
    }

    /// The exponential law with median `median` (λ = ln 2 / median).
    public init(median: Double) throws(Failure) {
        guard median.isFinite, median > 0 else { throw .badHazards }
        try self.init(hazards: [log(2) / median])
    }

    /// Λ₀(t) = ∫₀ᵗ λ₀(u) du.
    /// - Complexity: O(pieces).
    public func cumulativeHazard(_ t: Double) -> Double {
        var total = 0.0
        var start = 0.0
        for (i, h) in hazards.enumerated() {
            let end = i < times.count ? times[i] : Double.infinity
            if t <= end { return total + h * (t - start) }
            total += h * (end - start)
            start = end
        }
        return total
    }
}

/// The one-sample log-rank test of a single arm against a historical control's hazard
/// (Breslow 1975; Finkelstein, Muzikansky & Schoenfeld 2003, Biometrics 59:116; Wu 2015,
/// Pharm Stat 14:26).
///
/// O is the number of events and E = Σᵢ Λ₀(tᵢ) the events expected had every patient followed
/// the historical hazard to their own time tᵢ (event or censoring). Statistics:
/// - Finkelstein–Muzikansky–Schoenfeld: Z = (O − E)/√E;
/// - Wu (2015), whose variance estimate holds the type I error better in small samples:
///   Z = (O − E)/√((O + E)/2);
/// - exact: O ~ Poisson(E) under the null, one-sided p = P(Poisson(E) ≤ O).
/// Z < 0 (fewer events than expected) favours the new treatment; one-sided p-values are for
/// that direction, two-sided ones 2Φ(−|Z|).
public struct OneSampleLogRank: Sendable, Equatable {
    /// O: events observed.
    public let observed: Int
    /// E: events expected under the historical hazard.
    public let expected: Double
    /// Patients analysed.
    public let patients: Int
    /// Finkelstein–Muzikansky–Schoenfeld Z = (O − E)/√E.
    public let finkelsteinZ: Double
    /// Wu's Z = (O − E)/√((O + E)/2).
    public let wuZ: Double

    /// One-sided p-value Φ(Z) of the Finkelstein Z (fewer events than expected).
    public var finkelsteinOneSidedP: Double { Normal.cdf(finkelsteinZ) }
    /// Two-sided p-value 2Φ(−|Z|) of the Finkelstein Z.
    public var finkelsteinTwoSidedP: Double { Normal.twoSidedP(finkelsteinZ) }
    /// One-sided p-value Φ(Z) of Wu's Z.
    public var wuOneSidedP: Double { Normal.cdf(wuZ) }
    /// Two-sided p-value 2Φ(−|Z|) of Wu's Z.
    public var wuTwoSidedP: Double { Normal.twoSidedP(wuZ) }
    /// P(Poisson(E) ≤ O) = P(χ²_{2(O+1)} > 2E).
    public var exactOneSidedP: Double { ChiSquared.upperTail(2 * expected, degreesOfFreedom: Double(2 * (observed + 1))) }
    /// O/E, the standardised mortality ratio (an estimate of the hazard ratio to the historical control).
    public var ratio: Double { Double(observed) / expected }

    /// The test from times and event flags.
    /// - Precondition: equal lengths, at least one row, finite times ≥ 0.
    /// - Complexity: O(n · pieces).
    public init(time: [Double], event: [Bool], historical: HistoricalHazard) {
        precondition(time.count == event.count && !time.isEmpty)
        var e = 0.0
        var o = 0
        for (t, d) in zip(time, event) {
            e += historical.cumulativeHazard(t)
            if d { o += 1 }
        }
        observed = o
        expected = e
        patients = time.count
        finkelsteinZ = (Double(o) - e) / e.squareRoot()
        wuZ = (Double(o) - e) / ((Double(o) + e) / 2).squareRoot()
    }
}
