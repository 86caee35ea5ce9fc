#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal text → Double, exactly as `strtod` would give it.
///
/// The common case (at most 15 significant digits, decimal exponent within ±22) is computed as
/// one exact integer multiplied or divided by an exact power of ten, which IEEE arithmetic
/// rounds correctly (Clinger 1990, "How to read floating point numbers accurately"). Anything
/// else falls back to the C library's correctly rounded `strtod`.
enum FastDouble {
    private static let powersOfTen: [Double] = (0...22).map { e in
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// Parses bytes `[start, end)` (already trimmed of spaces). Returns nil if the text is not a
    /// number (R's `as.numeric` would give NA with a warning). Accepts `Inf`, `-Inf`, `NaN` so
    /// the caller can reject non-finite values with a precise message.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        guard i < end else { return nil }
        var negative = false
        if p[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        else if p[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, significant = 0, exponent = 0
        var sawDigit = false
        while i < end, p[i] &- 48 < 10 {
            sawDigit = true
            if significant > 0 || p[i] != 48 { significant += 1 }
            if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48) } else { exponent += 1 }
            digits += 1; i += 1
        }
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, p[i] &- 48 < 10 {
                sawDigit = true
                if significant > 0 || p[i] != 48 { significant += 1 }
                if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48); exponent -= 1 }
                i += 1
            }
        }
        guard sawDigit else { return slowPath(p, start, end) }
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "-") { expNegative = true; i += 1 }
            else if i < end, p[i] == UInt8(ascii: "+") { i += 1 }
            var e = 0, expDigits = 0
            while i < end, p[i] &- 48 < 10 {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
                expDigits += 1; i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if significant <= 15 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return negative ? -value : value
        }
        return slowPath(p, start, end)
    }

    /// `strtod` on a NUL-terminated copy; also handles Inf/NaN/hex spellings.
    private static func slowPath(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let length = end - start
        guard length > 0, length < 512 else { return nil }
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
