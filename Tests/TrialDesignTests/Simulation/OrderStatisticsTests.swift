import GSLSupport
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct OrderStatisticsTests {
    func randomValues(_ n: Int, seed: UInt64) -> [Double] {
        let stream = RandomStream(seed: seed, stream: 0)
        return (0..<n).map { _ in stream.uniform() }
    }

    @Test(arguments: [1, 2, 3, 17, 40, 1000])
    func selectFindsTheOrderStatistic(n: Int) {
        let values = randomValues(n, seed: UInt64(n))
        let sorted = values.sorted()
        for k in Set([0, n / 3, n / 2, n - 1]) {
            var a = values, b = values
            #expect(a.withUnsafeMutableBufferPointer { OrderStatistics.select($0, k) } == sorted[k])
            #expect(b.withUnsafeMutableBufferPointer { OrderStatistics.selectDistinct($0, k) } == sorted[k])
        }
    }

    /// Every order statistic of 1–80 values, distinct and tied (a grid of 5 values), with the
    /// values partitioned around it afterwards (the event-driven looks select again from them).
    @Test func selectDistinctFindsEveryOrderStatistic() {
        let stream = RandomStream(seed: 77, stream: 0)
        for n in 1...80 {
            for tied in [false, true] {
                let values = (0..<n).map { _ in tied ? (stream.uniform() * 5).rounded(.down) : stream.uniform() * 60 }
                let sorted = values.sorted()
                for k in 0..<n {
                    var a = values
                    let x = a.withUnsafeMutableBufferPointer { OrderStatistics.selectDistinct($0, k) }
                    #expect(x == sorted[k], "n \(n), k \(k), tied \(tied)")
                    #expect(a[k] == x && a[..<k].allSatisfy { $0 <= x } && a[(k + 1)...].allSatisfy { $0 >= x })
                    #expect(a.sorted() == sorted)
                }
            }
        }
    }

    /// R: quantile(c(3, 1, 4, 1, 5, 9, 2, 6), c(0.025, 0.25, 0.5, 0.75, 0.975)) =
    /// 1.000, 1.750, 3.500, 5.250, 8.475.
    @Test func quantilesAsR() {
        var x: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        let q = x.withUnsafeMutableBufferPointer {
            OrderStatistics.quantiles($0, probabilities: [0, 0.025, 0.25, 0.5, 0.75, 0.975, 1])
        }
        let expected = [1, 1, 1.75, 3.5, 5.25, 8.475, 9]
        for (a, b) in zip(q, expected) { #expect(Tolerance(relative: 1e-14).accepts(a, b)) }
    }

    /// A million equal values (the events of an event-driven design) stay linear.
    @Test func manyTiesStayFast() {
        var x = [Double](repeating: 27, count: 1_000_000)
        let q = x.withUnsafeMutableBufferPointer { OrderStatistics.quantiles($0, probabilities: [0.025, 0.5, 0.975]) }
        #expect(q == [27, 27, 27])
    }
}
