import Dispatch
internal import Foundation

/// A loop whose iterations are independent, run on all cores when there is enough work to
/// pay for waking the workers, and on the calling thread otherwise.
///
/// Waking GCD's workers costs tens of microseconds (more under a sanitizer): a 56-patient
/// data set would spend longer dispatching than computing. The iterations write disjoint
/// results, so either way gives the same bits.
enum ParallelLoop {
    /// Below this many values (rows × columns touched) the loop stays on the calling thread.
    static let minimumValues = 1 << 16

    /// Runs `body(i)` for `i` in `0..<iterations`; `values` is the work's size in values.
    static func run(_ iterations: Int, values: Int, _ body: @Sendable (Int) -> Void) {
        if iterations <= 1 || values < minimumValues {
            for i in 0..<iterations { body(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
        }
    }

    /// Runs `body(item)` for `item` in `0..<items`, the items dealt to the workers in turn
    /// (min(items, cores) of them), under the same size rule as ``run(_:values:_:)``.
    static func dealt(_ items: Int, values: Int, _ body: @Sendable (Int) -> Void) {
        let workers = max(1, min(items, ProcessInfo.processInfo.activeProcessorCount))
        run(workers, values: values) { worker in
            var item = worker
            while item < items {
                body(item)
                item += workers
            }
        }
    }
}
