/// The information fractions t₁ < t₂ < … < t_K = 1 at which a group-sequential trial looks
/// (rpact's `informationRates`; for a survival trial, the fraction of the maximum events).
public struct InformationRates: Sendable, Equatable {
    /// The largest number of looks accepted, as rpact's `C_KMAX_UPPER_BOUND`.
    public static let maximumLooks = 20

    /// t₁ < … < t_K = 1.
    public let values: [Double]
    /// Number of looks K.
    public var count: Int { values.count }

    /// Validates user-given rates: finite, strictly increasing, in (0, 1], the last equal to 1.
    /// - Complexity: O(K).
    public init(_ values: [Double]) throws(GroupSequentialError) {
        guard !values.isEmpty else { throw .invalidParameter("the number of looks must be at least 1") }
        guard values.count <= InformationRates.maximumLooks else {
            throw .invalidParameter("at most \(InformationRates.maximumLooks) looks are supported (as rpact), got \(values.count)")
        }
        for (k, t) in values.enumerated() {
            guard t.isFinite, t > 0, t <= 1 else {
                throw .invalidParameter("information rate \(k + 1) must be in (0, 1], got \(t)")
            }
            if k > 0, !(t > values[k - 1]) {
                throw .invalidParameter("information rates must be strictly increasing, but rate \(k + 1) (\(t)) is not above rate \(k) (\(values[k - 1]))")
            }
        }
        guard abs(values[values.count - 1] - 1) <= 1e-12 else {
            throw .invalidParameter("the last information rate must be 1, got \(values[values.count - 1])")
        }
        var exact = values
        exact[exact.count - 1] = 1
        self.values = exact
    }

    /// K equally spaced looks: k/K (rpact's default).
    /// - Complexity: O(K).
    public static func equallySpaced(looks: Int) throws(GroupSequentialError) -> InformationRates {
        guard looks >= 1 else { throw .invalidParameter("the number of looks must be at least 1, got \(looks)") }
        // Checked before the rates are allocated: `--looks 1e18` must not build a huge array.
        guard looks <= InformationRates.maximumLooks else {
            throw .invalidParameter("at most \(InformationRates.maximumLooks) looks are supported (as rpact), got \(looks)")
        }
        return try InformationRates((1...looks).map { Double($0) / Double(looks) })
    }
}
