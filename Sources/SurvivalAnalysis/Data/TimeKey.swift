/// Follow-up times as unsigned 64-bit keys with the same order, so they sort as integers.
///
/// Positive doubles get the sign bit set; negative ones are complemented. −0 maps just below
/// +0 (they compare equal as doubles, and tie handling treats them as one time).
enum TimeKey {
    private static let signBit: UInt64 = 1 << 63

    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        let bits = x.bitPattern
        return bits & signBit != 0 ? ~bits : bits | signBit
    }

    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & signBit != 0 ? key ^ signBit : ~key)
    }
}
