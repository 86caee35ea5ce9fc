internal import Foundation
import GSLSupport

/// Exp(1) variates by the ziggurat method of G. Marsaglia and W. W. Tsang ("The ziggurat method
/// for generating random variables", *Journal of Statistical Software* 5(8), 2000), about twice
/// as fast as `−log U`: 255 rectangles of equal area and a base strip with the tail cover the
/// density e^{−x}; a point falls inside its rectangle's inner part (no function evaluation) about
/// 98.9% of the time.
///
/// Each try takes one 32-bit GSL draw and, following J. A. Doornik ("An improved ziggurat method
/// to generate normal random samples", 2005), uses separate bits for the layer (the low 8) and for
/// the position within it (the upper 24), so the two are independent. The tail beyond
/// r = 7.697117470131487 is r + Exp(1) by inversion.
final class ExponentialZiggurat: @unchecked Sendable {
    /// The tail start r and the common area v of Marsaglia & Tsang's 256-layer exponential ziggurat.
    static let tailStart = 7.697117470131487
    static let area = 3.949659822581572e-3
    private static let scale = 16_777_216.0  // 2²⁴ positions per layer

    /// `k[i]`: positions below which layer i's point is accepted at once.
    private let k: UnsafeMutablePointer<UInt32>
    /// `w[i]`: x per position in layer i.
    private let w: UnsafeMutablePointer<Double>
    /// `f[i] = e^{−x_i}` at the layer edges.
    private let f: UnsafeMutablePointer<Double>

    /// The tables, computed once (read-only afterwards, so shared by all threads).
    static let shared = ExponentialZiggurat()

    private init() {
        k = .allocate(capacity: 256)
        w = .allocate(capacity: 256)
        f = .allocate(capacity: 256)
        var x = Self.tailStart
        var previous = x
        let q = Self.area / exp(-x)
        k[0] = UInt32((x / q) * Self.scale)
        k[1] = 0
        w[0] = q / Self.scale
        w[255] = x / Self.scale
        f[0] = 1
        f[255] = exp(-x)
        for i in stride(from: 254, through: 1, by: -1) {
            x = -log(Self.area / x + exp(-x))
            k[i + 1] = UInt32((x / previous) * Self.scale)
            previous = x
            f[i] = exp(-x)
            w[i] = x / Self.scale
        }
    }

    /// The tables as a value, for a loop of draws to keep in registers: through the shared
    /// instance, each draw reloads them from it after every store of the loop (which might,
    /// as far as the compiler knows, write to them).
    var tables: Tables { Tables(k: k, w: w, f: f) }

    /// One Exp(1) variate from `source` (see ``Tables/draw(_:)``).
    /// - Complexity: O(1) expected (1.01 tries).
    @inline(__always)
    func draw(_ source: inout Taus2) -> Double { tables.draw(&source) }

    /// The ziggurat's tables (read-only, owned by ``ExponentialZiggurat/shared``).
    struct Tables {
        let k: UnsafeMutablePointer<UInt32>
        let w: UnsafeMutablePointer<Double>
        let f: UnsafeMutablePointer<Double>

        /// One Exp(1) variate from `source`, the inlined ``Taus2`` copy of a GSL stream (the same
        /// numbers GSL's `gsl_rng_uniform_pos` gives from that state). Concrete, not generic over a
        /// protocol: through a protocol the optimiser called taus2's witness per draw (a quarter of
        /// the simulation's instructions in callgrind) instead of inlining its three shifts.
        /// - Complexity: O(1) expected (1.01 tries).
        @inline(__always)
        func draw(_ source: inout Taus2) -> Double {
            // The first try inline, the rest (1.1% of draws) out of line: with the wedge's `exp`
            // and the tail's `log` inlined, a loop of draws ran out of registers.
            let bits = source.positiveBits()
            let i = Int(bits & 255)
            let j = bits >> 8
            let x = (Double(j) + 0.5) * w[i]
            if j < k[i] { return x }
            let (variate, state) = finishRejected(layer: i, x: x, source)
            source = state
            return variate
        }

        /// The rest of the first try that fell outside its rectangle's inner part (the tail,
        /// or the wedge test), then further tries as ``draw(_:)`` makes them: the same draws.
        /// The generator goes in and out by value: passed by address to a call, a loop's
        /// generator would have to live in memory, and every draw would load and store it.
        /// - Returns: the variate and the generator's state after it.
        @inline(never)
        func finishRejected(layer i: Int, x: Double, _ state: Taus2) -> (Double, Taus2) {
            var source = state
            if i == 0 { return (ExponentialZiggurat.tailStart - log(source.uniform()), source) }
            if f[i] + source.uniform() * (f[i - 1] - f[i]) < exp(-x) { return (x, source) }
            let variate = drawLoop(&source)
            return (variate, source)
        }

        /// The ziggurat's loop of tries.
        func drawLoop(_ source: inout Taus2) -> Double {
            while true {
                // taus2's uniform is its 32-bit output times 2⁻³², so its bits are the draw itself.
                let bits = source.positiveBits()
                let i = Int(bits & 255)
                let j = bits >> 8
                // The middle of position j, so no variate is exactly 0.
                let x = (Double(j) + 0.5) * w[i]
                if j < k[i] { return x }
                if i == 0 { return ExponentialZiggurat.tailStart - log(source.uniform()) }
                if f[i] + source.uniform() * (f[i - 1] - f[i]) < exp(-x) { return x }
            }
        }
    }
}
