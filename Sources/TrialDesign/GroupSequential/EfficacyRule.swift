/// The classical boundary shapes of Wang & Tsiatis (1987) and Haybittle (1971) / Peto et al.
/// (1976), by their command-line names (rpact's `typeOfDesign` "P", "OF", "WT", "HP").
public enum BoundaryType: String, CaseIterable, Sendable {
    /// Constant critical values (Pocock 1977; Wang–Tsiatis Δ = 1/2).
    case pocock
    /// c_k ∝ 1/√t_k (O'Brien & Fleming 1979; Wang–Tsiatis Δ = 0).
    case obrienFleming = "obrien-fleming"
    /// c_k ∝ t_k^(Δ − 1/2) for a given Δ (Wang & Tsiatis 1987).
    case wangTsiatis = "wang-tsiatis"
    /// 3 at the interim looks, the final value making the total alpha exact (Haybittle 1971; Peto et al. 1976).
    case haybittlePeto = "haybittle-peto"

    /// The name people read, e.g. in report headers.
    public var displayName: String {
        switch self {
        case .pocock: return "Pocock"
        case .obrienFleming: return "O'Brien-Fleming"
        case .wangTsiatis: return "Wang-Tsiatis"
        case .haybittlePeto: return "Haybittle-Peto"
        }
    }

    /// rpact's `typeOfDesign` for the type.
    public var rpactName: String {
        switch self {
        case .pocock: return "P"
        case .obrienFleming: return "OF"
        case .wangTsiatis: return "WT"
        case .haybittlePeto: return "HP"
        }
    }
}

/// How the efficacy critical values of a ``GroupSequentialDesign`` are defined.
///
/// - ``spending(_:)``: by an alpha-spending function (Lan & DeMets 1983; rpact `as…`).
/// - ``userSpending(_:)``: by cumulative alpha given per look (rpact `typeOfDesign = "asUser"`,
///   `userAlphaSpending`).
/// - ``classical(_:delta:)``: c_k = C·t_k^(Δ − 1/2) with C such that the total type I error is
///   exactly α (Wang & Tsiatis 1987: Pocock is Δ = 1/2, O'Brien–Fleming Δ = 0; rpact `P`, `OF`,
///   `WT` with `deltaWT`), or Haybittle–Peto: 3 at every interim look and the final value that
///   makes the total α exact (rpact `HP`).
public enum EfficacyRule: Sendable, Equatable, CustomStringConvertible {
    /// Alpha spending by a spending function.
    case spending(SpendingFunction)
    /// Cumulative alpha by each look, given (the last equals alpha).
    case userSpending([Double])
    /// A classical shape with its Wang–Tsiatis Δ (1/2 Pocock, 0 O'Brien–Fleming and Haybittle–Peto, where it is unused).
    case classical(BoundaryType, delta: Double)

    /// rpact's accepted range for `deltaWT`.
    public static let deltaRange: ClosedRange<Double> = -0.5...1
    /// The Haybittle–Peto interim critical value (rpact's `constantBoundsHP`).
    public static let haybittlePetoInterim = 3.0

    /// A classical type with its Δ: fixed for Pocock (1/2) and O'Brien–Fleming (0), given for
    /// Wang–Tsiatis (in [−0.5, 1], rpact's range), none for Haybittle–Peto.
    /// - Parameters:
    ///   - type: Pocock, O'Brien–Fleming, Wang–Tsiatis or Haybittle–Peto (rpact's `typeOfDesign`
    ///     "P", "OF", "WT", "HP").
    ///   - delta: the Wang–Tsiatis Δ (rpact's `deltaWT`): required for Wang–Tsiatis, nil for the others.
    ///   - deltaName: what the caller calls Δ in messages (e.g. "--delta").
    /// - Throws: ``GroupSequentialError/invalidParameter(_:)`` for a missing, superfluous or
    ///   out-of-range Δ.
    /// - Complexity: O(1).
    public static func classical(type: BoundaryType, delta: Double?, deltaName: String = "delta")
        throws(GroupSequentialError) -> EfficacyRule
    {
        switch type {
        case .wangTsiatis:
            guard let delta else { throw .invalidParameter("\(deltaName) is required for Wang-Tsiatis boundaries (e.g. \(deltaName) 0.25)") }
            guard delta.isFinite, deltaRange.contains(delta) else {
                throw .invalidParameter("\(deltaName) must be in [-0.5, 1] (as rpact's deltaWT), got \(delta)")
            }
            return .classical(.wangTsiatis, delta: delta)
        case .pocock, .obrienFleming, .haybittlePeto:
            if delta != nil { throw .invalidParameter("\(deltaName) applies only to Wang-Tsiatis boundaries: drop it, or use wang-tsiatis") }
            return .classical(type, delta: type == .pocock ? 0.5 : 0)
        }
    }

    /// The rule as reports name it.
    public var description: String {
        switch self {
        case .spending(let f): return "\(f) alpha spending"
        case .userSpending(let values):
            return "user-defined alpha spending (" + values.map { "\($0)" }.joined(separator: ", ") + ")"
        case .classical(.wangTsiatis, let delta): return "Wang-Tsiatis boundaries (delta = \(delta))"
        case .classical(.haybittlePeto, _): return "Haybittle-Peto boundaries (3 at interim looks)"
        case .classical(let type, _): return "\(type.displayName) boundaries (classical)"
        }
    }

    /// The classical type, or nil for spending rules.
    public var boundaryType: BoundaryType? {
        if case .classical(let type, _) = self { return type }
        return nil
    }

    /// Δ of a Wang–Tsiatis rule (nil otherwise).
    public var delta: Double? {
        if case .classical(.wangTsiatis, let delta) = self { return delta }
        return nil
    }

    /// The user's cumulative alpha per look (nil otherwise).
    public var spendingValues: [Double]? {
        if case .userSpending(let values) = self { return values }
        return nil
    }

    /// Checks user spending values: one per look, non-negative, non-decreasing, at most α, the
    /// last equal to α (rpact's `userAlphaSpending` checks).
    /// - Complexity: O(K).
    static func checkSpendingValues(_ values: [Double], looks: Int, alpha: Double) throws(GroupSequentialError) {
        guard values.count == looks else {
            throw .invalidParameter("spending values: \(values.count) values for \(looks) looks; give one cumulative alpha per look")
        }
        for (k, a) in values.enumerated() {
            guard a.isFinite, a >= 0 else {
                throw .invalidParameter("spending value \(k + 1) must be a non-negative cumulative alpha, got \(a)")
            }
            guard a <= alpha * (1 + 1e-12) else {
                throw .invalidParameter("spending value \(k + 1) (\(a)) is above alpha \(alpha): the values are cumulative and end at alpha")
            }
            if k > 0, a < values[k - 1] {
                throw .invalidParameter("spending values must not decrease (they are cumulative), but value \(k + 1) (\(a)) is below value \(k) (\(values[k - 1]))")
            }
        }
        guard abs(values[looks - 1] - alpha) <= 1e-12 * alpha else {
            throw .invalidParameter("the last spending value must equal alpha \(alpha) (the total spent by the final look), got \(values[looks - 1])")
        }
    }
}
