internal import CGSL
import PlatformSupport

/// A GSL random number generator owned by one thread (not shareable between threads).
///
/// Reproducibility: every stream is seeded from a (seed, stream index) pair through SplitMix64,
/// so a simulation gives each replicate (or fixed block) its own stream and the result does not
/// depend on how replicates are spread over threads.
package final class RandomStream {
    private let rng: UnsafeMutablePointer<gsl_rng>

    /// - Parameters:
    ///   - seed: the user's seed.
    ///   - stream: the index of this stream (e.g. the replicate number).
    package init(seed: UInt64, stream: UInt64 = 0) {
        GSL.prepare()
        // taus2: small state, cheap to seed, passes the usual test batteries (L'Ecuyer 1996).
        rng = gsl_rng_alloc(survkit_rng_taus2())!
        reseed(seed: seed, stream: stream)
    }

    deinit { gsl_rng_free(rng) }

    /// Re-seeds in place for another (seed, stream) pair, avoiding an allocation per replicate.
    package func reseed(seed: UInt64, stream: UInt64) {
        gsl_rng_set(rng, UInt(RandomStream.gslSeed(seed: seed, stream: stream)))
    }

    /// The value handed to `gsl_rng_set` for the pair (seed, stream): SplitMix64 of the pair,
    /// never 0 (GSL replaces 0 by its default seed). TrialDesign's inlined generator seeds itself
    /// from it as GSL's taus2 does.
    @inline(__always) package static func gslSeed(seed: UInt64, stream: UInt64) -> UInt64 {
        let mixed = splitMix64(seed &+ 0x9E37_79B9_7F4A_7C15 &* (stream &+ 1))
        return mixed == 0 ? 1 : mixed
    }

    /// Seeds GSL's generator with `value` itself (`gsl_rng_set`), for the tests of seedings that
    /// must equal GSL's on chosen raw seeds.
    package func reseed(gslSeed value: UInt64) {
        gsl_rng_set(rng, UInt(value))
    }

    /// Uniform on (0, 1), never 0 or 1 (`gsl_rng_uniform_pos`, which excludes 0; 1 is excluded by GSL).
    @inline(__always) package func uniform() -> Double { gsl_rng_uniform_pos(rng) }

    /// taus2's output behind ``uniform()``: `uniform() · 2³²` exactly (taus2's double is its
    /// 32-bit output times 2⁻³²).
    @inline(__always) package func positiveBits() -> UInt32 { UInt32(uniform() * 4_294_967_296.0) }

    /// This stream's current taus2 state, for TrialDesign's inlined copy of the generator
    /// (`Taus2`), which continues the stream exactly from it.
    package var taus2State: (s1: UInt32, s2: UInt32, s3: UInt32) {
        // taus_state_t is three unsigned longs, each holding a 32-bit value.
        precondition(gsl_rng_size(rng) == 3 * MemoryLayout<UInt>.size, "the generator is not taus2")
        let state = gsl_rng_state(rng)!.assumingMemoryBound(to: UInt.self)
        return (UInt32(truncatingIfNeeded: state[0]), UInt32(truncatingIfNeeded: state[1]),
                UInt32(truncatingIfNeeded: state[2]))
    }

    /// Exponential with the given rate (mean 1/rate), by inversion.
    @inline(__always) package func exponential(rate: Double) -> Double {
        -log(gsl_rng_uniform_pos(rng)) / rate
    }

    /// Uniform integer in 0..<n.
    @inline(__always) package func integer(below n: Int) -> Int {
        Int(gsl_rng_uniform_int(rng, UInt(n)))
    }

    /// Poisson variate with the given mean.
    package func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(rng, mean)) }

    /// SplitMix64 finaliser (Steele, Lea & Flood 2014): decorrelates consecutive stream indices.
    @inline(__always) package static func splitMix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
