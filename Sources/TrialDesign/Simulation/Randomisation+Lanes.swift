extension Randomisation {
    /// Whether ``assignLanes(_:arms:generators:)`` applies: permuted blocks whose orders are
    /// tabulated (one draw per block), the default. Other schemes are assigned lane by lane
    /// by ``assign(_:stream:)``.
    var assignsInLanes: Bool { scheme == .permutedBlocks && !arrangements.isEmpty }

    /// Arms for n patients in each of four replicates at once, replicate j drawing from lane j
    /// of `generators`: the arms ``assign(_:stream:)`` writes from lane j's generator, with the
    /// same draws in the same order (one per block, `⌊U · orders⌋` of the uniform U that
    /// `gsl_rng_uniform_pos` gives, zero outputs skipped lane by lane), so the replicates are
    /// those of one replicate at a time, bit for bit, and each lane's stream continues exactly
    /// where the scalar assignment leaves it.
    /// - Parameters:
    ///   - n: patients per replicate.
    ///   - arms: 4n arm codes to write, replicate j's at `j·n ..< (j+1)·n` (0 treatment, 1 control).
    ///   - generators: the four replicates' generators, advanced past the draws.
    /// - Precondition: ``assignsInLanes``.
    /// - Complexity: O(n); one step of the four generators per block.
    @inline(__always)
    func assignLanes(_ n: Int, arms: UnsafeMutablePointer<UInt8>, generators: inout Taus2Lanes) {
        precondition(assignsInLanes, "the randomisation is not assigned in lanes")
        // A local whose address never escapes, so the four states stay in vector registers.
        var lanes = generators
        defer { generators = lanes }
        let count = UInt64(arrangements.count)
        let wholeBlocks = !arrangementBytes.isEmpty
        var start = 0
        while start < n {
            var bits = lanes.next()
            if any(bits .== 0) {
                // One output in 2³² per lane: that lane steps on, as ``Taus2/positiveBits()`` does.
                for j in 0..<4 where bits[j] == 0 {
                    var generator = lanes.lane(j)
                    var b: UInt32 = 0
                    while b == 0 { b = generator.next() }
                    bits[j] = b
                    lanes.setLane(j, to: generator)
                }
            }
            // A block of at most 8 patients with 8 bytes of room from its start is one store
            // per lane, as in ``assign(_:stream:)``; else the block (maybe cut short) bit by bit.
            let stored = wholeBlocks && start &+ 8 <= n
            let length = min(blockSize, n &- start)
            for j in 0..<4 {
                // ⌊U · orders⌋ for U = bits · 2⁻³², in integers: the double product is exact (at most
                // 32 + 14 significant bits), so its floor is this one, and the same order is drawn.
                let order = Int(truncatingIfNeeded: (UInt64(bits[j]) &* count) &>> 32)
                let row = arms + (j &* n &+ start)
                if stored {
                    UnsafeMutableRawPointer(row).storeBytes(of: arrangementBytes[order].littleEndian, as: UInt64.self)
                } else {
                    let pattern = arrangements[order]
                    for i in 0..<length { row[i] = UInt8(truncatingIfNeeded: pattern >> i) & 1 }
                }
            }
            start &+= stored ? blockSize : length
        }
    }
}
