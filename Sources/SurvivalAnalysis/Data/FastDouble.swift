import PlatformSupport

/// Decimal text → Double, exactly as `strtod` would give it.
///
/// Three tiers, each correctly rounded: (1) an integer significand of at most 2^53 and a decimal
/// exponent within ±22 is one exact integer multiplied or divided by an exact power of ten, which
/// IEEE arithmetic rounds correctly (Clinger 1990, "How to read floating point numbers
/// accurately"); (2) any other significand of at most 18 digits goes through ``EiselLemire``
/// (17-digit round-trip output of other programs lands here); (3) longer significands, the rare
/// products Eisel–Lemire cannot decide, and Inf/NaN/hex spellings fall back to the C library's
/// `strtod`. `Tests/Fixtures/fast-double` holds hard cases checked byte for byte against `strtod`.
enum FastDouble {
    /// Parses bytes `[start, end)` (already trimmed of spaces). Returns nil if the text is not a
    /// number (R's `as.numeric` would give NA with a warning). Accepts `Inf`, `-Inf`, `NaN` so
    /// the caller can reject non-finite values with a precise message.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        guard i < end else { return nil }
        let negative = p[i] == UInt8(ascii: "-")
        if negative || p[i] == UInt8(ascii: "+") { i &+= 1 }
        // Every digit goes into `mantissa` while it stays below 10^18; later digits are dropped
        // and only shift the exponent (then the exact fast path is not taken).
        var mantissa: UInt64 = 0
        var exponent = 0
        var truncated = false
        let digitsStart = i
        while i < end {
            let d = p[i] &- 48
            if d >= 10 { break }
            if mantissa < 100_000_000_000_000_000 { mantissa = mantissa &* 10 &+ UInt64(d) }
            else { exponent &+= 1; truncated = true }
            i &+= 1
        }
        var sawDigit = i > digitsStart
        if i < end, p[i] == UInt8(ascii: ".") {
            i &+= 1
            let fractionStart = i
            while i < end {
                let d = p[i] &- 48
                if d >= 10 { break }
                if mantissa < 100_000_000_000_000_000 { mantissa = mantissa &* 10 &+ UInt64(d); exponent &-= 1 }
                else { truncated = true }
                i &+= 1
            }
            sawDigit = sawDigit || i > fractionStart
        }
        guard sawDigit else { return slowPath(p, start, end) }
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            i &+= 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "-") { expNegative = true; i &+= 1 }
            else if i < end, p[i] == UInt8(ascii: "+") { i &+= 1 }
            var e = 0
            let expStart = i
            while i < end {
                let d = p[i] &- 48
                if d >= 10 { break }
                if e < 100_000 { e = e &* 10 &+ Int(d) }
                i &+= 1
            }
            guard i > expStart else { return nil }
            exponent &+= expNegative ? -e : e
        }
        guard i == end else { return nil }
        // Clinger's fast path: an integer ≤ 2^53 and a power of ten ≤ 10^22 are both exact, so one
        // IEEE multiply or divide rounds correctly.
        if !truncated && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            if exponent < 0 { value /= exactPowerOfTen(-exponent) }
            else if exponent > 0 { value *= exactPowerOfTen(exponent) }
            return negative ? -value : value
        }
        if !truncated, let value = EiselLemire.value(significand: mantissa, exponent: exponent) {
            return negative ? -value : value
        }
        return slowPath(p, start, end)
    }

    /// 10^e for e in 0...22, all exact doubles. A switch on literals, which compiles to a table in
    /// read-only data: a `static let` array was lazily initialised, so every parsed number paid a
    /// `swift_once` call (≈ 1% of a 10⁶-row `cox` run's processor time, perf).
    @inline(__always)
    private static func exactPowerOfTen(_ e: Int) -> Double {
        switch e {
        case 0: 1
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// `strtod` on a NUL-terminated copy; also handles Inf/NaN/hex spellings.
    private static func slowPath(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let length = end - start
        guard length > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for k in 0..<length { buffer[k] = CChar(bitPattern: p[start + k]) }
            buffer[length] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &stop)
            guard let stop, stop == buffer.baseAddress! + length else { return nil }
            return value
        }
    }
}
