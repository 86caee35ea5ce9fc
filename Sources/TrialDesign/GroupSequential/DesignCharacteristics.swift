import GSLSupport

/// What a group-sequential design does under the null and the alternative, as rpact's
/// `getDesignCharacteristics` and `getPowerAndAverageSampleNumber`.
///
/// Scale: with the maximum information normalised so that the fixed (one-look) design needs
/// n_fixed = (z_{α/s} + z_β)², the alternative is the drift θ at which the sequential design has
/// power 1 − β (with its futility bounds, if any). rpact's `shift` is θ², and the
/// inflation factor is θ²/n_fixed: the maximum information (events) relative to the fixed design.
/// Power counts only crossings of the upper boundary (rpact's `twoSidedPower = FALSE`).
public struct DesignCharacteristics: Sendable, Equatable {
    /// n_fixed = (z_{α/s} + z_β)² (rpact's `nFixed`).
    public let fixedDesignInformation: Double
    /// θ, the drift under the alternative: E[Z_k] = θ√t_k.
    public let drift: Double
    /// θ²/n_fixed.
    public let inflationFactor: Double
    /// Look-by-look probabilities under the alternative (drift θ).
    public let alternative: LookProbabilities
    /// Look-by-look probabilities under the null (drift 0).
    public let null: LookProbabilities
    /// Under drift θ/2 (rpact's "H0/H1" midpoint, for `averageSampleNumber01`).
    public let midpoint: LookProbabilities

    /// rpact's `shift`, θ².
    public var shift: Double { drift * drift }

    /// Expected information relative to the fixed design (rpact's averageSampleNumber1, 01, 0).
    public var averageSampleNumberAlternative: Double { shift * alternative.expectedInformationRate / fixedDesignInformation }
    /// Expected sample size relative to the fixed design at the midpoint drift (rpact's `averageSampleNumber05`).
    public var averageSampleNumberMidpoint: Double { shift * midpoint.expectedInformationRate / fixedDesignInformation }
    /// Expected sample size relative to the fixed design under H0 (rpact's `averageSampleNumber0`).
    public var averageSampleNumberNull: Double { shift * null.expectedInformationRate / fixedDesignInformation }

    /// The characteristics of the design with the given bounds (rpact's
    /// `getDesignCharacteristics`).
    /// - Parameters:
    ///   - informationRates: t_1 < … < t_K = 1.
    ///   - criticalValues: the efficacy critical values c_1 … c_K on the Z scale.
    ///   - futilityBounds: u_1 … u_{K−1} of a one-sided design, or nil.
    ///   - alpha: the type I error (two-sided total when `sides` is 2), for n_fixed.
    ///   - beta: the type II error the alternative is defined by.
    ///   - sides: 1 or 2 (rpact's `sided`).
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Complexity: O(K·m²) per drift tried by the root search.
    public init(informationRates: [Double], criticalValues: [Double], futilityBounds: [Double]?,
                alpha: Double, beta: Double, sides: Int,
                gridSize: Int = GroupSequentialDesign.defaultGridSize) throws(GroupSequentialError) {
        let zAlpha = Normal.upperQuantile(alpha / Double(sides))
        let zBeta = Normal.upperQuantile(beta)
        let fixed = (zAlpha + zBeta) * (zAlpha + zBeta)
        let K = informationRates.count
        let upper = criticalValues
        let lower: [Double]
        if sides == 2 {
            lower = criticalValues.map { -$0 }
        } else if let futilityBounds {
            lower = futilityBounds + [-.infinity]
        } else {
            lower = Array(repeating: -.infinity, count: K)
        }
        func probabilities(_ theta: Double, _ r: Int = gridSize) -> CrossingProbabilities {
            CrossingProbabilities(informationRates: informationRates, lower: lower, upper: upper,
                                  drift: theta, gridSize: r)
        }
        func excessPower(_ theta: Double, _ r: Int) -> Double {
            probabilities(theta, r).upper.reduce(0, +) - (1 - beta)
        }

        // A sequential design never has more power than the fixed design with the same maximum
        // information, so the drift is at least the fixed design's z_{α/s} + z_β; the inflation
        // factor of usual designs is below 1.5², so the bracket rarely needs widening.
        let low = zAlpha + zBeta
        var high = 1.5 * low
        var tries = 0
        while excessPower(high, max(8, gridSize / 2)) < 0 {
            high *= 2
            tries += 1
            if tries > 10 { throw .numericalFailure("no drift gives power \(1 - beta)") }
        }
        let theta: Double
        if K == 1 || excessPower(low, gridSize) >= 0 {
            // One look is the fixed design itself.
            theta = low
        } else {
            theta = try DriftSearch.root(lower: low, upper: high, gridSize: gridSize) { x, r in excessPower(x, r) }
        }
        self.fixedDesignInformation = fixed
        self.drift = theta
        self.inflationFactor = theta * theta / fixed
        self.alternative = LookProbabilities(probabilities(theta), sides: sides)
        self.null = LookProbabilities(probabilities(0), sides: sides)
        self.midpoint = LookProbabilities(probabilities(theta / 2), sides: sides)
    }
}

/// The probabilities of each decision at each look under one drift.
public struct LookProbabilities: Sendable, Equatable {
    /// θ.
    public let drift: Double
    /// P(stop at look k rejecting H0 in the direction of the alternative) (upper boundary).
    public let upperRejection: [Double]
    /// P(stop at look k crossing the lower efficacy boundary) — two-sided designs; zeros otherwise.
    public let lowerRejection: [Double]
    /// P(stop at look k for futility), k < K — one-sided designs with futility bounds; zeros otherwise.
    public let futility: [Double]
    /// P(the trial ends at look k); the last look takes all that reaches it, so they sum to 1.
    public let stopping: [Double]
    /// E[t at stopping], the expected information as a fraction of the maximum.
    public let expectedInformationRate: Double

    init(_ p: CrossingProbabilities, sides: Int) {
        let K = p.upper.count
        drift = p.drift
        upperRejection = p.upper
        lowerRejection = sides == 2 ? p.lower : Array(repeating: 0, count: K)
        futility = sides == 2 ? Array(repeating: 0, count: max(K - 1, 0)) : Array(p.lower.prefix(K - 1))
        stopping = p.stopping
        expectedInformationRate = p.expectedInformationRate
    }

    /// P(reject H0 at look k), either boundary.
    public var rejection: [Double] { zip(upperRejection, lowerRejection).map { $0 + $1 } }

    /// P(reject H0 in the direction of the alternative at any look).
    public var power: Double { upperRejection.reduce(0, +) }
}
