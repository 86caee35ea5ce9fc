extension ExponentialZiggurat.Tables {
    /// Exponential outcome times for n patients in each of four replicates at once, replicate j
    /// drawing from lane j of `generators`: `follow[j·n + i] = E · means[arm[j·n + i] & 1]` for
    /// patient i's Exp(1) variate E, the very variate ``draw(_:)`` gives from lane j's generator
    /// (its first try per lane after one step of all four generators; a lane whose try is
    /// rejected, about 1.1% of them, or whose output is 0, which GSL skips, is finished by the
    /// scalar path on that lane's state, which is then put back). So each lane consumes its
    /// stream exactly as one replicate at a time does, and gets the same times, bit for bit.
    /// - Parameters:
    ///   - n: patients per replicate.
    ///   - arm: 4n arm codes, replicate j's at `j·n ..< (j+1)·n` (0 treatment, 1 control).
    ///   - means: mean event time of each arm code.
    ///   - follow: 4n times, laid out as `arm`.
    ///   - generators: the four replicates' generators, advanced past the draws.
    /// - Complexity: O(n), 1.01 tries per draw expected.
    @inline(__always)
    func drawLanes(_ n: Int, arm: UnsafePointer<UInt8>, means: SIMD2<Double>, follow: UnsafeMutablePointer<Double>,
                   generators: inout Taus2Lanes) {
        // A local whose address never escapes, so the four states stay in vector registers.
        var lanes = generators
        defer { generators = lanes }
        // The means by arm code from memory: a vector's lane picked by a loaded index was stored
        // to the stack and reloaded for every draw.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2) { meanOf in
        let meanOf = meanOf.baseAddress!
        meanOf[0] = means[0]
        meanOf[1] = means[1]
        for i in 0..<n {
            let bits = lanes.next()
            if any(bits .== 0) {
                // Practically never (one output in 2³² per lane): every lane by the scalar path.
                for j in 0..<4 {
                    let (e, state) = finishLane(bits: bits[j], lanes.lane(j))
                    lanes.setLane(j, to: state)
                    let row = j &* n &+ i
                    follow[row] = e * meanOf[Int(arm[row] & 1)]
                }
                continue
            }
            for j in 0..<4 {
                let b = bits[j]
                let layer = Int(b & 255)
                let position = b &>> 8
                var e = (Double(position) + 0.5) * w[layer]
                if position >= k[layer] {
                    let (variate, state) = finishRejected(layer: layer, x: e, lanes.lane(j))
                    e = variate
                    lanes.setLane(j, to: state)
                }
                let row = j &* n &+ i
                follow[row] = e * meanOf[Int(arm[row] & 1)]
            }
        }
        }
    }

    /// A lane's draw whose first 32-bit output `bits` is already taken from `state`: zero
    /// outputs skipped as ``Taus2/positiveBits()`` skips them, then ``draw(_:)``'s first try
    /// and, if it is rejected, the rest. Out of line: the lanes' loop takes it almost never.
    /// - Returns: the variate and the generator's state after it.
    @inline(never)
    func finishLane(bits: UInt32, _ state: Taus2) -> (Double, Taus2) {
        var source = state
        var b = bits
        while b == 0 { b = source.next() }
        let layer = Int(b & 255)
        let position = b >> 8
        let x = (Double(position) + 0.5) * w[layer]
        if position < k[layer] { return (x, source) }
        return finishRejected(layer: layer, x: x, source)
    }
}
