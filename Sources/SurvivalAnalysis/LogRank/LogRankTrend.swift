/// The log-rank test for trend across ordered groups (Collett 2015, §2.6.4; Peto et al. 1977):
/// with scores w for the k groups, U = wᵀ(O − E) and Var U = wᵀ V w, U² / Var U is chi-square
/// on 1 df. It uses the same (weighted, stratum-summed) O, E and V as the overall test, as
/// one would compute it from R's `survdiff` `obs`, `exp` and `var`.
public struct LogRankTrend: Sendable, Equatable {
    /// The score of each group (by default 1, 2, …, k in level order).
    public let scores: [Double]
    /// wᵀVw below this fraction of Σ|w_i V_ij w_j| is treated as zero.
    static let cancellationTolerance = 1e-10

    /// U = Σ w_g (O_g − E_g).
    public let statistic: Double
    /// wᵀ V w.
    public let variance: Double

    /// The trend statistic as χ² on 1 degree of freedom.
    public var chiSquare: LogRankChiSquare {
        LogRankChiSquare(statistic: statistic * statistic / variance, degreesOfFreedom: 1)
    }

    /// U / √Var U: positive when groups with higher scores have more events than expected.
    public var z: Double { statistic / variance.squareRoot() }

    /// Why scores cannot give a trend test.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case countMismatch(scores: Int, groups: Int)
        case notFinite
        /// wᵀVw = 0: equal scores (V's rows sum to zero), or no variance in the groups scored.
        case noVariance

        /// The test in words, for messages.
        public var description: String {
            switch self {
            case let .countMismatch(s, g): return "\(s) trend scores given for \(g) groups"
            case .notFinite: return "trend scores must be finite numbers"
            case .noVariance: return "the trend scores give a statistic with zero variance (are they all equal?)"
            }
        }
    }
}

extension LogRankStatistics {
    /// The trend test with `scores` for the groups in level order, or 1, 2, …, k when nil.
    /// - Complexity: O(k²).
    public func trend(scores: [Double]? = nil) throws(LogRankTrend.Failure) -> LogRankTrend {
        let k = groupCount
        let w = scores ?? (1...max(k, 1)).map(Double.init)
        guard w.count == k else { throw .countMismatch(scores: w.count, groups: k) }
        guard w.allSatisfy(\.isFinite) else { throw .notFinite }
        var u = 0.0
        var v = 0.0
        var scale = 0.0
        for i in 0..<k {
            u += w[i] * (observed[i] - expected[i])
            for j in 0..<k {
                v += w[i] * variance(i, j) * w[j]
                scale += abs(w[i] * variance(i, j) * w[j])
            }
        }
        // Equal scores give wᵀVw = 0 up to rounding: refuse rather than divide by noise.
        guard v > scale * LogRankTrend.cancellationTolerance else { throw .noVariance }
        return LogRankTrend(scores: w, statistic: u, variance: v)
    }
}
