import GSLSupport
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct RandomisationTests {
    func arms(_ r: Randomisation, patients: Int, seed: UInt64 = 1) -> [UInt8] {
        var stream = RandomStream(seed: seed, stream: 0).taus2
        var arms = [UInt8](repeating: 9, count: patients)
        arms.withUnsafeMutableBufferPointer { r.assign($0, stream: &stream) }
        return arms
    }

    @Test func wholeNumberRatios() throws {
        #expect(Randomisation.wholeRatio(.equal)! == (1, 1))
        #expect(Randomisation.wholeRatio(try Allocation(parsing: "2:1"))! == (2, 1))
        #expect(Randomisation.wholeRatio(try Allocation(parsing: "1.5:1"))! == (3, 2))
        #expect(Randomisation.wholeRatio(try Allocation(parsing: "4:6"))! == (2, 3))
        #expect(Randomisation.wholeRatio(try Allocation(treatment: 2.0.squareRoot(), control: 1)) == nil)
    }

    /// Every block of a permuted-block list holds the arms in the exact ratio.
    @Test func permutedBlocksAreBalanced() throws {
        let r = try Randomisation(scheme: .permutedBlocks, allocation: Allocation(parsing: "2:1"))
        #expect(r.blockSize == 6)
        for seed in 1...50 as ClosedRange<UInt64> {
            let a = arms(r, patients: 60, seed: seed)
            for block in stride(from: 0, to: 60, by: 6) {
                #expect(a[block..<block + 6].filter { $0 == 0 }.count == 4)
            }
        }
    }

    /// All 6 orders of a 1:1 block of 4 appear about equally often (χ² on 5 df below 25).
    @Test func permutedBlockOrdersAreUniform() throws {
        let r = try Randomisation(scheme: .permutedBlocks, allocation: .equal)
        var counts: [[UInt8]: Int] = [:]
        var stream = RandomStream(seed: 9, stream: 0).taus2
        var a = [UInt8](repeating: 0, count: 4)
        let trials = 60_000
        for _ in 0..<trials {
            a.withUnsafeMutableBufferPointer { r.assign($0, stream: &stream) }
            counts[a, default: 0] += 1
        }
        #expect(counts.count == 6)
        let expected = Double(trials) / 6
        let chiSquare = counts.values.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 25)
    }

    /// Blocks up to 16 patients draw one of their tabulated orders; longer blocks are ordered
    /// slot by slot. Both keep every block balanced and every slot treatment half the time.
    @Test func shortAndLongBlocks() throws {
        #expect(try Randomisation(scheme: .permutedBlocks, allocation: .equal).arrangements.count == 6)
        #expect(try Randomisation(scheme: .permutedBlocks, allocation: Allocation(parsing: "2:1")).arrangements.count == 15)
        let long = try Randomisation(scheme: .permutedBlocks, allocation: .equal, blockSize: 20)
        #expect(long.arrangements.isEmpty)
        var treatedAt = [Int](repeating: 0, count: 20)
        let trials = 20_000
        var stream = RandomStream(seed: 4, stream: 0).taus2
        var a = [UInt8](repeating: 0, count: 20)
        for _ in 0..<trials {
            a.withUnsafeMutableBufferPointer { long.assign($0, stream: &stream) }
            #expect(a.filter { $0 == 0 }.count == 10)
            for k in 0..<20 where a[k] == 0 { treatedAt[k] += 1 }
        }
        for count in treatedAt { #expect(abs(Double(count) / Double(trials) - 0.5) <= 4 * (0.25 / Double(trials)).squareRoot()) }
    }

    @Test func alternatingIsRpactsSequence() throws {
        let r = try Randomisation(scheme: .alternating, allocation: Allocation(parsing: "2:1"))
        #expect(arms(r, patients: 7) == [0, 0, 1, 0, 0, 1, 0])
    }

    /// Simple randomisation: the treatment share is T/(T+C) within 4 binomial SEs.
    @Test func simpleRandomisationShare() throws {
        let r = try Randomisation(scheme: .simple, allocation: Allocation(parsing: "2:1"))
        let a = arms(r, patients: 90_000)
        let share = Double(a.filter { $0 == 0 }.count) / 90_000
        #expect(abs(share - 2.0 / 3) <= 4 * (2.0 / 9 / 90_000).squareRoot())
    }

    /// Blocks of up to 8 patients are written 8 bytes at a time: the same arms, from the same
    /// draws, as one tabulated order per block written patient by patient (the reference below),
    /// and nothing written past the last patient.
    @Test func wholeBlockStoresEqualPatientByPatientWrites() throws {
        let plans: [(String, Int?)] = [("1:1", nil), ("1:1", 2), ("1:1", 8), ("2:1", nil), ("1:3", 4), ("1:1", 10), ("2:1", 12)]
        for (ratio, size) in plans {
            let r = try Randomisation(scheme: .permutedBlocks, allocation: Allocation(parsing: ratio), blockSize: size)
            #expect(r.arrangementBytes.isEmpty == (r.blockSize > 8))
            for patients in 1...41 {
                for seed in 1...3 as ClosedRange<UInt64> {
                    var stream = RandomStream(seed: seed, stream: UInt64(patients)).taus2
                    var reference = RandomStream(seed: seed, stream: UInt64(patients)).taus2
                    // Sentinels past the last patient must survive.
                    var arms = [UInt8](repeating: 9, count: patients + 8)
                    arms.withUnsafeMutableBufferPointer {
                        r.assign(UnsafeMutableBufferPointer(rebasing: $0[0..<patients]), stream: &stream)
                    }
                    var expected = [UInt8](repeating: 9, count: patients + 8)
                    var start = 0
                    while start < patients {
                        let pattern = r.arrangements[Int(reference.uniform() * Double(r.arrangements.count))]
                        for j in 0..<min(r.blockSize, patients - start) {
                            expected[start + j] = UInt8(truncatingIfNeeded: pattern >> j) & 1
                        }
                        start += r.blockSize
                    }
                    #expect(arms == expected, "\(ratio), block \(r.blockSize), \(patients) patients, seed \(seed)")
                    // Both consumed the same draws.
                    #expect(stream.next() == reference.next())
                }
            }
        }
    }

    @Test func arrangementBytesHoldOnePatientPerByte() {
        #expect(Randomisation.bytes(0b0101) == 0x0000_0000_0001_0001)
        #expect(Randomisation.bytes(0b1000_0001) == 0x0100_0000_0000_0001)
        #expect(Randomisation.bytes(0) == 0)
    }

    @Test func refusesBlocksThatDoNotFit() throws {
        #expect(throws: DesignError.self) { try Randomisation(scheme: .permutedBlocks, allocation: .equal, blockSize: 5) }
        #expect(throws: DesignError.self) { try Randomisation(scheme: .simple, allocation: .equal, blockSize: 4) }
        #expect(throws: DesignError.self) {
            try Randomisation(scheme: .permutedBlocks, allocation: Allocation(treatment: 2.0.squareRoot(), control: 1))
        }
        #expect(try Randomisation(scheme: .permutedBlocks, allocation: .equal, blockSize: 8).blockSize == 8)
    }
}
