import GSLSupport

/// The computed boundaries of a ``GroupSequentialDesign``: per look the critical value, its
/// nominal level, the alpha spent and the futility bound, plus the design's characteristics
/// (inflation factor, stopping probabilities) — rpact's `getDesignGroupSequential` and
/// `getDesignCharacteristics` in one value.
public struct GroupSequentialBoundaries: Sendable, Equatable {
    /// The boundaries at one look.
    public struct Look: Sendable, Equatable {
        /// 1-based.
        public let look: Int
        /// Cumulative information rate t_k of the look.
        public let informationRate: Double
        /// c_k on the Z scale (one-sided; per side when two-sided).
        public let criticalValue: Double
        /// The nominal one-sided p-value threshold 1 − Φ(c_k) (rpact's `stageLevels`).
        public let stageLevel: Double
        /// Alpha spent at this look: P_0(first crossing at look k), futility ignored (both sides when two-sided).
        public let alphaSpent: Double
        /// Alpha spent through this look (rpact's `alphaSpent`).
        public let cumulativeAlphaSpent: Double
        /// u_k, the non-binding futility bound (nil at the last look and without futility spending).
        public let futilityBound: Double?
    }

    /// The design the boundaries are for.
    public let design: GroupSequentialDesign
    /// One entry per look.
    public let looks: [Look]
    /// θ at which the beta spending made the power 1 − β (nil without futility spending).
    public let futilityDrift: Double?
    /// Inflation factor, stopping probabilities and expected sample sizes (rpact's `getDesignCharacteristics`).
    public let characteristics: DesignCharacteristics

    /// Efficacy critical values on the Z scale (rpact's `criticalValues`).
    public var criticalValues: [Double] { looks.map(\.criticalValue) }
    /// u_1 … u_{K−1}, or nil without futility bounds.
    public var futilityBounds: [Double]? {
        design.hasFutility ? looks.dropLast().map { $0.futilityBound ?? -.infinity } : nil
    }
    /// Cumulative information rates of the looks.
    public var informationRates: [Double] { design.informationRates.values }

    init(design: GroupSequentialDesign, gridSize: Int) throws(GroupSequentialError) {
        let rates = design.informationRates.values
        let critical: [Double]
        var futility: FutilityBoundaries.Solution? = nil
        // Given futility bounds enter the efficacy bounds only when binding.
        let given = design.userFutilityBounds
        let binding = design.bindingFutility ? (given ?? []) : []
        switch design.efficacy {
        case .classical(let type, let delta):
            critical = try ClassicalBoundaries.criticalValues(
                informationRates: rates, type: type, delta: delta, alpha: design.alpha, sides: design.sides,
                binding: binding, gridSize: gridSize)
        case .spending, .userSpending:
            let cumulativeAlpha = design.cumulativeAlpha
            if given != nil {
                critical = try EfficacyBoundaries.criticalValues(
                    informationRates: rates, cumulativeAlpha: cumulativeAlpha, sides: design.sides,
                    binding: binding, gridSize: gridSize)
            } else if design.bindingFutility, let spending = design.futilitySpending {
                let both = try FutilityBoundaries.bindingBetaSpending(
                    informationRates: rates, cumulativeAlpha: cumulativeAlpha, beta: design.beta,
                    spending: spending, gridSize: gridSize)
                critical = both.criticalValues
                futility = both.solution
            } else {
                critical = try EfficacyBoundaries.criticalValues(
                    informationRates: rates, cumulativeAlpha: cumulativeAlpha, sides: design.sides,
                    gridSize: gridSize)
                if let spending = design.futilitySpending {
                    futility = try FutilityBoundaries.betaSpending(
                        informationRates: rates, criticalValues: critical, beta: design.beta,
                        spending: spending, gridSize: gridSize)
                }
            }
        }
        if let given {
            for (k, u) in given.enumerated() where !(u < critical[k]) {
                throw .invalidParameter("futility bound \(k + 1) (\(u)) is not below the efficacy critical value \(critical[k]) of look \(k + 1): lower it")
            }
            futility = FutilityBoundaries.Solution(bounds: given, drift: .nan)
        }
        // Alpha spent ignores non-binding futility bounds, as rpact's .calculateAlphaSpent;
        // binding ones remove the paths below them.
        let lower: [Double]
        if design.sides == 2 {
            lower = critical.map { -$0 }
        } else if design.bindingFutility, let bounds = futility?.bounds {
            lower = bounds + [-.infinity]
        } else {
            lower = Array(repeating: -.infinity, count: rates.count)
        }
        let null = CrossingProbabilities(informationRates: rates, lower: lower, upper: critical, drift: 0,
                                         gridSize: gridSize)
        var cumulative = 0.0
        var looks: [Look] = []
        for k in rates.indices {
            let spent = null.upper[k] + (design.sides == 2 ? null.lower[k] : 0)
            cumulative += spent
            looks.append(Look(
                look: k + 1, informationRate: rates[k], criticalValue: critical[k],
                stageLevel: Normal.upperTail(critical[k]), alphaSpent: spent,
                cumulativeAlphaSpent: cumulative,
                futilityBound: k + 1 < rates.count ? futility?.bounds[k] : nil))
        }
        self.design = design
        self.looks = looks
        self.futilityDrift = given == nil ? futility?.drift : nil
        self.characteristics = try DesignCharacteristics(
            informationRates: rates, criticalValues: critical, futilityBounds: futility?.bounds,
            alpha: design.alpha, beta: design.beta, sides: design.sides, gridSize: gridSize)
    }
}
