internal import Foundation
import GSLSupport

/// The Lachin–Foulkes sample size and power for comparing two exponential hazards.
///
/// J. M. Lachin and M. A. Foulkes, "Evaluation of sample size and power for analyses of survival
/// with allowance for nonuniform patient entry, losses to follow-up, noncompliance, and
/// stratification", *Biometrics* 42:507–519 (1986):
///
/// `√N |λ_C − λ_T| = z_{1−α/s} √φ₀ + z_{1−β} √φ₁`, with the per-patient variance of a hazard
/// estimate `φ(λ, η) = λ² / P(event | λ, η)`,
/// `φ₁ = φ(λ_T, η_T)/Q_T + φ(λ_C, η_C)/Q_C` and, under H₀ with the pooled hazard
/// `λ̄ = Q_T λ_T + Q_C λ_C`, `φ₀ = φ(λ̄, η_T)/Q_T + φ(λ̄, η_C)/Q_C` — the paper's
/// `φ(λ̄)(1/Q_T + 1/Q_C)` when both arms lose patients at the same rate. `P(event)` is
/// ``EventProbability`` for the accrual (uniform entry gives the paper's eq. 4.1).
public enum LachinFoulkes {
    /// The two variance terms and the hazard difference for a design at a fixed accrual and follow-up.
    public struct Terms: Sendable, Equatable {
        /// Variance of the hazard difference under H0 (pooled hazard).
        public let nullVariance: Double
        /// Variance of the hazard difference under H1.
        public let alternativeVariance: Double
        /// λ_C − λ_T.
        public let hazardDifference: Double
    }

    /// φ₀, φ₁ and |λ_C − λ_T| at the analysis `accrualEnd + followUp`.
    /// - Complexity: O(number of accrual pieces).
    public static func terms(hazardTreatment: Double, hazardControl: Double, allocation: Allocation,
                             dropout: ExponentialDropout, accrual: Accrual, accrualEnd: Double,
                             followUp: Double) -> Terms {
        let pieces = accrual.pieces(endingAt: accrualEnd)
        let time = accrualEnd + followUp
        let qT = allocation.fraction(.treatment), qC = allocation.fraction(.control)
        let etaT = dropout.hazard(.treatment), etaC = dropout.hazard(.control)
        func phi(_ lambda: Double, _ eta: Double) -> Double {
            lambda * lambda / EventProbability.arm(hazard: lambda, dropoutHazard: eta, pieces: pieces, at: time)
        }
        let pooled = qT * hazardTreatment + qC * hazardControl
        return Terms(
            nullVariance: phi(pooled, etaT) / qT + phi(pooled, etaC) / qC,
            alternativeVariance: phi(hazardTreatment, etaT) / qT + phi(hazardControl, etaC) / qC,
            hazardDifference: abs(hazardControl - hazardTreatment))
    }

    /// Patients for power `1 − β`:
    /// `N = (z_{1−α/s} √φ₀ + z_{1−β} √φ₁)² / (λ_C − λ_T)²`.
    /// - Complexity: O(1).
    public static func patients(_ terms: Terms, alpha: Double, sides: Int, power: Double) -> Double {
        let z = ExponentialDesign.criticalValue(alpha: alpha, sides: sides)
        let root = z * terms.nullVariance.squareRoot() + Normal.quantile(power) * terms.alternativeVariance.squareRoot()
        return root * root / (terms.hazardDifference * terms.hazardDifference)
    }

    /// Power with `patients` evaluable patients, from the same equation solved for `z_{1−β}`:
    /// `Φ((√N |Δλ| − z √φ₀) / √φ₁)`, plus the other tail when two-sided.
    /// - Complexity: O(1).
    public static func power(patients: Double, _ terms: Terms, alpha: Double, sides: Int) -> Double {
        ExponentialDesign.rejection(
            shift: patients.squareRoot() * terms.hazardDifference,
            scale: terms.alternativeVariance.squareRoot(),
            critical: ExponentialDesign.criticalValue(alpha: alpha, sides: sides), sides: sides,
            nullScale: terms.nullVariance.squareRoot())
    }
}
