import GSLSupport
import Testing
@testable import TrialDesign

/// The outcome times of four replicates drawn in SIMD lanes are those of one replicate at a
/// time, bit for bit, and each lane's generator ends where its own stream does.
@Suite struct DrawLanesTests {
    /// Lane j's outputs are its own ``Taus2``'s, step for step.
    @Test func lanesStepAsFourGenerators() {
        var scalar = (0..<4).map { RandomStream(seed: 99, stream: UInt64($0)).taus2 }
        var lanes = Taus2Lanes()
        for j in 0..<4 { lanes.setLane(j, to: scalar[j]) }
        for _ in 0..<100_000 {
            let x = lanes.next()
            for j in 0..<4 { #expect(x[j] == scalar[j].next()) }
        }
        for j in 0..<4 {
            let g = lanes.lane(j)
            #expect(g.s1 == scalar[j].s1 && g.s2 == scalar[j].s2 && g.s3 == scalar[j].s3)
        }
    }

    /// The same variates times the arm's mean as ``ExponentialZiggurat/Tables/draw(_:)`` lane by
    /// lane, over enough draws that lanes are rejected (tail and wedge) many times, for several
    /// patient counts (1 included) and random arms.
    @Test func drawsEqualOneReplicateAtATime() {
        let tables = ExponentialZiggurat.shared.tables
        let means = SIMD2(47.6, 15.87)
        var rejected = 0
        for (n, seed) in [(1, 3), (2, 4), (7, 5), (56, 6), (5_000, 7)] as [(Int, UInt64)] {
            var armStream = RandomStream(seed: seed, stream: 1_000).taus2
            let arm = (0..<(4 * n)).map { _ in UInt8(armStream.next() & 1) }
            var follow = [Double](repeating: .nan, count: 4 * n)
            var scalar = (0..<4).map { RandomStream(seed: seed, stream: UInt64($0)).taus2 }
            var lanes = Taus2Lanes()
            for j in 0..<4 { lanes.setLane(j, to: scalar[j]) }
            arm.withUnsafeBufferPointer { a in
                follow.withUnsafeMutableBufferPointer { f in
                    tables.drawLanes(n, arm: a.baseAddress!, means: means, follow: f.baseAddress!, generators: &lanes)
                }
            }
            for j in 0..<4 {
                for i in 0..<n {
                    var probe = scalar[j]
                    _ = probe.positiveBits()
                    let expected = tables.draw(&scalar[j]) * means[Int(arm[j * n + i])]
                    if probe.s1 != scalar[j].s1 || probe.s2 != scalar[j].s2 || probe.s3 != scalar[j].s3 { rejected += 1 }
                    #expect(follow[j * n + i].bitPattern == expected.bitPattern, "n \(n), lane \(j), patient \(i)")
                }
                let g = lanes.lane(j)
                #expect(g.s1 == scalar[j].s1 && g.s2 == scalar[j].s2 && g.s3 == scalar[j].s3, "n \(n), lane \(j)")
            }
        }
        #expect(rejected > 100)
    }

    /// A lane whose output is 0 (which GSL skips) continues from the next output, as
    /// ``Taus2/positiveBits()`` does; a non-zero output is the first try itself.
    @Test func finishLaneSkipsZeroOutputs() {
        let tables = ExponentialZiggurat.shared.tables
        var stream = RandomStream(seed: 8, stream: 2).taus2
        for _ in 0..<10_000 {
            var plain = stream
            let (variate, state) = tables.finishLane(bits: 0, stream)
            let expected = tables.draw(&plain)
            #expect(variate.bitPattern == expected.bitPattern)
            #expect(state.s1 == plain.s1 && state.s2 == plain.s2 && state.s3 == plain.s3)
            var lane = stream
            let bits = lane.next()
            var reference = stream
            let direct = tables.finishLane(bits: bits, lane)
            #expect(direct.0.bitPattern == tables.draw(&reference).bitPattern || bits == 0)
            stream = state
        }
    }
}
