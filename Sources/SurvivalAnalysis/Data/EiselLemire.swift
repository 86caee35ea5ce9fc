/// The Eisel–Lemire step of decimal → binary conversion: w·10^q for an exact decimal significand
/// w (at most 19 digits) as the correctly rounded double, or nil when the 128-bit product cannot
/// decide the rounding (then the caller asks `strtod`).
///
/// Lemire, D. (2021) "Number parsing at a gigabyte per second", Softw. Pract. Exp. 51(8):1700–1727,
/// algorithm 1: w is normalised to 64 bits and multiplied by a 128-bit truncation of 5^q
/// (``PowersOfFive``); the top 54 bits of the product give the mantissa plus one rounding bit,
/// and 2^q is folded into the binary exponent. The low word of the product tells whether the
/// truncation could have changed those bits; in that rare case the function declines. Ties
/// (round half to even) can only be exact for −4 ≤ q ≤ 23, where they are detected.
enum EiselLemire {
    /// The double nearest to w·10^q (w > 0 and exact), its sign not applied; nil to fall back.
    /// - Complexity: O(1): one or two 64×64→128-bit multiplications.
    @inline(__always)
    static func value(significand w: UInt64, exponent q: Int) -> Double? {
        if w == 0 { return 0 }
        if q < PowersOfFive.smallestExponent { return 0 }
        if q > PowersOfFive.largestExponent { return .infinity }
        let leadingZeros = w.leadingZeroBitCount
        let normalized = w << UInt64(leadingZeros)
        let index = 2 * (q - PowersOfFive.smallestExponent)
        let (high5, low5) = PowersOfFive.table.withUnsafeBufferPointer { ($0[index], $0[index + 1]) }
        var (high, low) = normalized.multipliedFullWidth(by: high5)
        // Only the top 55 bits are needed: if the bits below them are all ones, the truncated
        // low word of 5^q could carry into them, so add its contribution.
        let precisionMask: UInt64 = 0xFFFF_FFFF_FFFF_FFFF >> 55
        if high & precisionMask == precisionMask {
            let (secondHigh, _) = normalized.multipliedFullWidth(by: low5)
            let (sum, carry) = low.addingReportingOverflow(secondHigh)
            low = sum
            if carry { high &+= 1 }
        }
        // Still ambiguous outside the range where the 128-bit table is exact enough (§6).
        if low == UInt64.max, q < -27 || q > 55 { return nil }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 9)
        var mantissa = high >> shift
        // floor(log2(10^q)) + 63 via the fixed-point 217706/2^16 ≈ log2(10).
        var power2 = (((217_706 &* q) >> 16) &+ 63) &+ upperBit &- leadingZeros &+ 1023
        if power2 <= 0 {
            // Subnormal result: shift the mantissa into place, then round half up on the last
            // bit (ties cannot be exact this far from 1).
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < (1 << 52) ? 0 : 1
            return Double(bitPattern: UInt64(power2) << 52 | (mantissa & ((1 << 52) - 1)))
        }
        // An exact half-way product: round to even rather than up.
        if low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, (mantissa << shift) == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= (2 << 52) {
            mantissa = 1 << 52
            power2 += 1
        }
        if power2 >= 0x7FF { return .infinity }
        return Double(bitPattern: UInt64(power2) << 52 | (mantissa & ((1 << 52) - 1)))
    }
}
