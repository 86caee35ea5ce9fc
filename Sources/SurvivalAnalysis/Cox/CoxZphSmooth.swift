import PlatformSupport
import GSLSupport

/// The smooth of one panel of R's `plot(cox.zph(fit))` (survival 3.5, `plot.cox.zph` with
/// `df = 4, nsmo = 40, se = TRUE`): a least-squares fit of β(t) on a natural cubic spline basis
/// of the transformed time (`splines::ns(x, df = 4, intercept = TRUE)`), evaluated on 40 points
/// from the smallest to the largest x, with the pointwise standard error
/// √(var[i, i] · pᵀ(XᵀX)⁻¹p) that `plot.cox.zph` draws as the band fit ± 2·SE.
public struct CoxZphSmooth: Sendable {
    /// The term whose β(t) is smoothed.
    public let term: String
    /// The evaluation grid on the transformed-time axis (R's `pred.x`, before `exp` for the log transform).
    public let x: [Double]
    /// The fitted β(t) at each grid point (R's `yhat`).
    public let fit: [Double]
    /// The pointwise standard error; R's band is `fit ± 2 × standardError`.
    public let standardError: [Double]

    /// Lower edge of R's band, fit − 2·SE.
    public var lower: [Double] { zip(fit, standardError).map { $0 - 2 * $1 } }
    /// Upper edge of R's band, fit + 2·SE.
    public var upper: [Double] { zip(fit, standardError).map { $0 + 2 * $1 } }
}

extension CoxZphResiduals {
    /// The smooth of each panel, in `terms` order; nil where R skips the panel ("spline fit is
    /// singular": fewer distinct x than the basis needs, or coinciding knots).
    /// - Parameters:
    ///   - degreesOfFreedom: columns of the natural-spline basis (R's `df`, at least 2).
    ///   - points: grid points (R's `nsmo`, at least 2).
    /// - Complexity: O(events · df²) per panel.
    public func smooths(degreesOfFreedom df: Int = 4, points: Int = 40) -> [CoxZphSmooth?] {
        guard df >= 2, points >= 2, let low = transformedTime.min(), let high = transformedTime.max(), low < high,
              let grid = Optional(CoxZphResiduals.grid(from: low, to: high, count: points)),
              let basis = try? NaturalSplineBasis(over: grid + transformedTime, degreesOfFreedom: df),
              let all = try? basis.design(at: grid + transformedTime) else {
            return terms.map { _ in nil }
        }
        let gridRows = Array(all[0..<(points * df)])
        return terms.indices.map { t -> CoxZphSmooth? in
            let keep = beta[t].indices.filter { beta[t][$0] != nil }
            guard keep.count >= df else { return nil }
            var design = [Double](); design.reserveCapacity(keep.count * df)
            for e in keep { design += all[((points + e) * df)..<((points + e + 1) * df)] }
            guard let fit = try? LinearLeastSquares(design: design, rows: keep.count, columns: df,
                                                    response: keep.map { beta[t][$0]! }),
                  fit.rank == df else { return nil }
            let m = terms.count
            let termVariance = variance[t * m + t]
            var yhat = [Double](repeating: 0, count: points), se = yhat
            for i in 0..<points {
                let row = gridRows[(i * df)..<((i + 1) * df)].map { $0 }
                var quadratic = 0.0
                for a in 0..<df {
                    yhat[i] += row[a] * fit.coefficients[a]
                    for b in 0..<df { quadratic += row[a] * fit.unscaledCovariance[a * df + b] * row[b] }
                }
                se[i] = (termVariance * quadratic).squareRoot()
            }
            return CoxZphSmooth(term: terms[t], x: grid, fit: yhat, standardError: se)
        }
    }

    /// R's `seq(from, to, length = count)`: interior points from + i·(to − from)/(count − 1),
    /// the ends exact.
    static func grid(from: Double, to: Double, count: Int) -> [Double] {
        let step = (to - from) / Double(count - 1)
        return (0..<count).map { i in i == 0 ? from : i == count - 1 ? to : from + Double(i) * step }
    }
}

/// R's `splines::ns(x, df, intercept = TRUE)`: the cubic B-splines with df − 2 interior knots at
/// the quantiles k/(df − 1) of x (R's type-7 `quantile`) and boundary knots at its range,
/// restricted to the combinations whose second derivative vanishes at both boundaries. Any
/// basis of that space gives the same fitted values and variances, so the null space is
/// taken by Gram–Schmidt rather than R's Householder QR.
struct NaturalSplineBasis {
    let bSplines: CubicBSplines
    /// Row-major 6 × df map from natural-spline to B-spline coefficients (df + 2 rows).
    let nullSpace: [Double]
    let degreesOfFreedom: Int

    init(over x: [Double], degreesOfFreedom df: Int) throws(GSLError) {
        let sorted = x.sorted()
        let interior = (1..<(df - 1)).map { Self.quantile(sorted, Double($0) / Double(df - 1)) }
        bSplines = try CubicBSplines(breakpoints: [sorted[0]] + interior + [sorted[sorted.count - 1]])
        let k = bSplines.count   // df + 2
        let constraints = try bSplines.design(at: [sorted[0], sorted[sorted.count - 1]], derivative: 2)
        // Gram–Schmidt on the two constraint rows, then the unit vectors: the unit vectors'
        // components orthogonal to the constraints span the natural splines.
        var basis: [[Double]] = []
        var kept: [[Double]] = []
        let candidates = [Array(constraints[0..<k]), Array(constraints[k..<(2 * k)])]
            + (0..<k).map { i in (0..<k).map { $0 == i ? 1.0 : 0.0 } }
        for (index, candidate) in candidates.enumerated() {
            var w = candidate
            for _ in 0..<2 {   // twice, for orthogonality to rounding
                for b in basis {
                    let dot = zip(w, b).reduce(0) { $0 + $1.0 * $1.1 }
                    for i in 0..<k { w[i] -= dot * b[i] }
                }
            }
            let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
            // A constraint row of any size counts (its scale is 1/range²); a unit vector whose
            // remainder is rounding lies in the constraints' span.
            guard norm > (index < 2 ? 0 : 1e-8) else { continue }
            let unit = w.map { $0 / norm }
            basis.append(unit)
            if index >= 2 { kept.append(unit) }
        }
        guard kept.count >= df else { throw GSLError(status: 0, routine: "ns null space") }
        degreesOfFreedom = df
        var map = [Double](repeating: 0, count: k * df)
        for c in 0..<df { for r in 0..<k { map[r * df + c] = kept[c][r] } }
        nullSpace = map
    }

    /// Row-major points × df design matrix.
    func design(at points: [Double]) throws(GSLError) -> [Double] {
        let b = try bSplines.design(at: points)
        let k = bSplines.count, df = degreesOfFreedom
        var out = [Double](repeating: 0, count: points.count * df)
        for i in 0..<points.count {
            for c in 0..<df {
                var sum = 0.0
                for r in 0..<k { sum += b[i * k + r] * nullSpace[r * df + c] }
                out[i * df + c] = sum
            }
        }
        return out
    }

    /// R's default (type 7) quantile of sorted data.
    static func quantile(_ sorted: [Double], _ probability: Double) -> Double {
        let h = Double(sorted.count - 1) * probability
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }
}
