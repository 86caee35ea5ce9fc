/// Why a discrimination metric (``UnoConcordance``, ``CumulativeDynamicAUC``) cannot be
/// computed; the refusals are scikit-survival's, as typed keys the CLI words.
public enum MetricFailure: Error, Equatable, Sendable {
    /// The given τ is not a finite number.
    case badTau(Double)
    /// An event lies after the training data's last time while Ĝ there is still positive,
    /// so Ĝ is undefined there.
    case beyondFollowUp(Double)
    /// Ĝ is zero at this event time: its weight would be infinite.
    case censoringZero(Double)
    /// No comparable pair carries weight (no events before τ with a later subject).
    case noComparablePairs
    /// A marker is not a finite number (at this row of the test data, from 0).
    case badMarker(row: Int)
    /// A time outside [first, last) test time, where AUC(t) is undefined.
    case timeOutsideFollowUp(Double, first: Double, last: Double)
    /// No cases (events by t) or no controls (still event-free after t) at this time.
    case noCasesOrControls(Double)
    /// No times were given.
    case noTimes
    /// The evaluation times are not strictly increasing.
    case timesNotIncreasing
    /// A predicted survival probability outside [0, 1] (test row from 0, index of the time).
    case survivalOutOfRange(row: Int, time: Int)
}

/// 1/Ĝ(Tᵢ) for an event at Tᵢ, with scikit-survival's `predict_ipcw` refusals.
enum InverseCensoringWeight {
    /// 1/Ĝ(t); throws when Ĝ is undefined beyond the training follow-up or zero at t.
    static func at(_ t: Double, _ g: CensoringSurvival) throws(MetricFailure) -> Double {
        if let last = g.times.last, t > last {
            if let v = g.values.last, v > 0 { throw .beyondFollowUp(t) }
            throw .censoringZero(t)
        }
        let v = g(t)
        guard v > 0 else { throw .censoringZero(t) }
        return 1 / v
    }
}
