/// Four independent ``Taus2`` generators advanced in lockstep, one per SIMD lane: the same
/// recurrence on `SIMD4<UInt32>` words, so one step of all four is a dozen SSE2 instructions
/// (32-bit shifts, ands and xors) instead of four dozen scalar ones. Lane j gives exactly the
/// outputs its own ``Taus2`` would give from the same state: the recurrence is lane-wise.
///
/// The simulator draws four replicates' outcome times at once this way, each replicate from its
/// own stream (seed, i), so the numbers, and the results, are those of one replicate at a time.
struct Taus2Lanes {
    var s1: SIMD4<UInt32>
    var s2: SIMD4<UInt32>
    var s3: SIMD4<UInt32>

    /// All lanes zero (not a valid taus2 state): fill every lane with ``setLane(_:to:)``.
    init() {
        s1 = .zero
        s2 = .zero
        s3 = .zero
    }

    /// Lane j's generator, in its current state.
    @inline(__always)
    func lane(_ j: Int) -> Taus2 {
        Taus2(s1: s1[j], s2: s2[j], s3: s3[j])
    }

    /// Puts `generator`'s state into lane j.
    @inline(__always)
    mutating func setLane(_ j: Int, to generator: Taus2) {
        s1[j] = generator.s1
        s2[j] = generator.s2
        s3[j] = generator.s3
    }

    /// Every lane's next 32-bit output (``Taus2/next()`` lane by lane; zero outputs included:
    /// skipping them, as ``Taus2/positiveBits()`` does, is the caller's, lane by lane).
    @inline(__always)
    mutating func next() -> SIMD4<UInt32> {
        s1 = ((s1 & 4_294_967_294) &<< 12) ^ (((s1 &<< 13) ^ s1) &>> 19)
        s2 = ((s2 & 4_294_967_288) &<< 4) ^ (((s2 &<< 2) ^ s2) &>> 25)
        s3 = ((s3 & 4_294_967_280) &<< 17) ^ (((s3 &<< 3) ^ s3) &>> 11)
        return s1 ^ s2 ^ s3
    }
}
