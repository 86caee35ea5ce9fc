/// Doubles as unsigned 64-bit keys with the same order, so they sort as integers: survkit's one
/// Double → UInt64 key mapping (the radix sort, the time fix and the estimators all use it).
///
/// Positive doubles get the sign bit set; negative ones are complemented. −0 maps just below
/// +0 (they compare equal as doubles; add 0.0 first to give them one key).
enum TimeKey {
    static let signBit: UInt64 = 1 << 63

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
