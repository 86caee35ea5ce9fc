internal import Foundation
import GSLSupport

/// Closed-form events and power for the log-rank test of two exponential arms.
///
/// With allocation ratio `r = T/C`, total alpha `α` over `s` sides and `z = Φ⁻¹(1 − α/s)`:
/// - **Schoenfeld** (D. Schoenfeld, "Sample-size formula for the proportional-hazards regression
///   model", *Biometrics* 39:499–503, 1983): `D = (z + z_β)² (1 + r)² / (r · log² HR)`, drift per
///   event `θ = √r / (1 + r) · |log HR|`.
/// - **Freedman** (L. S. Freedman, "Tables of the number of patients required in clinical trials
///   using the logrank test", *Statistics in Medicine* 1:121–129, 1982):
///   `D = (z + z_β)² (1 + r·HR)² / (r (1 − HR)²)`, `θ = √r |1 − HR| / (1 + r·HR)`.
///
/// These are rpact's `.getEventsFixed` (with `twoSidedPower = FALSE`) and `getPowerSurvival`
/// drifts. The test is taken in the direction of the assumed effect, so a one-sided design works
/// for HR < 1 and HR > 1 alike (rpact: `directionUpper = HR > 1`).
public enum ExponentialDesign {
    /// `Φ⁻¹(1 − α/s)`.
    /// - Complexity: O(1).
    public static func criticalValue(alpha: Double, sides: Int) -> Double {
        Normal.upperQuantile(alpha / Double(sides))
    }

    /// The standardised effect per event, `θ ≥ 0`, so that the test statistic is about
    /// `N(√D · θ, 1)` after `D` events. Not defined for Lachin–Foulkes (which works in patients).
    /// - Complexity: O(1).
    public static func drift(method: DesignMethod, hazardRatio: Double, allocationRatio r: Double) -> Double {
        switch method {
        case .schoenfeld, .lachinFoulkes:
            return r.squareRoot() / (1 + r) * abs(log(hazardRatio))
        case .freedman:
            return r.squareRoot() * abs(1 - hazardRatio) / (1 + r * hazardRatio)
        }
    }

    /// Events needed for power `1 − β`: `((z + z_β) / θ)²` with the method's drift θ.
    /// - Complexity: O(1).
    public static func requiredEvents(method: DesignMethod, hazardRatio: Double, alpha: Double, sides: Int,
                                      power: Double, allocationRatio: Double) -> Double {
        let z = criticalValue(alpha: alpha, sides: sides) + Normal.quantile(power)
        let theta = drift(method: method, hazardRatio: hazardRatio, allocationRatio: allocationRatio)
        return z * z / (theta * theta)
    }

    /// Power after `events` events: `Φ(√D θ − z)`, plus `Φ(−√D θ − z)` (rejection in the other
    /// direction) when two-sided, as rpact's `getPowerSurvival`.
    /// - Complexity: O(1).
    public static func power(events: Double, method: DesignMethod, hazardRatio: Double, alpha: Double,
                             sides: Int, allocationRatio: Double) -> Double {
        let shift = events.squareRoot() * drift(method: method, hazardRatio: hazardRatio, allocationRatio: allocationRatio)
        return rejection(shift: shift, scale: 1, critical: criticalValue(alpha: alpha, sides: sides), sides: sides)
    }

    /// `Φ((shift − z·nullScale) / scale)`: the probability that a statistic with mean `shift` and
    /// standard deviation `scale` crosses the critical value `z·nullScale`; both tails when two-sided.
    static func rejection(shift: Double, scale: Double, critical z: Double, sides: Int, nullScale: Double = 1) -> Double {
        let upper = Normal.cdf((shift - z * nullScale) / scale)
        guard sides == 2 else { return upper }
        return upper + Normal.cdf((-shift - z * nullScale) / scale)
    }
}
