internal import CGSL
import PlatformSupport

/// Why a symmetric system could not be solved.
package enum CholeskyError: Error, Equatable, Sendable {
    /// The matrix is not (numerically) positive definite.
    case notPositiveDefinite
    case dimensionMismatch
}

/// A Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix (GSL
/// `gsl_linalg_cholesky_decomp1`), stored row-major. Used for Newton–Raphson steps and
/// inverse-information variances.
package struct Cholesky: Sendable {
    /// The matrix's order n.
    package let dimension: Int
    /// Row-major factor; the lower triangle holds L.
    private var factor: [Double]

    /// Factorises the row-major `matrix` (dimension × dimension). Only the lower triangle is read.
    /// - Complexity: O(p³).
    package init(symmetric matrix: [Double], dimension p: Int) throws(CholeskyError) {
        GSL.prepare()
        guard matrix.count == p * p, p > 0 else { throw .dimensionMismatch }
        var storage = matrix
        let status = storage.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var view = gsl_matrix_view_array(buffer.baseAddress, p, p)
            return gsl_linalg_cholesky_decomp1(&view.matrix)
        }
        guard status == 0 else { throw .notPositiveDefinite }
        for i in 0..<p where !(storage[i * p + i] > 0) || !storage[i * p + i].isFinite {
            throw .notPositiveDefinite
        }
        dimension = p
        factor = storage
    }

    /// Solves A·x = b.
    package func solve(_ b: [Double]) throws(CholeskyError) -> [Double] {
        guard b.count == dimension else { throw .dimensionMismatch }
        var x = b
        var l = factor
        let p = dimension
        let status = l.withUnsafeMutableBufferPointer { lb in
            x.withUnsafeMutableBufferPointer { xb -> Int32 in
                var lv = gsl_matrix_view_array(lb.baseAddress, p, p)
                var xv = gsl_vector_view_array(xb.baseAddress, p)
                return gsl_linalg_cholesky_svx(&lv.matrix, &xv.vector)
            }
        }
        guard status == 0 else { throw .notPositiveDefinite }
        return x
    }

    /// A⁻¹, row-major and symmetric.
    package func inverse() throws(CholeskyError) -> [Double] {
        var l = factor
        let p = dimension
        let status = l.withUnsafeMutableBufferPointer { lb -> Int32 in
            var lv = gsl_matrix_view_array(lb.baseAddress, p, p)
            return gsl_linalg_cholesky_invert(&lv.matrix)
        }
        guard status == 0 else { throw .notPositiveDefinite }
        return l
    }

    /// log det A = 2 Σ log Lᵢᵢ.
    package var logDeterminant: Double {
        var s = 0.0
        for i in 0..<dimension { s += log(factor[i * dimension + i]) }
        return 2 * s
    }
}
