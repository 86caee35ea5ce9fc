import GSLSupport

/// Root finding for the drift θ of a design, where every evaluation is a full pass of the
/// recursive integration (O(K·m²)). The root is first found on a coarse grid (half the grid
/// parameter, a quarter of the cost), then refined on the full grid inside a narrow bracket
/// around it by secant steps, so only a few full-cost passes are needed.
enum DriftSearch {
    /// - Parameters:
    ///   - lower, upper: a bracket of the root for the coarse grid.
    ///   - gridSize: the grid parameter r of the answer.
    ///   - f: the function of (θ, grid parameter), monotone in θ; it may throw.
    /// - Complexity: about 8 coarse and 4 full evaluations of `f`.
    static func root(lower: Double, upper: Double, gridSize: Int,
                     _ f: (Double, Int) throws(GroupSequentialError) -> Double) throws(GroupSequentialError) -> Double
    {
        var failure: GroupSequentialError? = nil
        func solve(_ a: Double, _ b: Double, _ r: Int, tolerance: Double) throws(GroupSequentialError) -> Double {
            do {
                return try RootFinder.brent(lower: a, upper: b, absoluteTolerance: tolerance, relativeTolerance: tolerance) { x in
                    do throws(GroupSequentialError) { return try f(x, r) } catch { failure = error; return .nan }
                }
            } catch {
                throw failure ?? .numericalFailure("drift search failed: \(error)")
            }
        }
        let coarse = max(8, gridSize / 2)
        let guess = try solve(lower, upper, coarse, tolerance: 1e-7)
        // The coarse root is within ~1e-6 of the fine one: secant steps on the fine grid from
        // there converge in a few evaluations (f is smooth); Brent on a widening bracket is the
        // fallback should a step leave the bracket or stall.
        var x0 = guess, x1 = guess + 1e-6 * max(1, abs(guess))
        var f0 = try f(x0, gridSize), f1 = try f(x1, gridSize)
        for _ in 0..<8 {
            if f1 == 0 { return x1 }
            guard f1 != f0 else { break }
            let x2 = x1 - f1 * (x1 - x0) / (f1 - f0)
            guard x2.isFinite, x2 > lower, x2 < upper else { break }
            if abs(x2 - x1) <= 1e-12 * max(1, abs(x2)) { return x2 }
            (x0, f0) = (x1, f1)
            x1 = x2
            f1 = try f(x1, gridSize)
        }
        var width = 1e-5 * max(1, abs(guess))
        while true {
            let a = max(lower, guess - width), b = min(upper, guess + width)
            let fa = try f(a, gridSize), fb = try f(b, gridSize)
            if fa == 0 { return a }
            if fb == 0 { return b }
            if (fa < 0) != (fb < 0) { return try solve(a, b, gridSize, tolerance: 1e-12) }
            if a == lower && b == upper {
                throw .numericalFailure("drift search: no root in [\(lower), \(upper)]")
            }
            width *= 10
        }
    }
}
