import GSLSupport

/// How simulated patients are assigned to the arms by the allocation ratio T:C.
public enum RandomisationScheme: String, CaseIterable, Sendable {
    /// Permuted blocks: each block holds the arms in the exact ratio, in random order.
    case permutedBlocks = "permuted-blocks"
    /// Simple randomisation: each patient independently, treatment with probability T/(T+C).
    case simple
    /// No randomness: T treatment patients, then C control, repeated — rpact's
    /// `getSimulationSurvival` (`allocation1`, `allocation2`), for exact comparisons with it.
    case alternating
}

/// A validated randomisation: the scheme and, for blocks, the whole-number ratio a:b and the
/// block length (a multiple of a + b).
public struct Randomisation: Sendable, Equatable {
    /// How patients are assigned to arms.
    public let scheme: RandomisationScheme
    /// Treatment patients per a + b (the ratio in lowest whole numbers).
    public let treatmentShare: Int
    /// Control patients per a + b.
    public let controlShare: Int
    /// Patients per permuted block (0 unless permuted blocks).
    public let blockSize: Int
    /// P(treatment) for simple randomisation.
    public let probabilityTreatment: Double
    /// Every order of a permuted block of at most ``tabulatedBlockSize`` patients, as bits
    /// (bit k set: patient k of the block is control), so a block takes one draw; empty for
    /// longer blocks, which are ordered by sequential sampling.
    let arrangements: [UInt16]
    /// For blocks of at most 8 patients, each of ``arrangements`` as the block's arm codes, one
    /// byte per patient (little-endian: patient k in byte k), so a block is one 8-byte store;
    /// empty for longer blocks.
    let arrangementBytes: [UInt64]

    /// Longest block whose orders are tabulated (at most C(16, 8) = 12,870 of them).
    static let tabulatedBlockSize = 16

    /// Largest a + b accepted for a whole-number ratio.
    public static let largestRatioSum = 1000

    /// Validates `scheme` for `allocation`.
    /// - Parameters:
    ///   - scheme: permuted blocks, simple, or rpact's alternating order.
    ///   - allocation: the treatment:control ratio T:C; blocks need it as a whole-number ratio a:b
    ///     with a + b ≤ ``largestRatioSum``.
    ///   - blockSize: patients per block, a multiple of a + b; nil gives 2(a + b).
    /// - Complexity: O(largestRatioSum) to find the whole-number ratio.
    public init(scheme: RandomisationScheme, allocation: Allocation, blockSize: Int? = nil) throws(DesignError) {
        self.scheme = scheme
        probabilityTreatment = allocation.fraction(.treatment)
        guard scheme != .simple else {
            guard blockSize == nil else { throw .invalid("\(SettingName.blockSize) applies to permuted blocks, not simple randomisation") }
            treatmentShare = 0
            controlShare = 0
            self.blockSize = 0
            arrangements = []
            arrangementBytes = []
            return
        }
        guard let (a, b) = Randomisation.wholeRatio(allocation) else {
            throw .invalid("allocation \(allocation) is not a ratio of whole numbers with a sum up to "
                + "\(Randomisation.largestRatioSum); use \(SettingName.randomisation) simple")
        }
        treatmentShare = a
        controlShare = b
        if scheme == .permutedBlocks {
            let size = blockSize ?? 2 * (a + b)
            guard size > 0, size % (a + b) == 0 else {
                throw .invalid("block size \(size) must be a positive multiple of \(a + b) (allocation \(a):\(b))")
            }
            self.blockSize = size
            arrangements = Randomisation.arrangements(size: size, controls: size / (a + b) * b)
            arrangementBytes = size <= 8 ? arrangements.map(Randomisation.bytes) : []
        } else {
            guard blockSize == nil else { throw .invalid("\(SettingName.blockSize) applies to permuted blocks only") }
            self.blockSize = 0
            arrangements = []
            arrangementBytes = []
        }
    }

    /// The orders of a block of `size` with `controls` control patients, in increasing bit
    /// pattern; none when the block is longer than ``tabulatedBlockSize``.
    /// - Complexity: O(2^size).
    static func arrangements(size: Int, controls: Int) -> [UInt16] {
        guard size <= tabulatedBlockSize else { return [] }
        return (0..<(1 << size)).filter { $0.nonzeroBitCount == controls }.map { UInt16($0) }
    }

    /// The arm codes of a block order `pattern` (bit k: patient k), one byte per patient, patient k
    /// in byte k (the order of the bytes in memory on a little-endian processor).
    static func bytes(_ pattern: UInt16) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64((pattern >> $1) & 1) << (8 * $1) }
    }

    /// The ratio T:C in lowest whole numbers a:b with a + b ≤ ``largestRatioSum``, if there is one.
    /// - Complexity: O(largestRatioSum).
    static func wholeRatio(_ allocation: Allocation) -> (Int, Int)? {
        let ratio = allocation.ratio
        for b in 1..<largestRatioSum {
            let a = (ratio * Double(b)).rounded()
            guard a >= 1, a + Double(b) <= Double(largestRatioSum) else { continue }
            if abs(a / Double(b) - ratio) <= 1e-12 * ratio { return (Int(a), b) }
        }
        return nil
    }

    /// Writes arms for `arms.count` patients in entry order: 0 = treatment, 1 = control.
    /// Permuted blocks draw one uniform per block (per patient for blocks longer than
    /// ``tabulatedBlockSize``), simple randomisation one per patient; alternating draws nothing.
    /// - Complexity: O(patients).
    @inline(__always)
    func assign(_ arms: UnsafeMutableBufferPointer<UInt8>, stream: inout Taus2) {
        let n = arms.count
        switch scheme {
        case .simple:
            for i in 0..<n { arms[i] = stream.uniform() < probabilityTreatment ? 0 : 1 }
        case .alternating:
            let period = treatmentShare + controlShare
            for i in 0..<n { arms[i] = i % period < treatmentShare ? 0 : 1 }
        case .permutedBlocks where !arrangements.isEmpty:
            // One draw per block picks one of its equally likely orders; the last block may be
            // cut short.
            let count = Double(arrangements.count)
            var start = 0
            if !arrangementBytes.isEmpty, let base = UnsafeMutableRawPointer(arms.baseAddress) {
                // A block of at most 8 patients with 8 bytes of room from its start is whole: its
                // arms in one store (the bytes past the block are rewritten by the next blocks).
                while start &+ 8 <= n {
                    let bytes = arrangementBytes[Int(stream.uniform() * count)]
                    base.storeBytes(of: bytes.littleEndian, toByteOffset: start, as: UInt64.self)
                    start &+= blockSize
                }
            }
            while start < n {
                let length = min(blockSize, n - start)
                let pattern = arrangements[Int(stream.uniform() * count)]
                for j in 0..<length { arms[start + j] = UInt8(truncatingIfNeeded: pattern >> j) & 1 }
                start += length
            }
        case .permutedBlocks:
            // Each block's order by sequential sampling: a slot is treatment with probability
            // (treatment slots left)/(slots left), which makes every order of the block
            // equally likely. The last block may be cut short.
            let perBlockTreatment = blockSize / (treatmentShare + controlShare) * treatmentShare
            var start = 0
            while start < n {
                let length = min(blockSize, n - start)
                var slotsLeft = blockSize, treatmentLeft = perBlockTreatment
                for j in start..<start + length {
                    // Once one arm's slots are used up the rest of the block needs no draw.
                    let treated = treatmentLeft == slotsLeft
                        || (treatmentLeft > 0 && stream.uniform() * Double(slotsLeft) < Double(treatmentLeft))
                    arms[j] = treated ? 0 : 1
                    treatmentLeft -= treated ? 1 : 0
                    slotsLeft -= 1
                }
                start += length
            }
        }
    }
}
