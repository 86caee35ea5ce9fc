import Dispatch
internal import Foundation

/// Runs replicates of a plan in parallel and gathers their outcomes in replicate order.
///
/// The replicates are cut into fixed blocks of ``blockSize``; each of `threads` workers takes
/// the next block not yet taken, as long as there is one, and simulates it with its own
/// ``TrialSimulator`` (its own buffers and generator), writing each outcome to the slot of its
/// replicate. Since replicate i always draws from
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
        runWithTests(plan: plan, seed: seed, range: range, threads: threads, progress: progress).outcomes
    }

    /// As ``run(plan:seed:range:threads:progress:)``, with the p-values of the plan's
    /// ``SimulationPlan/tests`` under the scenario and under the null, replicate by replicate.
    /// - Parameters:
    ///   - plan: the trial to simulate.
    ///   - seed: the run's seed.
    ///   - range: the replicate numbers to simulate.
    ///   - threads: workers (≥ 1); the result does not depend on it.
    ///   - progress: called after each finished block with its number of replicates.
    /// - Complexity: as `run`, twice over (and the tests) when the plan has tests.
    public static func runWithTests(plan: SimulationPlan, seed: UInt64, range: Range<Int>, threads: Int,
                                    progress: (@Sendable (Int) -> Void)? = nil) -> TestedReplicates {
        let count = range.count
        let tests = plan.tests.count
        guard count > 0 else { return TestedReplicates(outcomes: [], tests: plan.tests, scenario: [], null: []) }
        let blocks = (count + blockSize - 1) / blockSize
        let workers = max(1, min(threads, blocks))
        // The outcomes are allocated uninitialised and each worker writes the slots of its own
        // blocks, so their pages are first touched (faulted in) by the workers side by side
        // rather than by one thread filling placeholders before they start: 10⁶ outcomes are
        // 48 MB, ≈ 12,000 page faults of ≈ 4 µs on the benchmark VM, all serial before.
        // The tests' p-values (NaN where a test does not run) are filled before: a plan with
        // tests spends far more per replicate on them than on the fill. Without tests they are
        // empty, and `Array(unsafeUninitializedCapacity: 0)` would write the count into the
        // shared empty-array singleton — a race ThreadSanitizer reports when runs overlap.
        var scenario = [Double](repeating: .nan, count: count * tests)
        var null = [Double](repeating: .nan, count: count * tests)
        let outcomes = [ReplicateOutcome](unsafeUninitializedCapacity: count) { buffer, outcomesWritten in
          if let start = buffer.baseAddress {
              HugePages.advise(UnsafeMutableRawPointer(start), bytes: count * MemoryLayout<ReplicateOutcome>.stride)
          }
          scenario.withUnsafeMutableBufferPointer { scenarioBuffer in
            null.withUnsafeMutableBufferPointer { nullBuffer in
            let slots = Slots(buffer)
            let scenarioSlots = Slots(scenarioBuffer), nullSlots = Slots(nullBuffer)
            // Blocks are handed out as workers come for them, not dealt out beforehand: on a busy
            // machine a worker that is descheduled for a while would otherwise leave the others
            // idle at the end while it finishes its share. Which worker simulates a block never
            // changes its outcomes (replicate i's depend on (plan, seed, i) only).
            let queue = WorkQueue(items: blocks)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var simulator = TrialSimulator(plan: plan, seed: seed)
                while let block = queue.next() {
                    let start = block * blockSize
                    let end = min(count, start + blockSize)
                    // Four replicates at a time where the plan allows (the same outcomes).
                    var first = start
                    if tests == 0 && simulator.drawsInLanes {
                        while first + TrialSimulator.lanes <= end {
                            simulator.simulate(lanesFrom: range.lowerBound + first, into: slots.buffer.baseAddress! + first)
                            first += TrialSimulator.lanes
                        }
                    }
                    for k in first..<end {
                        if tests == 0 {
                            slots.buffer[k] = simulator.simulate(replicate: range.lowerBound + k)
                        } else {
                            let window = k * tests..<(k + 1) * tests
                            slots.buffer[k] = simulator.simulate(
                                replicate: range.lowerBound + k,
                                scenario: UnsafeMutableBufferPointer(rebasing: scenarioSlots.buffer[window]),
                                null: UnsafeMutableBufferPointer(rebasing: nullSlots.buffer[window]))
                        }
                    }
                    progress?(end - start)
                }
            }
            }
          }
          outcomesWritten = count
        }
        return TestedReplicates(outcomes: outcomes, tests: plan.tests, scenario: scenario, null: null)
    }
}

/// Slots written by several workers at disjoint indices.
private struct Slots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}

/// Replicates' outcomes with the p-values of further tests (``SimulationPlan/tests``), under the
/// scenario and under the null, row-major: replicate r's p-value of test k at `r · tests + k`.
public struct TestedReplicates: Sendable {
    /// The replicates' outcomes, in order.
    public let outcomes: [ReplicateOutcome]
    /// The tests applied.
    public let tests: [SimulationTest]
    /// p-values under the plan's scenario.
    public let scenario: [Double]
    /// p-values under the null (both arms with the control's law).
    public let null: [Double]
}
