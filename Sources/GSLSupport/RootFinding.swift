internal import CGSL

/// Why a root could not be found.
package enum RootFindingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// f(lower) and f(upper) have the same sign: no root is bracketed.
    case notBracketed(lower: Double, upper: Double, fLower: Double, fUpper: Double)
    /// The function returned a non-finite value inside the bracket.
    case nonFinite(at: Double)
    /// The iteration limit was reached before the tolerance.
    case notConverged(iterations: Int)

    /// The failure in words.
    package var description: String {
        switch self {
        case let .notBracketed(l, u, fl, fu):
            return "no root in [\(l), \(u)]: f = \(fl) and \(fu) have the same sign"
        case let .nonFinite(x): return "the function is not finite at \(x)"
        case let .notConverged(n): return "root finding did not converge in \(n) iterations"
        }
    }
}

/// Brent's method (GSL `gsl_root_fsolver_brent`) on a bracketing interval.
package enum RootFinder {
    /// Finds x in [lower, upper] with f(x) = 0.
    ///
    /// Converges when the bracket width is below `absoluteTolerance + relativeTolerance·|x|`
    /// (GSL `gsl_root_test_interval`).
    /// - Complexity: at most `maxIterations` evaluations of `f` beyond the two end points.
    package static func brent(
        lower: Double, upper: Double,
        absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-12,
        maxIterations: Int = 200,
        _ f: (Double) -> Double
    ) throws(RootFindingError) -> Double {
        GSL.prepare()
        let fl = f(lower), fu = f(upper)
        guard fl.isFinite else { throw .nonFinite(at: lower) }
        guard fu.isFinite else { throw .nonFinite(at: upper) }
        if fl == 0 { return lower }
        if fu == 0 { return upper }
        guard (fl < 0) != (fu < 0) else {
            throw .notBracketed(lower: lower, upper: upper, fLower: fl, fUpper: fu)
        }
        return try withoutActuallyEscaping(f) { (escapable) throws(RootFindingError) -> Double in
            let box = FunctionBox(escapable)
            let context = Unmanaged.passUnretained(box).toOpaque()
            var function = gsl_function(
                function: { x, params in
                    let box = Unmanaged<FunctionBox>.fromOpaque(params!).takeUnretainedValue()
                    let y = box.f(x)
                    if !y.isFinite { box.nonFiniteAt = x; return 0 }
                    return y
                },
                params: context)
            guard let solver = gsl_root_fsolver_alloc(survkit_root_brent()) else {
                throw .notConverged(iterations: 0)
            }
            defer { gsl_root_fsolver_free(solver) }
            gsl_root_fsolver_set(solver, &function, lower, upper)
            for _ in 0..<maxIterations {
                gsl_root_fsolver_iterate(solver)
                if let bad = box.nonFiniteAt { throw .nonFinite(at: bad) }
                let x = gsl_root_fsolver_root(solver)
                let lo = gsl_root_fsolver_x_lower(solver), hi = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(lo, hi, absoluteTolerance, relativeTolerance) == GSL_SUCCESS
                    || lo == hi
                {
                    return x
                }
            }
            throw .notConverged(iterations: maxIterations)
        }
    }
}

private final class FunctionBox {
    let f: (Double) -> Double
    var nonFiniteAt: Double?
    init(_ f: @escaping (Double) -> Double) { self.f = f }
}
