import GSLSupport
import Testing
@testable import TrialDesign

/// The inlined taus2 must continue a GSL stream bit for bit: the simulator draws through it and
/// its pinned outputs (fixtures, shards) were made through GSL's own functions.
@Suite struct Taus2Tests {
    @Test func continuesTheGSLStreamExactly() {
        for (seed, stream) in [(UInt64(1), UInt64(0)), (1, 1), (20240517, 999_999), (0, 0), (.max, 12345)] {
            let gsl = RandomStream(seed: seed, stream: stream)
            var inlined = gsl.taus2
            var mismatches = 0
            for k in 0..<200_000 {
                // Alternate the two draws, as the ziggurat does.
                if k % 3 == 0 {
                    if gsl.uniform().bitPattern != inlined.uniform().bitPattern { mismatches += 1 }
                } else {
                    if gsl.positiveBits() != inlined.positiveBits() { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "seed \(seed), stream \(stream)")
        }
    }

    /// The inlined seeding (GSL's `taus2_set`) gives the state `gsl_rng_set` gives: for the
    /// (seed, stream) pairs the simulator uses, and for raw seeds that reach each of taus2_set's
    /// adjustments (0 → 1; components raised past 2, 8 and 16).
    @Test func seedsAsGSLDoes() {
        func gslState(_ stream: RandomStream) -> [UInt32] {
            let s = stream.taus2State
            return [s.s1, s.s2, s.s3]
        }
        func state(_ t: Taus2) -> [UInt32] { [t.s1, t.s2, t.s3] }
        for seed in [0, 1, 7, 20240517, .max] as [UInt64] {
            for stream in [0, 1, 2, 999_999, .max - 1] as [UInt64] {
                #expect(state(Taus2(seed: seed, stream: stream)) == gslState(RandomStream(seed: seed, stream: stream)),
                        "seed \(seed), stream \(stream)")
            }
        }
        // 69069⁻¹ mod 2³² by Newton's iteration (each step doubles the correct low bits).
        let a: UInt32 = 69069
        var inverse = a
        for _ in 0..<5 { inverse = inverse &* (2 &- a &* inverse) }
        #expect(a &* inverse == 1)
        func seedGiving(_ s1: UInt32) -> UInt64 { UInt64(inverse &* s1) }
        let raw: [UInt64] = [
            0, 1, 2, 1 << 32, (1 << 32) | 5, .max,
            seedGiving(1), seedGiving(0) | (7 << 40),  // s1 < 2
            seedGiving(inverse &* 5), seedGiving(inverse &* 7),  // s2 < 8
            seedGiving(inverse &* (inverse &* 3)), seedGiving(inverse &* (inverse &* 15)),  // s3 < 16
        ]
        let gsl = RandomStream(seed: 0, stream: 0)
        for value in raw {
            gsl.reseed(gslSeed: value)
            #expect(state(Taus2(gslSeed: value)) == gslState(gsl), "raw seed \(value)")
        }
        // A thousand consecutive replicates' streams.
        for replicate in 0..<1000 as Range<UInt64> {
            gsl.reseed(seed: 42, stream: replicate)
            #expect(state(Taus2(seed: 42, stream: replicate)) == gslState(gsl))
        }
    }

    @Test func reseedingGivesTheStateOfAFreshStream() {
        let reused = RandomStream(seed: 3, stream: 0)
        _ = reused.uniform()
        reused.reseed(seed: 7, stream: 41)
        var a = reused.taus2
        var b = RandomStream(seed: 7, stream: 41).taus2
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
    }
}
