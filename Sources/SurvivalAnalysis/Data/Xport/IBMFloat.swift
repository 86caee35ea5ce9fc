/// IBM System/370 hexadecimal floating point, the number format of SAS transport (XPORT) files.
///
/// Layout (SAS TS-140, "Record layout of a SAS version 5 or 6 data set in SAS transport
/// format"): sign bit, 7-bit exponent in excess 64 of base 16, 56-bit fraction with the radix
/// point to its left, big-endian. A variable shorter than 8 bytes keeps the most significant
/// bytes (the rest are zero). SAS missing values are a first byte `.` (0x2E), `_` (0x5F) or
/// `A`–`Z` (0x41–0x5A) followed by zero bytes: 28 codes, all read as NA (see ``decode(bits:)``).
enum IBMFloat {
    /// The IEEE double of `length` (1...8) big-endian IBM bytes at `p`; NaN for a missing value.
    ///
    /// The conversion keeps the 53 leading significant bits of the fraction and drops the rest
    /// (truncation), as TS-140's `xpt2ieee` does (and so ReadStat, haven and pyreadstat), so
    /// values read here equal theirs bit for bit. Every IBM value lies in the IEEE double range.
    /// The all-ones pattern 0x7FFF…FF (and its negative) is ±infinity, as ReadStat reads it.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, length: Int) -> Double {
        var bits: UInt64 = 0
        for k in 0..<8 { bits = bits << 8 | UInt64(k < length ? p[k] : 0) }
        return decode(bits: bits)
    }

    @inline(__always)
    static func decode(bits: UInt64) -> Double {
        let first = UInt8(truncatingIfNeeded: bits >> 56)
        var fraction = bits & 0x00FF_FFFF_FFFF_FFFF
        if fraction == 0 {
            // Any other first byte over a zero fraction (0x80, "-0" included) is read as missing
            // too, as TS-140's xpt2ieee and so ReadStat, haven and pyreadstat read it.
            return first == 0 ? 0.0 : .nan
        }
        let negative = first & 0x80 != 0
        if bits & 0x7FFF_FFFF_FFFF_FFFF == 0x7FFF_FFFF_FFFF_FFFF { return negative ? -.infinity : .infinity }
        // value = fraction × 2^(4 (e − 64) − 56); keep 53 significant bits by truncation.
        var exponent = 4 * (Int(first & 0x7F) - 64) - 56
        let significant = 64 - fraction.leadingZeroBitCount
        if significant > 53 {
            let drop = significant - 53
            fraction >>= UInt64(drop)
            exponent += drop
        }
        let magnitude = Double(sign: .plus, exponent: exponent, significand: Double(fraction))
        return negative ? -magnitude : magnitude
    }

    /// `.`, `._` and `.A`–`.Z`: the first byte of SAS's 28 numeric missing values.
    @inline(__always)
    static func isMissingCode(_ byte: UInt8) -> Bool {
        byte == 0x2E || byte == 0x5F || (byte >= 0x41 && byte <= 0x5A)
    }
}
