import GSLSupport

/// Repeated p-values (Jennison & Turnbull 1989 §8.5): at look k, the smallest overall level at
/// which the design would have rejected H0 at that look — as rpact 3.3.4's `getRepeatedPValues`
/// for a group-sequential design (`.getRepeatedPValuesGroupSequential`): the level ℓ with
/// c_k(ℓ) = Z_k (|Z_k| two-sided), where c_k(ℓ) is the look-k critical value of the same
/// spending function with total ℓ at the same information rates. rpact bisects ℓ in
/// [1e-6, 0.5] to 1e-6; survkit uses Brent's method on the same bracket, returns 0.5 when even
/// that level does not reject (rpact's bisection ends there) and 1e-6 when the smallest does.
///
/// A final look spends the whole level ℓ (also when it over- or under-runs the planned
/// events); rpact 3.3.4 gives no repeated p-value at a final look whose boundary it recalculated
/// (it warns "not available"), so there this is the natural extension, checked against an
/// independent R computation (scripts/fixtures/gsinference.R).
public enum RepeatedPValues {
    /// rpact's bracket and tolerance (`C_ANALYSIS_TOLERANCE_DEFAULT`).
    public static let smallest = 1e-6
    /// rpact's upper end of the search.
    public static let largest = 0.5

    /// - Parameters:
    ///   - rates: t_1 … t_s of the looks so far, as fractions of the planned maximum.
    ///   - z: Z_1 … Z_s, positive in the direction of the alternative.
    ///   - lastIsFinal: whether look s spends all the level.
    ///   - spending: the design's alpha-spending function.
    ///   - sides: 1 or 2.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Complexity: O(k²·m²) per evaluation of c_k, a few dozen evaluations per look.
    public static func values(
        informationRates rates: [Double], z: [Double], lastIsFinal: Bool, spending: SpendingFunction, sides: Int,
        gridSize: Int = GroupSequentialDesign.defaultGridSize
    ) throws(GroupSequentialError) -> [Double] {
        precondition(rates.count == z.count, "one Z per look")
        return try values(z: z, sides: sides) { k, level throws(GroupSequentialError) in
            let prefix = Array(rates[0...k])
            var cumulative = prefix.map { spending.spent(level, at: $0, sides: sides) }
            if lastIsFinal && k == rates.count - 1 { cumulative[k] = level }
            return try EfficacyBoundaries.criticalValues(informationRates: prefix, cumulativeAlpha: cumulative,
                                                         sides: sides, gridSize: gridSize)[k]
        }
    }

    /// Repeated p-values for any rule that gives the look-k critical value of the design at a
    /// total level ℓ: `criticalValue(k, ℓ)` (0-based k). Classical designs (rpact P, OF, WT, HP)
    /// recompute their constant at ℓ over all the planned looks, as rpact's
    /// `.getRepeatedPValuesGroupSequential` does with `alpha = level`.
    /// - Complexity: a few dozen evaluations of `criticalValue` per look.
    public static func values(
        z: [Double], sides: Int, criticalValue: (Int, Double) throws(GroupSequentialError) -> Double
    ) throws(GroupSequentialError) -> [Double] {
        var result: [Double] = []
        for k in z.indices {
            let statistic = sides == 2 ? abs(z[k]) : z[k]
            var failure: GroupSequentialError? = nil
            func excess(_ level: Double) -> Double {
                do {
                    return try criticalValue(k, level) - statistic
                } catch {
                    failure = error
                    return .nan
                }
            }
            let high = excess(largest)
            if let failure { throw failure }
            if high >= 0 { result.append(largest); continue }
            let low = excess(smallest)
            if let failure { throw failure }
            if low <= 0 { result.append(smallest); continue }
            do {
                result.append(try RootFinder.brent(lower: smallest, upper: largest, absoluteTolerance: 1e-12,
                                                   relativeTolerance: 1e-10, excess))
            } catch {
                throw failure ?? .numericalFailure("repeated p-value at look \(k + 1): \(error)")
            }
        }
        return result
    }
}
