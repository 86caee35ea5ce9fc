internal import CGSL
import PlatformSupport

/// The cubic B-spline basis on given breakpoints, boundary knots repeated four times (GSL
/// `gsl_bspline`, order 4): with b breakpoints there are b + 2 basis functions, the same basis
/// as R's `splines::splineDesign(c(rep(a, 4), interior, rep(b, 4)), x, ord = 4)`.
package struct CubicBSplines: Sendable {
    /// Strictly increasing breakpoints: the lower boundary, the interior knots, the upper boundary.
    package let breakpoints: [Double]
    /// Number of basis functions (breakpoints + 2).
    package var count: Int { breakpoints.count + 2 }

    /// The basis on `breakpoints` (at least two, strictly increasing, finite).
    package init(breakpoints: [Double]) throws(GSLError) {
        guard breakpoints.count >= 2, breakpoints.allSatisfy(\.isFinite),
              zip(breakpoints, breakpoints.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw GSLError(status: Int32(GSL_EINVAL), routine: "gsl_bspline_knots")
        }
        self.breakpoints = breakpoints
    }

    /// Row-major `points.count × count` matrix of the basis functions' `derivative`-th
    /// derivatives (0 = the values) at `points`, each in [first, last breakpoint].
    /// - Complexity: O(points · count).
    package func design(at points: [Double], derivative: Int = 0) throws(GSLError) -> [Double] {
        GSL.prepare()
        let k = count
        guard let workspace = gsl_bspline_alloc(4, breakpoints.count) else {
            throw GSLError(status: Int32(GSL_ENOMEM), routine: "gsl_bspline_alloc")
        }
        defer { gsl_bspline_free(workspace) }
        var breaks = breakpoints
        let knotStatus = breaks.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var view = gsl_vector_view_array(buffer.baseAddress, buffer.count)
            return gsl_bspline_knots(&view.vector, workspace)
        }
        try GSL.check(knotStatus, "gsl_bspline_knots")
        guard let derivatives = gsl_matrix_alloc(k, derivative + 1) else {
            throw GSLError(status: Int32(GSL_ENOMEM), routine: "gsl_matrix_alloc")
        }
        defer { gsl_matrix_free(derivatives) }
        var result = [Double](repeating: 0, count: points.count * k)
        for (row, x) in points.enumerated() {
            guard x >= breakpoints[0] && x <= breakpoints[breakpoints.count - 1] else {
                throw GSLError(status: Int32(GSL_EDOM), routine: "gsl_bspline_deriv_eval")
            }
            try GSL.check(gsl_bspline_deriv_eval(x, derivative, derivatives, workspace), "gsl_bspline_deriv_eval")
            for j in 0..<k { result[row * k + j] = gsl_matrix_get(derivatives, j, derivative) }
        }
        return result
    }
}
