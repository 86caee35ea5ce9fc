import GSLSupport
import PlatformSupport

/// Critical values of the classical designs, as rpact's `getDesignGroupSequential(typeOfDesign =
/// "P" | "OF" | "WT" | "HP")`.
///
/// Wang & Tsiatis (1987): c_k = C·t_k^(Δ − 1/2), Pocock Δ = 1/2 (constant), O'Brien–Fleming
/// Δ = 0 (c_k ∝ 1/√t_k); C solves P_0(cross at any look) = α by Brent's method over the recursive
/// integration of ``CrossingProbabilities`` (both sides when two-sided). Haybittle–Peto: 3 at the
/// interim looks, the final critical value found so that the total is exactly α.
/// Futility bounds enter only when binding and given (rpact's classical designs take no beta
/// spending).
public enum ClassicalBoundaries {
    /// The critical values c_1 … c_K of a classical design (rpact's `criticalValues`).
    /// - Parameters:
    ///   - informationRates: t_1 < … < t_K = 1.
    ///   - type: the shape (rpact's `typeOfDesign`).
    ///   - delta: Δ of Wang–Tsiatis (rpact's `deltaWT`; 1/2 Pocock, 0 O'Brien–Fleming; unused
    ///     for Haybittle–Peto).
    ///   - alpha: the total type I error (two-sided total when `sides` is 2).
    ///   - sides: 1 or 2 (rpact's `sided`); a two-sided design is symmetric.
    ///   - binding: binding futility bounds u_1 … u_{K−1} (one-sided only), or empty: the paths
    ///     below them stop, so the constant C (or HP's final value) spends α over the rest, as
    ///     rpact's classical designs with `futilityBounds` and `bindingFutility = TRUE`.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Complexity: O(K·m²) per root-finding step (a few dozen steps).
    public static func criticalValues(informationRates: [Double], type: BoundaryType, delta: Double,
                                      alpha: Double, sides: Int, binding: [Double] = [],
                                      gridSize: Int = GroupSequentialDesign.defaultGridSize) throws(GroupSequentialError) -> [Double] {
        let K = informationRates.count
        precondition(binding.isEmpty || (sides == 1 && binding.count == K - 1), "binding bounds: one-sided, K - 1")
        // The lower edge of the continuation region at each look: −c (two-sided), the binding
        // futility bound, or −∞; none at the last look.
        func lowerEdges(_ c: [Double]) -> [Double] {
            c.indices.map { k in sides == 2 ? -c[k] : (k < binding.count ? binding[k] : -.infinity) }
        }
        if type == .haybittlePeto {
            let interim = Array(repeating: EfficacyRule.haybittlePetoInterim, count: K - 1)
            if K > 1 {
                let p = CrossingProbabilities(informationRates: Array(informationRates.prefix(K - 1)),
                                              lower: lowerEdges(interim), upper: interim,
                                              drift: 0, gridSize: gridSize)
                let spent = p.upper.reduce(0, +) + (sides == 2 ? p.lower.reduce(0, +) : 0)
                guard spent < alpha else {
                    throw .invalidParameter("Haybittle-Peto's interim bound 3 already spends \(spent) of alpha \(alpha): use fewer looks or a larger alpha")
                }
            }
            var targets = Array(repeating: 0.0, count: K)
            targets[K - 1] = alpha
            return try EfficacyBoundaries.criticalValues(informationRates: informationRates, cumulativeAlpha: targets,
                                                         sides: sides, fixed: interim, binding: binding, gridSize: gridSize)
        }
        let shape = informationRates.map { pow($0, delta - 0.5) }
        func excess(_ constant: Double) -> Double {
            let c = shape.map { constant * $0 }
            // A binding bound above c_k would leave no continuation region: cap it at c_k.
            let p = CrossingProbabilities(informationRates: informationRates,
                                          lower: zip(lowerEdges(c), c).map { min($0, $1) }, upper: c,
                                          drift: 0, gridSize: gridSize)
            return p.upper.reduce(0, +) + (sides == 2 ? p.lower.reduce(0, +) : 0) - alpha
        }
        // At C = 0 every look crosses with probability ≥ 1/2 ≥ α; at C with every c_k ≥ 40 nothing does.
        let upper = 40 / shape.min()!
        do {
            let constant = try RootFinder.brent(lower: 0, upper: upper, absoluteTolerance: 1e-13,
                                                relativeTolerance: 1e-13, excess)
            return shape.map { constant * $0 }
        } catch {
            throw .numericalFailure("the \(type.displayName) constant search failed: \(error)")
        }
    }
}
