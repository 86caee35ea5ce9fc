internal import CGSL
import PlatformSupport

/// An ordinary least-squares fit y ≈ X·c (GSL `gsl_multifit_wlinear_tsvd` with unit weights),
/// with the unscaled covariance (XᵀX)⁻¹ — R's `qr.coef(qr(X), y)` and
/// `backsolve(R, I) %*% t(backsolve(R, I))`.
package struct LinearLeastSquares: Sendable {
    /// The coefficients c.
    package let coefficients: [Double]
    /// (XᵀX)⁻¹, row-major `columns × columns`, not multiplied by the residual variance.
    package let unscaledCovariance: [Double]
    /// Numerical rank of X: singular values below `tolerance` × the largest are dropped.
    package let rank: Int

    /// Fits the row-major `rows × columns` design to `response` (rows ≥ columns ≥ 1).
    /// - Complexity: O(rows · columns²).
    package init(design: [Double], rows: Int, columns: Int, response: [Double],
                tolerance: Double = 1e-7) throws(GSLError) {
        GSL.prepare()
        guard columns >= 1, rows >= columns, design.count == rows * columns, response.count == rows else {
            throw GSLError(status: Int32(GSL_EBADLEN), routine: "gsl_multifit_wlinear_tsvd")
        }
        guard let workspace = gsl_multifit_linear_alloc(rows, columns) else {
            throw GSLError(status: Int32(GSL_ENOMEM), routine: "gsl_multifit_linear_alloc")
        }
        defer { gsl_multifit_linear_free(workspace) }
        var x = design, y = response
        var weights = [Double](repeating: 1, count: rows)
        var c = [Double](repeating: 0, count: columns)
        var covariance = [Double](repeating: 0, count: columns * columns)
        var chisq = 0.0
        var effectiveRank = 0
        let status = x.withUnsafeMutableBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                weights.withUnsafeMutableBufferPointer { wb in
                    c.withUnsafeMutableBufferPointer { cb in
                        covariance.withUnsafeMutableBufferPointer { vb -> Int32 in
                            var xv = gsl_matrix_view_array(xb.baseAddress, rows, columns)
                            var yv = gsl_vector_view_array(yb.baseAddress, rows)
                            var wv = gsl_vector_view_array(wb.baseAddress, rows)
                            var cv = gsl_vector_view_array(cb.baseAddress, columns)
                            var vv = gsl_matrix_view_array(vb.baseAddress, columns, columns)
                            return gsl_multifit_wlinear_tsvd(&xv.matrix, &wv.vector, &yv.vector, tolerance,
                                                             &cv.vector, &vv.matrix, &chisq, &effectiveRank, workspace)
                        }
                    }
                }
            }
        }
        try GSL.check(status, "gsl_multifit_wlinear_tsvd")
        coefficients = c
        unscaledCovariance = covariance
        rank = effectiveRank
    }
}
