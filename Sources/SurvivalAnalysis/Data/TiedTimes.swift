/// Which sorted times count as one time, as R's `aeqSurv` decides for `survdiff`, `survfit`
/// and `coxph` (their default `timefix = TRUE`).
///
/// Consecutive distinct times y₍ᵢ₎ < y₍ᵢ₊₁₎ are tied when their difference is at most
/// √ε ≈ 1.49e-8, absolutely or relative to the mean of |y| over the distinct times. Ties
/// chain: 0.3, 0.3 + 1e-9, 0.3 + 2e-9 are one time, recorded as the first of them (aeqSurv
/// maps each time to the smallest of its chain). This keeps 0.1 + 0.2 and 0.3, one ulp apart
/// as floating-point arithmetic on input data makes them, in the same risk set.
enum TiedTimes {
    /// `sqrt(.Machine$double.eps)`, aeqSurv's default tolerance.
    static let tolerance = Double.ulpOfOne.squareRoot()

    /// Mean of |y| over the distinct values of ascending `sorted` (``TimeKey`` keys).
    /// - Complexity: O(n).
    static func meanAbsoluteDistinct(_ sorted: UnsafeBufferPointer<UInt64>) -> Double {
        guard let first = sorted.first else { return 0 }
        var sum = abs(TimeKey.value(first))
        var count = 1
        var previous = TimeKey.value(first)
        for i in 1..<sorted.count {
            let y = TimeKey.value(sorted[i])
            if y != previous { sum += abs(y); count += 1; previous = y }
        }
        return sum / Double(count)
    }

    /// The largest gap between neighbouring distinct times that still ties them:
    /// max(√ε, √ε · mean |y|). aeqSurv tests `dy <= tol | dy / mean <= tol`; multiplying
    /// once instead of dividing per time can differ only when dy / mean is within an ulp of
    /// the tolerance.
    static func largestTiedGap(meanAbsolute: Double) -> Double {
        max(tolerance, tolerance * meanAbsolute)
    }

    /// Replaces each key of ascending `keys` by the key of the first time of its tie chain, so
    /// equal keys mean one time.
    /// - Complexity: O(n).
    static func collapse(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        keys.withUnsafeMutableBufferPointer { k in
            let gap = largestTiedGap(meanAbsolute: meanAbsoluteDistinct(UnsafeBufferPointer(k)))
            var representative = k[0]
            var previous = TimeKey.value(k[0])
            for i in 1..<n {
                let key = k[i]
                if key == representative { continue }
                let y = TimeKey.value(key)
                if y - previous <= gap { k[i] = representative } else { representative = key }
                previous = y
            }
        }
    }
}
