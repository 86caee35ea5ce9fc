import GSLSupport

/// Efficacy critical values by alpha spending (Lan & DeMets 1983), as rpact's
/// `getDesignGroupSequential(typeOfDesign = "asOF" | "asP" | "asHSD" | "asKD")`.
///
/// The critical value c_k solves P_0(cross at a look ≤ k) = α(t_k): the first look is
/// c_1 = Φ̄⁻¹(α(t_1)/s) in closed form; each later c_k is found by Brent's method so that the
/// crossing probability at look k, computed by the recursive numerical integration (as ``CrossingProbabilities``) from the looks already
/// fixed, equals α(t_k) minus what was actually spent before. One-sided (s = 1): reject when
/// Z_k ≥ c_k. Two-sided (s = 2, α the two-sided total): reject when |Z_k| ≥ c_k, symmetric.
/// Efficacy bounds ignore futility bounds (which are non-binding).
public enum EfficacyBoundaries {
    /// - Parameters:
    ///   - informationRates: t_1 < … < t_K, positive. They need not end at 1, so an interim can
    ///     recompute the boundary at the information actually observed.
    ///   - cumulativeAlpha: α(t_k), non-decreasing.
    ///   - sides: 1 or 2.
    ///   - fixed: critical values of the first looks, kept as they were used (an interim's
    ///     earlier looks); the search starts after them.
    ///   - binding: binding futility bounds u_1 … (one-sided only; at least one per look but the
    ///     last): the paths below u_k stop there, so later looks spend their alpha over the
    ///     continuation region (u_k, c_k) only (rpact's `bindingFutility = TRUE` with
    ///     `futilityBounds`). Empty for none.
    ///   - gridSize: Jennison & Turnbull's r.
    /// - Returns: c_1 … c_K; +∞ where a look spends nothing.
    /// - Complexity: O(K·m²) for the sub-densities plus O(m) per root-finding step.
    public static func criticalValues(
        informationRates: [Double], cumulativeAlpha: [Double], sides: Int, fixed: [Double] = [],
        binding: [Double] = [], gridSize: Int = GroupSequentialDesign.defaultGridSize
    ) throws(GroupSequentialError) -> [Double] {
        precondition(binding.isEmpty || (sides == 1 && binding.count >= informationRates.count - 1),
                     "binding futility bounds: one-sided, one per look but the last")
        precondition(informationRates.count == cumulativeAlpha.count, "one alpha per look")
        precondition(sides == 1 || sides == 2, "sides is 1 or 2")
        let integrator = SequentialIntegrator(drift: 0, gridSize: gridSize)
        var density: SubDensity? = nil
        var spent = 0.0
        var values: [Double] = []
        for (k, t) in informationRates.enumerated() {
            func crossing(_ c: Double) -> Double {
                let above = integrator.probabilityAbove(c, rate: t, after: density)
                return sides == 2 ? above + integrator.probabilityBelow(-c, rate: t, after: density) : above
            }
            let target = cumulativeAlpha[k] - spent
            let c: Double
            if k < fixed.count {
                c = fixed[k]
            } else if !(target > 0) {
                c = .infinity
            } else if density == nil {
                c = Normal.upperQuantile(target / Double(sides))
            } else {
                // Crossing is decreasing in c; beyond 40 it is below any double's resolution.
                let low = sides == 2 ? 0.0 : -40.0
                guard crossing(low) >= target else {
                    throw .numericalFailure(
                        "look \(k + 1): the continuation region cannot spend alpha \(target); check the spending and information rates")
                }
                do {
                    c = try RootFinder.brent(lower: low, upper: 40, absoluteTolerance: 1e-13,
                                             relativeTolerance: 1e-13) { crossing($0) - target }
                } catch {
                    throw .numericalFailure("look \(k + 1): critical value search failed: \(error)")
                }
            }
            spent += crossing(c)
            values.append(c)
            if k + 1 < informationRates.count {
                let lower = sides == 2 ? -c : (binding.isEmpty ? -.infinity : binding[k])
                guard lower < c else {
                    throw .invalidParameter("look \(k + 1): the binding futility bound \(lower) is not below the efficacy critical value \(c): lower the futility bound")
                }
                density = integrator.advance(from: density, rate: t, lower: lower, upper: c)
            }
        }
        return values
    }
}
