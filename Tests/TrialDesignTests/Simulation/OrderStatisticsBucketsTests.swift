import Foundation
import GSLSupport
import Testing
@testable import TrialDesign

/// The bucketed quantiles are the selection's, bit for bit: on spread values, on heavy ties,
/// on values crowded into one bucket by an outlier, on equal values, and on one value.
@Suite struct OrderStatisticsBucketsTests {
    func expectSame(_ values: [Double], _ what: String) {
        let probabilities = (SimulationSummary.probabilities + [0, 0.001, 0.999, 1]).sorted()
        var copy = values
        let expected = copy.withUnsafeMutableBufferPointer { OrderStatistics.quantiles($0, probabilities: probabilities) }
        let bucketed = values.withUnsafeBufferPointer {
            OrderStatistics.bucketedQuantiles($0, low: values.min()!, high: values.max()!, probabilities: probabilities)
        }
        #expect(bucketed.map(\.bitPattern) == expected.map(\.bitPattern), "\(what): \(bucketed) vs \(expected)")
    }

    @Test func equalTheSelection() {
        let stream = RandomStream(seed: 41, stream: 0)
        let n = 50_000
        expectSame((0..<n).map { _ in stream.uniform() * 40 }, "uniform")
        expectSame((0..<n).map { _ in (stream.uniform() * 20).rounded() / 4 }, "81 tied values")
        expectSame((0..<n).map { i in i == 0 ? 1e9 : stream.uniform() }, "one outlier")
        expectSame((0..<n).map { _ in -log(stream.uniform()) * 30 }, "exponential")
        expectSame([Double](repeating: 2.5, count: n), "all equal")
        expectSame([7], "one value")
        expectSame([3, 1], "two values")
    }
}
