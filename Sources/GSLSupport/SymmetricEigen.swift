internal import CGSL

/// Eigenvalues and orthonormal eigenvectors of a real symmetric matrix (GSL `gsl_eigen_symmv`,
/// Householder tridiagonalisation and implicit QL), sorted by ascending eigenvalue.
/// Used by the equal-precision band's Galerkin spectral solver.
package struct SymmetricEigen: Sendable {
    /// The eigenvalues, ascending.
    package let values: [Double]
    /// Row-major n × n; column k is the unit eigenvector of `values[k]`.
    package let vectors: [Double]

    /// Decomposes the row-major symmetric `matrix` (dimension × dimension); only the lower
    /// triangle is read.
    /// - Complexity: O(n³).
    package init(symmetric matrix: [Double], dimension n: Int) {
        GSL.prepare()
        precondition(n > 0 && matrix.count == n * n, "SymmetricEigen: matrix must be n × n")
        var a = matrix
        var eval = [Double](repeating: 0, count: n)
        var evec = [Double](repeating: 0, count: n * n)
        a.withUnsafeMutableBufferPointer { ab in
            eval.withUnsafeMutableBufferPointer { vb in
                evec.withUnsafeMutableBufferPointer { eb in
                    var av = gsl_matrix_view_array(ab.baseAddress, n, n)
                    var vv = gsl_vector_view_array(vb.baseAddress, n)
                    var ev = gsl_matrix_view_array(eb.baseAddress, n, n)
                    let work = gsl_eigen_symmv_alloc(n)
                    _ = gsl_eigen_symmv(&av.matrix, &vv.vector, &ev.matrix, work)
                    gsl_eigen_symmv_free(work)
                    _ = gsl_eigen_symmv_sort(&vv.vector, &ev.matrix, GSL_EIGEN_SORT_VAL_ASC)
                }
            }
        }
        values = eval
        vectors = evec
    }
}
