/// Which sorted times count as one time, as R's `aeqSurv` decides for `survdiff`, `survfit`
/// and `coxph` (their default `timefix = TRUE`).
///
/// Consecutive distinct times y₍ᵢ₎ < y₍ᵢ₊₁₎ are tied when their difference is at most
/// √ε ≈ 1.49e-8, absolutely or relative to the mean of |y| over the distinct times. Ties
/// chain: 0.3, 0.3 + 1e-9, 0.3 + 2e-9 are one time. This keeps 0.1 + 0.2 and 0.3 (one ulp
/// apart, as floating-point arithmetic on input data produces) in the same risk set.
enum TiedTimes {
    /// `sqrt(.Machine$double.eps)`, aeqSurv's default tolerance.
    static let tolerance = Double.ulpOfOne.squareRoot()

    /// Mean of |y| over the distinct values of ascending `sorted`.
    /// - Complexity: O(n).
    static func meanAbsoluteDistinct(_ sorted: UnsafeBufferPointer<Double>) -> Double {
        guard let first = sorted.first else { return 0 }
        var sum = abs(first)
        var count = 1
        var previous = first
        for y in sorted.dropFirst() where y != previous {
            sum += abs(y)
            count += 1
            previous = y
        }
        return sum / Double(count)
    }

    /// Whether the ascending neighbours `a` ≤ `b` are the same time.
    @inline(__always)
    static func tied(_ a: Double, _ b: Double, meanAbsolute: Double) -> Bool {
        let dy = b - a
        return dy <= tolerance || dy / meanAbsolute <= tolerance
    }

    /// A time index for each position of ascending `sorted`: 0 for the first time, increased
    /// by one where a value is not tied with its predecessor.
    /// - Complexity: O(n).
    static func timeIndices(_ sorted: UnsafeBufferPointer<Double>) -> [Int32] {
        let n = sorted.count
        let mean = meanAbsoluteDistinct(sorted)
        return [Int32](unsafeUninitializedCapacity: n) { out, count in
            var id: Int32 = 0
            for i in 0..<n {
                if i > 0 && !tied(sorted[i - 1], sorted[i], meanAbsolute: mean) { id += 1 }
                out[i] = id
            }
            count = n
        }
    }
}
