import PlatformSupport

/// The ridge penalty of R's `coxph(... + ridge(x1, x2, theta = θ))` (default `scale = TRUE`):
/// P(β) = (θ/2)·Σⱼ vⱼβⱼ², with vⱼ the sample variance (n − 1 divisor) of design column j, so
/// that the penalty does not depend on the covariates' units. survkit penalises every design
/// column (covariates and factor indicator columns).
///
/// R computes vⱼ over every non-missing value of the column in the data frame; survkit over the
/// rows that enter the fit. The two agree whenever no row is left out for a missing value.
public struct CoxRidgePenalty: Sendable, Equatable {
    /// The penalty's weight θ (> 0).
    public let theta: Double

    /// A ridge penalty of weight `theta`.
    /// - Throws: ``CoxError/invalidSettings(_:)`` unless θ is finite and > 0.
    public init(theta: Double) throws(CoxError) {
        guard theta > 0, theta.isFinite else {
            throw .invalidSettings("the ridge penalty theta must be a positive number, got \(theta)")
        }
        self.theta = theta
    }

    /// The diagonal second derivative θ·vⱼ of P on the scaled axis of ``CoxRiskSets``. The
    /// scaled column is x_s = (x − x̄)·c and β = c·β_s, so vⱼβⱼ² = var(x_s)·β_s²: the penalty
    /// reads the same with the scaled column's variance and needs no conversion.
    /// - Complexity: O(n·p).
    func scaledWeights(_ data: CoxRiskSets) -> [Double] {
        let p = data.columns
        let n = data.count
        var weights = [Double](repeating: 0, count: p)
        guard n > 1 else { return weights }
        for j in 0..<p {
            var mean = 0.0
            for i in 0..<n { mean += data.x[i * p + j] }
            mean /= Double(n)
            var ss = 0.0
            for i in 0..<n { let d = data.x[i * p + j] - mean; ss += d * d }
            weights[j] = theta * ss / Double(n - 1)
        }
        return weights
    }
}
