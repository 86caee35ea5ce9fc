import GSLSupport

/// GSL's `taus2` generator (L'Ecuyer's maximally equidistributed combined Tausworthe generator,
/// "Maximally equidistributed combined Tausworthe generators", *Mathematics of Computation*
/// 65(213), 1996) as a value type the compiler can inline into a hot loop: the same recurrence
/// as GSL's `taus_get`, so from the same state it gives the same 32-bit outputs, bit for bit.
///
/// It never seeds itself: the state comes from a GSL-seeded `RandomStream`
/// (`RandomStream.taus2`), so seeding stays GSL's `gsl_rng_set` and a simulation
/// draws exactly the stream it drew through GSL's function pointers (one indirect call per draw,
/// about half a simulated trial's time).
///
/// It lives in the module whose loops draw from it: the compiler (Swift 6.3) does not inline a
/// `package` function into another module, `@inlinable` or not, even with cross-module
/// optimisation, so in GSLSupport every draw was a call (a tenth of a simulated trial's
/// instructions in callgrind).
struct Taus2 {
    var s1: UInt32
    var s2: UInt32
    var s3: UInt32

    /// The generator in the given state (three 32-bit components, as GSL's `taus_state_t`
    /// holds them in its unsigned longs).
    init(s1: UInt32, s2: UInt32, s3: UInt32) {
        self.s1 = s1
        self.s2 = s2
        self.s3 = s3
    }

    /// The state GSL's `gsl_rng_set` gives a taus2 generator for `seed` (`taus2_set` in GSL's
    /// rng/taus.c): three steps of the LCG x ↦ 69069 x mod 2³² from the seed (0 taken as 1), each
    /// raised past the component's forbidden small values, then six outputs discarded. The
    /// same state bit for bit, without GSL's indirect call (`Taus2Tests` compares the two).
    init(gslSeed seed: UInt64) {
        // GSL computes the LCG on unsigned longs masked to 32 bits: only the low 32 bits matter.
        let low = UInt32(truncatingIfNeeded: seed == 0 ? 1 : seed)
        var s1 = low &* 69069
        if s1 < 2 { s1 &+= 2 }
        var s2 = s1 &* 69069
        if s2 < 8 { s2 &+= 8 }
        var s3 = s2 &* 69069
        if s3 < 16 { s3 &+= 16 }
        self.init(s1: s1, s2: s2, s3: s3)
        // GSL's "warm it up".
        for _ in 0..<6 { _ = next() }
    }

    /// The generator in the state of `RandomStream(seed: seed, stream: stream)`: the stream
    /// replicate `stream` of a simulation draws from.
    @inline(__always)
    init(seed: UInt64, stream: UInt64) {
        self.init(gslSeed: RandomStream.gslSeed(seed: seed, stream: stream))
    }

    /// The next 32-bit output (GSL's `taus_get`): three Tausworthe steps
    /// `((s & c) << d) ^ (((s << a) ^ s) >> b)` on 32-bit words, XORed.
    @inline(__always)
    mutating func next() -> UInt32 {
        s1 = ((s1 & 4_294_967_294) << 12) ^ (((s1 << 13) ^ s1) >> 19)
        s2 = ((s2 & 4_294_967_288) << 4) ^ (((s2 << 2) ^ s2) >> 25)
        s3 = ((s3 & 4_294_967_280) << 17) ^ (((s3 << 3) ^ s3) >> 11)
        return s1 ^ s2 ^ s3
    }

    /// The next non-zero output: GSL's `gsl_rng_uniform_pos` skips zero outputs, so this is
    /// exactly `uniform() · 2³²` and advances the state as it does.
    @inline(__always)
    mutating func positiveBits() -> UInt32 {
        var x = next()
        while x == 0 { x = next() }
        return x
    }

    /// Uniform on (0, 1): `gsl_rng_uniform_pos` (taus2's double is its output times 2⁻³²).
    @inline(__always)
    mutating func uniform() -> Double {
        Double(positiveBits()) * (1.0 / 4_294_967_296.0)
    }
}

extension RandomStream {
    /// This stream's current state as an inlinable ``Taus2``, which continues the stream exactly
    /// (this stream itself is not advanced by the copy's draws).
    var taus2: Taus2 {
        let state = taus2State
        return Taus2(s1: state.s1, s2: state.s2, s3: state.s3)
    }
}
