import GSLSupport

/// How patients' entry times are drawn from the accrual intensity.
public enum ArrivalPattern: String, CaseIterable, Sendable {
    /// Deterministic: the i-th patient enters when the expected number enrolled reaches i, as
    /// rpact's `getSimulationSurvival` spreads entries (for uniform accrual over A: i·A/N).
    case even
    /// A Poisson process with the accrual's intensity: random gaps, so the time to enrol all
    /// patients varies between trials.
    case poisson
    /// Independent entry times from the accrual distribution (the order statistics of N draws
    /// with cumulative intensity Λ, over the time Λ takes to reach N): the continuous accrual
    /// that `design`'s expected events assume (the last entry falls before the accrual's end).
    case uniform
}

/// Entry times of `patients` patients under an accrual intensity: the cumulative intensity
/// `Λ(t)` (expected patients enrolled by t) and its inverse.
///
/// A closed accrual's rates are a shape (rpact's relative intensities): they are scaled so that
/// `Λ(end) = patients`. An open accrual's rates are patients per time unit. Beyond the last
/// piece the last rate runs on, which only Poisson arrivals can need.
public struct EntrySchedule: Sendable, Equatable {
    /// Piece starts.
    let starts: [Double]
    /// Absolute rates, patients per time unit.
    let rates: [Double]
    /// `Λ(starts[k])`.
    let cumulative: [Double]
    /// Number of patients the schedule enrols.
    public let patients: Int
    /// The accrual's end for a closed accrual, where the N-th even entry is placed exactly.
    let closedEnd: Double?

    /// - Complexity: O(accrual pieces).
    public init(accrual: Accrual, patients: Int) {
        precondition(patients > 0, "patients must be positive")
        var rates = accrual.rates
        if let end = accrual.closedEnd {
            var total = 0.0
            for k in rates.indices { total += rates[k] * ((k + 1 < accrual.times.count ? accrual.times[k + 1] : end) - accrual.times[k]) }
            let scale = Double(patients) / total
            rates = rates.map { $0 * scale }
        }
        var cumulative = [0.0]
        for k in 1..<max(1, rates.count) {
            cumulative.append(cumulative[k - 1] + rates[k - 1] * (accrual.times[k] - accrual.times[k - 1]))
        }
        starts = Array(accrual.times.prefix(rates.count))
        self.rates = rates
        self.cumulative = cumulative
        self.patients = patients
        closedEnd = accrual.closedEnd
    }

    /// `Λ⁻¹(s)`: when the expected number enrolled reaches `s`, searching from piece `k` on
    /// (callers that ask for increasing `s` pass the piece of the previous answer).
    /// - Complexity: O(pieces skipped).
    @inline(__always)
    func time(atExpected s: Double, piece k: inout Int) -> Double {
        let last = rates.count - 1
        while k < last && cumulative[k + 1] <= s { k += 1 }
        return starts[k] + (s - cumulative[k]) / rates[k]
    }

    /// Even entries: patient i (1-based) enters at `Λ⁻¹(i)`; with a closed accrual the last
    /// patient enters at its end.
    /// - Complexity: O(patients + pieces).
    public func evenEntries() -> [Double] {
        var k = 0
        var entries = (1...patients).map { time(atExpected: Double($0), piece: &k) }
        if let closedEnd { entries[patients - 1] = closedEnd }
        return entries
    }

    /// Poisson entries in increasing order: `Λ⁻¹(S_i)` with `S_i` the partial sums of Exp(1)
    /// gaps (a unit-rate process mapped through the cumulative intensity).
    /// - Complexity: O(patients + pieces).
    func poissonEntries(into entries: UnsafeMutableBufferPointer<Double>, stream: inout Taus2) {
        var k = 0
        var s = 0.0
        for i in 0..<patients {
            s += stream.standardExponential()
            entries[i] = time(atExpected: s, piece: &k)
        }
    }

    /// Uniform entries in increasing order: `Λ⁻¹(N U₍ᵢ₎)` with U₍ᵢ₎ the order statistics of N
    /// uniforms, drawn without sorting as Sᵢ / S_{N+1} from partial sums of N + 1 Exp(1)
    /// variates (Devroye 1986, Non-Uniform Random Variate Generation, §V.2).
    /// - Complexity: O(patients + pieces).
    func uniformEntries(into entries: UnsafeMutableBufferPointer<Double>, stream: inout Taus2) {
        var s = 0.0
        for i in 0..<patients {
            s += stream.standardExponential()
            entries[i] = s
        }
        let total = s + stream.standardExponential()
        let scale = Double(patients) / total
        var k = 0
        for i in 0..<patients { entries[i] = time(atExpected: entries[i] * scale, piece: &k) }
    }
}
