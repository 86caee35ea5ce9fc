import Dispatch

/// Runs replicates of a plan in parallel and gathers their outcomes in replicate order.
///
/// The replicates are cut into fixed blocks of ``blockSize``; worker w of `threads` simulates
/// blocks w, w + threads, ... with its own ``TrialSimulator`` (its own buffers and generator),
/// writing each outcome to the slot of its replicate. Since replicate i always draws from
/// stream (seed, i), the outcomes — and everything computed from them — are the same for any
/// number of threads, and for any split of the replicates into shards.
public enum MonteCarlo {
    /// Replicates per unit of work (and per progress report).
    public static let blockSize = 2048

    /// Outcomes of replicates `range` (0-based replicate numbers), in order.
    /// - Parameters:
    ///   - plan: the trial to simulate (design, assumptions, analysis).
    ///   - seed: the run's seed; replicate i draws from stream (seed, i).
    ///   - range: the replicate numbers to simulate (0-based; a shard's part of the run).
    ///   - threads: workers (≥ 1); the result does not depend on it.
    ///   - progress: called after each finished block with the number of replicates it held,
    ///     from the worker threads.
    /// - Complexity: O(|range| · N log N) work for N patients, spread over `threads`.
    public static func run(plan: SimulationPlan, seed: UInt64, range: Range<Int>, threads: Int,
                           progress: (@Sendable (Int) -> Void)? = nil) -> [ReplicateOutcome] {
        let count = range.count
        guard count > 0 else { return [] }
        let blocks = (count + blockSize - 1) / blockSize
        let workers = max(1, min(threads, blocks))
        let placeholder = ReplicateOutcome(reachedCut: false, analysisTime: .nan, patients: 0, events: 0,
                                           eventsTreatment: 0, dropouts: 0, z: .nan, coxLogHazardRatio: .nan)
        var outcomes = [ReplicateOutcome](repeating: placeholder, count: count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var simulator = TrialSimulator(plan: plan, seed: seed)
                var block = worker
                while block < blocks {
                    let start = block * blockSize
                    let end = min(count, start + blockSize)
                    for k in start..<end {
                        slots.buffer[k] = simulator.simulate(replicate: range.lowerBound + k)
                    }
                    progress?(end - start)
                    block += workers
                }
            }
        }
        return outcomes
    }
}

/// The outcome slots, written by several workers at disjoint indices.
private struct Slots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<ReplicateOutcome>
    init(_ buffer: UnsafeMutableBufferPointer<ReplicateOutcome>) { self.buffer = buffer }
}
