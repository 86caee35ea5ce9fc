/// A group-sequential test of a one-dimensional parameter: when to look, how much type I error
/// to spend by each look, and optionally non-binding futility stops by beta spending — the
/// inputs of rpact's `getDesignGroupSequential(typeOfDesign = "as…", typeBetaSpending = …,
/// bindingFutility = FALSE)`.
///
/// The boundaries and characteristics are computed by ``boundaries(gridSize:)``; survival
/// designs turn the information rates into event counts (events ∝ information).
public struct GroupSequentialDesign: Sendable, Equatable {
    /// Jennison & Turnbull's grid parameter r used unless told otherwise (≈ 380 grid points per look).
    public static let defaultGridSize = 32

    /// The looks' cumulative information rates.
    public let informationRates: InformationRates
    /// The type I error: one-sided, or the two-sided total when `sides` is 2.
    public let alpha: Double
    /// 1 or 2; a two-sided test is symmetric (rpact's `sided = 2`).
    public let sides: Int
    /// Efficacy (alpha) spending. Used when ``efficacy`` is ``EfficacyRule/spending(_:)`` (the
    /// same function); for user-defined spending and classical boundaries it keeps its default
    /// and is not used.
    public let spending: SpendingFunction
    /// How the efficacy critical values are defined: alpha spending (the default, by
    /// ``spending``), user-defined cumulative alpha, or a classical shape.
    public let efficacy: EfficacyRule
    /// Whether the futility bounds are binding (rpact's `bindingFutility = TRUE`): the efficacy
    /// bounds then count on the trial stopping at them.
    public let bindingFutility: Bool
    /// Futility (beta) spending for the futility bounds; one-sided designs only.
    public let futilitySpending: SpendingFunction?
    /// Futility bounds u_1 … u_{K−1} given on the Z scale (rpact's `futilityBounds`), instead of
    /// beta spending; one-sided designs only. Binding or not as ``bindingFutility`` says.
    public let userFutilityBounds: [Double]?
    /// Whether the design has futility bounds (by beta spending or given).
    public var hasFutility: Bool { futilitySpending != nil || userFutilityBounds != nil }
    /// β = 1 − power: defines the alternative of the characteristics and the beta spending.
    public let beta: Double

    /// The smallest β accepted, as rpact's `.assertIsValidBeta` (beta in [1e-4, 1 − alpha)):
    /// beyond it the drift search loses its bracket (power 0.999999 failed) or its accuracy.
    public static let minimumBeta = 1e-4
    /// The largest power accepted, 1 − ``minimumBeta`` = 0.9999.
    public static var maximumPower: Double { 1 - minimumBeta }
    /// The smallest alpha accepted, as rpact's `.assertIsValidAlpha` (alpha in [1e-6, 0.5)):
    /// below it the drift search lost its bracket (alpha 1e-12 with 3 looks failed, exit 1).
    public static let minimumAlpha = 1e-6

    /// Number of looks K (rpact's `kMax`).
    public var looks: Int { informationRates.count }
    /// Target power 1 − β.
    public var power: Double { 1 - beta }

    /// Validates the design as rpact does (alpha in (0, 0.5], 0 < β < 1 − α; beta spending
    /// only for one-sided designs with two or more looks and an alpha-spending rule; user spending
    /// values one per look, non-decreasing, ending at alpha; binding futility only with beta
    /// spending).
    /// - Parameters:
    ///   - informationRates: the looks' cumulative information rates (rpact's `informationRates`).
    ///   - alpha: the type I error, one-sided or the two-sided total (rpact's `alpha`).
    ///   - sides: 1 or 2 (rpact's `sided`).
    ///   - spending: the alpha-spending function (rpact's `typeOfDesign` "asOF", "asP", …).
    ///   - futilitySpending: the beta-spending function of non-binding futility bounds (rpact's
    ///     `typeBetaSpending`), or nil for no futility bounds.
    ///   - power: 1 − β, which defines the alternative (rpact's `beta` = 1 − power).
    ///   - efficacy: the efficacy rule; nil means alpha spending by `spending`.
    ///   - bindingFutility: whether the futility bounds (of `futilitySpending` or `futilityBounds`) are binding.
    ///   - futilityBounds: futility bounds on the Z scale, one per look but the last (rpact's
    ///     `futilityBounds`), instead of beta spending. Each finite or −∞ (no bound at that look).
    /// - Complexity: O(K).
    public init(informationRates: InformationRates, alpha: Double = 0.025, sides: Int = 1,
                spending: SpendingFunction = .obrienFleming, futilitySpending: SpendingFunction? = nil,
                power: Double = 0.8, efficacy: EfficacyRule? = nil,
                bindingFutility: Bool = false, futilityBounds: [Double]? = nil) throws(GroupSequentialError) {
        guard sides == 1 || sides == 2 else { throw .invalidParameter("sides must be 1 or 2, got \(sides)") }
        guard alpha.isFinite, alpha >= GroupSequentialDesign.minimumAlpha, alpha <= 0.5 else {
            throw .invalidParameter("alpha must be in [\(GroupSequentialDesign.minimumAlpha), 0.5] for a group-sequential design (as rpact), got \(alpha)")
        }
        guard power.isFinite, power > alpha, power < 1 else {
            throw .invalidParameter("power must be in (alpha, 1), i.e. (\(alpha), 1), got \(power)")
        }
        // Relative slack so that 0.9999 itself (β = 1.0000000000065512e-4 in binary) is accepted.
        guard 1 - power >= GroupSequentialDesign.minimumBeta * (1 - 1e-9) else {
            throw .invalidParameter("power must be at most \(GroupSequentialDesign.maximumPower) for a group-sequential design (beta at least 1e-4, as rpact), got \(power)")
        }
        if futilitySpending != nil {
            guard sides == 1 else {
                throw .invalidParameter("futility (beta) spending is available for one-sided designs only (rpact marks the two-sided version experimental)")
            }
            guard informationRates.count >= 2 else {
                throw .invalidParameter("futility (beta) spending needs at least 2 looks")
            }
        }
        if let futilityBounds {
            guard futilitySpending == nil else {
                throw .invalidParameter("give futility bounds or futility (beta) spending, not both: each defines the futility bounds")
            }
            guard sides == 1 else {
                throw .invalidParameter("futility bounds are available for one-sided designs only (as rpact's futilityBounds)")
            }
            guard informationRates.count >= 2 else { throw .invalidParameter("futility bounds need at least 2 looks") }
            guard futilityBounds.count == informationRates.count - 1 else {
                throw .invalidParameter("futility bounds: \(futilityBounds.count) values for \(informationRates.count) looks; give one per look but the last (\(informationRates.count - 1))")
            }
            for (k, u) in futilityBounds.enumerated() where u.isNaN || u == .infinity {
                throw .invalidParameter("futility bound \(k + 1) must be a finite z value (or -inf for none), got \(u)")
            }
        }
        let rule = efficacy ?? .spending(spending)
        switch rule {
        case .spending: break
        case .userSpending(let values):
            try EfficacyRule.checkSpendingValues(values, looks: informationRates.count, alpha: alpha)
        case .classical(let type, let delta):
            guard delta.isFinite, EfficacyRule.deltaRange.contains(delta) else {
                throw .invalidParameter("delta must be in [-0.5, 1] (as rpact's deltaWT), got \(delta)")
            }
            if futilitySpending != nil {
                throw .invalidParameter("futility (beta) spending needs alpha-spending efficacy bounds, not \(type.displayName) boundaries (rpact ignores it there)")
            }
        }
        if bindingFutility, futilitySpending == nil, futilityBounds == nil {
            throw .invalidParameter("binding futility needs futility bounds: give the futility (beta) spending or the futility bounds")
        }
        if case .spending(let f) = rule { self.spending = f } else { self.spending = spending }
        self.efficacy = rule
        self.bindingFutility = bindingFutility
        self.informationRates = informationRates
        self.alpha = alpha
        self.sides = sides
        self.futilitySpending = futilitySpending
        self.userFutilityBounds = futilityBounds
        self.beta = 1 - power
    }

    /// α(t_k): the cumulative type I error the spending function (or the user's values) allows
    /// at each look. For classical boundaries, the alpha their critical values spend (computed).
    /// - Complexity: O(K) for spending rules; the boundaries' cost for classical ones.
    public var cumulativeAlpha: [Double] {
        switch efficacy {
        case .spending(let f): return informationRates.values.map { f.spent(alpha, at: $0, sides: sides) }
        case .userSpending(let values): return values
        case .classical:
            if let b = try? boundaries() { return b.looks.map(\.cumulativeAlphaSpent) }
            return informationRates.values.map { spending.spent(alpha, at: $0, sides: sides) }
        }
    }

    /// Critical values, futility bounds, alpha spent and the design's characteristics.
    /// - Parameter gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///   (about 12·r points per look; larger is slower and more accurate).
    /// - Complexity: O(K·m²·i), m ≈ 12·gridSize, i the root-finding steps (tens); milliseconds for K = 5.
    public func boundaries(gridSize: Int = GroupSequentialDesign.defaultGridSize) throws(GroupSequentialError)
        -> GroupSequentialBoundaries
    {
        try GroupSequentialBoundaries(design: self, gridSize: gridSize)
    }
}

extension GroupSequentialDesign {
    /// Critical values recomputed at the information fractions actually observed, as an interim
    /// analysis does: the spending function is evaluated at each observed fraction (capped at
    /// α for a fraction past 1, an over-running final look), and the looks already analysed keep
    /// the critical values they were tested against.
    /// - Parameters:
    ///   - observedRates: the information fractions of the looks so far (observed events over
    ///     the maximum events), strictly increasing and positive.
    ///   - previousCriticalValues: the critical values used at the first looks, kept as they were.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Complexity: O(K·m²) plus O(m) per root-finding step.
    public func criticalValues(atObservedRates observedRates: [Double], previousCriticalValues: [Double] = [],
                               gridSize: Int = GroupSequentialDesign.defaultGridSize) throws(GroupSequentialError)
        -> [Double]
    {
        guard !observedRates.isEmpty else { throw .invalidParameter("no observed looks") }
        for (k, t) in observedRates.enumerated() {
            guard t.isFinite, t > 0 else { throw .invalidParameter("observed information fraction \(k + 1) must be positive, got \(t)") }
            if k > 0, !(t > observedRates[k - 1]) {
                throw .invalidParameter("observed information fractions must increase, but fraction \(k + 1) (\(t)) is not above \(observedRates[k - 1])")
            }
        }
        guard previousCriticalValues.count < observedRates.count else {
            throw .invalidParameter("\(previousCriticalValues.count) earlier critical values for \(observedRates.count) looks")
        }
        let cumulative: [Double]
        switch efficacy {
        case .spending(let f):
            cumulative = observedRates.map { f.spent(alpha, at: $0, sides: sides) }
        case .userSpending(let values):
            // rpact's asUser at observed looks: the user's value of the look's index, α at the last.
            cumulative = observedRates.indices.map { k in
                k >= values.count - 1 || observedRates[k] >= 1 ? alpha : values[k]
            }
        case .classical:
            // Classical boundaries are not spent by information: the design's values by look index.
            let planned = try boundaries(gridSize: gridSize).criticalValues
            return observedRates.indices.map { k in
                k < previousCriticalValues.count ? previousCriticalValues[k] : planned[min(k, planned.count - 1)]
            }
        }
        return try EfficacyBoundaries.criticalValues(
            informationRates: observedRates, cumulativeAlpha: cumulative,
            sides: sides, fixed: previousCriticalValues, gridSize: gridSize)
    }
}
