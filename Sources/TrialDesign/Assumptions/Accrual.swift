import SurvivalAnalysis

/// How patients enter the trial: a piecewise-constant intensity, as rpact's
/// `accrualTime` / `accrualIntensity`.
///
/// `times` start at 0 and increase; `rates[k]` is the intensity on `[times[k], times[k+1])`.
/// - **Closed** (`rates.count == times.count - 1`): accrual ends at `times.last`. Only the shape of
///   the intensity matters — the number of patients is whatever the design needs — as rpact's
///   relative intensities. Uniform accrual over `A` is `times [0, A]`, `rates [1]`.
/// - **Open** (`rates.count == times.count`): the last rate runs on until the trial's patients
///   are in; rates are absolute (patients per time unit), so the end of accrual follows from the
///   number of patients (rpact's `accrualTime = 0, accrualIntensity = 4`).
public struct Accrual: Sendable, Equatable {
    /// Start times of the accrual intervals, increasing from 0 (rpact's `accrualTime`).
    public let times: [Double]
    /// Accrual intensity on each interval (rpact's `accrualIntensity`): relative when accrual ends at the last time, absolute when open.
    public let rates: [Double]

    /// One interval of constant intensity.
    public struct Piece: Sendable, Equatable {
        /// Start of the interval.
        public let start: Double
        /// End of the interval.
        public let end: Double
        /// Accrual intensity on the interval.
        public let rate: Double
    }

    /// - Complexity: O(pieces).
    public init(times: [Double], rates: [Double]) throws(DesignError) {
        guard let first = times.first, first == 0 else {
            throw .invalid("accrual times must start at 0 (got \(times.map(\.roundTripText)))")
        }
        guard times.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalid("accrual times must be finite and not negative")
        }
        for k in 1..<max(1, times.count) where times[k] <= times[k - 1] {
            throw .invalid("accrual times must increase (\(times[k - 1].roundTripText) then \(times[k].roundTripText))")
        }
        guard rates.count == times.count || rates.count == times.count - 1, !rates.isEmpty else {
            throw .invalid("\(times.count) accrual times need \(times.count - 1) rates (accrual ends at the last time) "
                + "or \(times.count) (the last rate runs until the patients are in); got \(rates.count)")
        }
        guard rates.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw .invalid("accrual rates must be finite and positive")
        }
        self.times = times
        self.rates = rates
    }

    /// Uniform entry over `[0, duration]`.
    public static func uniform(duration: Double) throws(DesignError) -> Accrual {
        guard duration.isFinite, duration > 0 else {
            throw .invalid("accrual time must be positive and finite (got \(duration.roundTripText))")
        }
        return try Accrual(times: [0, duration], rates: [1])
    }

    /// Open accrual at a constant `rate` patients per time unit from time 0.
    public static func constantRate(_ rate: Double) throws(DesignError) -> Accrual {
        try Accrual(times: [0], rates: [rate])
    }

    /// True when the last rate runs on until the patients are enrolled.
    public var isOpenEnded: Bool { rates.count == times.count }

    /// True for a closed accrual with one constant rate.
    public var isUniform: Bool { !isOpenEnded && rates.count == 1 }

    /// The end of a closed accrual; nil when it depends on the number of patients.
    public var closedEnd: Double? { isOpenEnded ? nil : times.last }

    /// When accrual ends once `patients` are enrolled: the closed end, or for an open accrual the
    /// time at which the cumulative intensity reaches `patients`.
    /// - Complexity: O(number of pieces).
    public func end(enrolling patients: Double) -> Double {
        if let closedEnd { return closedEnd }
        var enrolled = 0.0
        for k in rates.indices {
            let start = times[k]
            let pieceEnd = k + 1 < times.count ? times[k + 1] : .infinity
            let capacity = rates[k] * (pieceEnd - start)
            if enrolled + capacity >= patients { return start + (patients - enrolled) / rates[k] }
            enrolled += capacity
        }
        return times[times.count - 1]
    }

    /// The intensity pieces of the accrual that ends at `end` (the closed end, or the end an
    /// open accrual reaches for some number of patients).
    /// - Complexity: O(number of pieces).
    public func pieces(endingAt end: Double) -> [Piece] {
        var result: [Piece] = []
        for k in rates.indices {
            let start = times[k]
            guard start < end else { break }
            let pieceEnd = k + 1 < times.count ? min(times[k + 1], end) : end
            result.append(Piece(start: start, end: pieceEnd, rate: rates[k]))
        }
        return result
    }
}
