import GSLSupport

/// Binding futility at an interim or final look (rpact's `bindingFutility = TRUE`): the paths
/// below a binding bound u_k stop at look k, so the efficacy bounds, the stage-wise ordering, the
/// conditional rejection probability and the repeated p-values all count on them.
///
/// - Given bounds (rpact's `futilityBounds`) are the same at any information: at an interim the
///   design is recomputed at the observed rates with them (rpact's `getDesignGroupSequential(
///   informationRates = …, futilityBounds, bindingFutility = TRUE)`), at a final look the first
///   s − 1 of them bound the earlier looks.
/// - Beta-spending bounds depend on the drift that gives the design its power, hence on every
///   look's information: at an interim they are those of the design at the observed rates, then
///   the later planned ones (rpact's `getDesignGroupSequential` with those `informationRates`);
///   at a final look those of the design as it stood at the previous look — its observed rates,
///   then the later planned ones (rpact's `designBefore` in `getAnalysisResults`). rpact itself
///   ignores `maxInformation` for beta-spending designs and analyses by planned look.
extension InterimAnalysis {
    /// u_1 … u_{s−1}: the binding futility bounds the looks before a final look s were held to.
    /// - Complexity: for beta spending, the boundaries of one design, O(K·m²) per root-finding step, nested.
    static func bindingBoundsBefore(design: GroupSequentialDesign, observedRates: [Double],
                                    gridSize: Int) throws(GroupSequentialError) -> [Double] {
        let earlier = observedRates.count - 1
        guard earlier > 0 else { return [] }
        if let given = design.userFutilityBounds { return Array(given.prefix(earlier)) }
        let boundaries = try designBefore(design: design, observedRates: observedRates, alpha: design.alpha)
            .boundaries(gridSize: gridSize)
        return Array((boundaries.futilityBounds ?? []).prefix(earlier))
    }

    /// The design as it stood at the look before the final one: the observed rates t_1 … t_{s−1},
    /// then the planned rates above t_{s−1}; at total level `alpha`.
    static func designBefore(design: GroupSequentialDesign, observedRates: [Double],
                             alpha: Double) throws(GroupSequentialError) -> GroupSequentialDesign {
        let earlier = Array(observedRates.dropLast())
        let rates = earlier + design.informationRates.values.filter { $0 > earlier.last! }
        return try GroupSequentialDesign(
            informationRates: InformationRates(rates), alpha: alpha, sides: design.sides, spending: design.spending,
            futilitySpending: design.futilitySpending, power: design.power, bindingFutility: true)
    }

    /// Repeated p-values of an alpha-spending design with binding beta-spending futility bounds,
    /// as rpact's `.getRepeatedPValuesGroupSequential`: c_k(ℓ) is the look-k critical value of
    /// the whole design at total level ℓ — beta spending, binding, the drift solved again — at the
    /// design's information rates. At a final look the earlier looks use the design before it
    /// (as rpact's `designBefore`); the final look itself (rpact: not available) spends the
    /// spending function at the earlier fractions and all of ℓ at the end, over the binding
    /// bounds of that design at level ℓ.
    /// - Complexity: one design solve per evaluation of c_k (nested root searches), a few dozen per look.
    static func bindingBetaSpendingRepeatedPValues(
        design: GroupSequentialDesign, rates: [Double], observedRates: [Double], z: [Double], isFinal: Bool,
        spending: SpendingFunction, gridSize: Int
    ) throws(GroupSequentialError) -> [Double] {
        let s = observedRates.count
        func designAt(_ level: Double) throws(GroupSequentialError) -> GroupSequentialBoundaries {
            let levelled: GroupSequentialDesign
            if isFinal {
                levelled = try designBefore(design: design, observedRates: observedRates, alpha: level)
            } else {
                levelled = try GroupSequentialDesign(
                    informationRates: InformationRates(rates), alpha: level, sides: design.sides, spending: spending,
                    futilitySpending: design.futilitySpending, power: design.power, bindingFutility: true)
            }
            return try levelled.boundaries(gridSize: gridSize)
        }
        return try RepeatedPValues.values(z: z, sides: design.sides) { k, level throws(GroupSequentialError) in
            if isFinal && k == 0 && s == 1 { return Normal.upperQuantile(level) }
            do throws(GroupSequentialError) {
                if isFinal && k == s - 1 {
                    let t = observedRates[s - 1]
                    let bounds = Array((try designAt(level).futilityBounds ?? []).prefix(s - 1))
                    let cumulative = observedRates.dropLast().map { spending.spent(level, at: $0, sides: 1) } + [level]
                    return try EfficacyBoundaries.criticalValues(
                        informationRates: observedRates.map { $0 / t }, cumulativeAlpha: cumulative, sides: 1,
                        binding: bounds, gridSize: gridSize)[k]
                }
                return try designAt(level).criticalValues[k]
            } catch {
                // A level at which the design cannot be built (its futility bounds reach the
                // efficacy bounds, or leave too few paths to spend the level): every Z counts as
                // rejecting there (the fixture's R reference does the same).
                _ = error
                return -40
            }
        }
    }
}
