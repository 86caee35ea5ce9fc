import Testing
import TestSupport
@testable import SurvivalAnalysis

/// The array kernel, checked without R: closed forms, a brute-force recomputation, and
/// invariances.
@Suite struct LogRankTests {
    static let exact = Tolerance(relative: 1e-12)

    /// A small deterministic generator (xorshift) so tests need no seeds from elsewhere.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Rows with distinct continuous times (no ties) in two groups.
    static func untied(_ n: Int, seed: UInt64) -> (time: [Double], event: [Bool], group: [Int32]) {
        var g = Generator(state: seed)
        var time: [Double] = [], event: [Bool] = [], group: [Int32] = []
        for _ in 0..<n {
            time.append(g.uniform() * 100)
            event.append(g.uniform() < 0.7)
            group.append(Int32(g.below(2)))
        }
        return (time, event, group)
    }

    /// Rows with heavy ties, k groups, s strata.
    static func tied(_ n: Int, groups k: Int, strata s: Int, seed: UInt64)
        -> (time: [Double], event: [Bool], group: [Int32], strata: [Int32]) {
        var g = Generator(state: seed)
        var time: [Double] = [], event: [Bool] = [], group: [Int32] = [], strata: [Int32] = []
        for _ in 0..<n {
            time.append(Double(g.below(40)))
            event.append(g.uniform() < 0.6)
            group.append(Int32(g.below(k)))
            strata.append(Int32(g.below(s)))
        }
        return (time, event, group, strata)
    }

    /// O, E and V recomputed by brute force: for each distinct event time, count the risk set
    /// from scratch (O(n) per time), with the pooled Kaplan–Meier before t for the weights.
    static func bruteForce(time: [Double], event: [Bool], group: [Int32], k: Int, weights: FlemingHarrington)
        -> (o: [Double], e: [Double], v: [[Double]]) {
        var o = [Double](repeating: 0, count: k), e = o
        var v = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var s = 1.0
        for t in Set(zip(time, event).filter(\.1).map(\.0)).sorted() {
            var r = [Double](repeating: 0, count: k), dg = r
            for i in time.indices where time[i] >= t { r[Int(group[i])] += 1 }
            for i in time.indices where time[i] == t && event[i] { dg[Int(group[i])] += 1 }
            let n = r.reduce(0, +), d = dg.reduce(0, +)
            let w = weights.weight(survivalBefore: s)
            for a in 0..<k {
                o[a] += w * dg[a]
                e[a] += w * d * r[a] / n
                if n > 1 {
                    for b in 0..<k {
                        v[a][b] += w * w * d * (n - d) / (n - 1) * ((a == b ? r[a] / n : 0) - r[a] * r[b] / (n * n))
                    }
                }
            }
            s *= (n - d) / n
        }
        return (o, e, v)
    }

    @Test func untiedTwoGroupVarianceIsTheHypergeometricSum() {
        let (time, event, group) = Self.untied(400, seed: 7)
        let s = LogRank.statistics(time: time, event: event, group: group, groupCount: 2)
        // Σ over event times of n1 n2 d (n − d) / (n² (n − 1)), counted directly.
        var sum = 0.0, expected = 0.0
        for (t, died) in zip(time, event) where died {
            let n1 = Double(zip(time, group).filter { $0.0 >= t && $0.1 == 0 }.count)
            let n = Double(time.filter { $0 >= t }.count)
            let n2 = n - n1, d = 1.0
            if n > 1 { sum += n1 * n2 * d * (n - d) / (n * n * (n - 1)) }
            expected += d * n1 / n
        }
        #expect(Self.exact.accepts(s.variance(0, 0), sum))
        #expect(Self.exact.accepts(s.variance(1, 1), sum))
        #expect(Self.exact.accepts(s.variance(0, 1), -sum))
        #expect(Self.exact.accepts(s.expected[0], expected))
        #expect(s.observed[0] == Double(zip(event, group).filter { $0.0 && $0.1 == 0 }.count))
    }

    @Test(arguments: [(0.0, 0.0), (1.0, 0.0), (0.5, 0.5), (0.0, 2.0)])
    func agreesWithBruteForceOnTiedData(rho: Double, gamma: Double) throws {
        let weights = try #require(FlemingHarrington(rho: rho, gamma: gamma))
        // 3000 rows takes the radix-sort path; 300 the comparison sort.
        for n in [300, 3000] {
            let d = Self.tied(n, groups: 3, strata: 1, seed: UInt64(n))
            let s = LogRank.statistics(time: d.time, event: d.event, group: d.group, groupCount: 3, weights: weights)
            let b = Self.bruteForce(time: d.time, event: d.event, group: d.group, k: 3, weights: weights)
            for g in 0..<3 {
                #expect(Self.exact.accepts(s.observed[g], b.o[g]))
                #expect(Self.exact.accepts(s.expected[g], b.e[g]))
                for h in 0..<3 { #expect(Tolerance(relative: 1e-12, absolute: 1e-12).accepts(s.variance(g, h), b.v[g][h])) }
            }
            #expect(s.size == (0..<3).map { g in d.group.filter { $0 == g }.count })
            #expect(s.totalEvents == d.event.filter { $0 }.count)
        }
    }

    @Test func strataSumSeparateTests() throws {
        let d = Self.tied(2500, groups: 2, strata: 3, seed: 11)
        let weights = try #require(FlemingHarrington(rho: 1))
        let all = LogRank.statistics(time: d.time, event: d.event, group: d.group, groupCount: 2,
                                     strata: d.strata, stratumCount: 3, weights: weights)
        var o = [0.0, 0.0], e = [0.0, 0.0], v = [0.0, 0.0, 0.0, 0.0]
        for s in Int32(0)..<3 {
            let rows = d.strata.indices.filter { d.strata[$0] == s }
            let part = LogRank.statistics(time: rows.map { d.time[$0] }, event: rows.map { d.event[$0] },
                                          group: rows.map { d.group[$0] }, groupCount: 2, weights: weights)
            for g in 0..<2 {
                o[g] += part.observed[g]; e[g] += part.expected[g]
                #expect(all.observedByStratum[Int(s) * 2 + g] == part.observed[g])
                #expect(all.sizeByStratum[Int(s) * 2 + g] == part.size[g])
            }
            for i in 0..<4 { v[i] += part.variance[i] }
        }
        for g in 0..<2 {
            #expect(Self.exact.accepts(all.observed[g], o[g]))
            #expect(Self.exact.accepts(all.expected[g], e[g]))
        }
        for i in 0..<4 { #expect(Self.exact.accepts(all.variance[i], v[i])) }
        #expect(all.stratumSize == (Int32(0)..<3).map { s in d.strata.filter { $0 == s }.count })
    }

    @Test func rowOrderDoesNotMatter() {
        let d = Self.tied(3000, groups: 4, strata: 2, seed: 5)
        var g = Generator(state: 99)
        var perm = Array(d.time.indices)
        for i in stride(from: perm.count - 1, to: 0, by: -1) { perm.swapAt(i, g.below(i + 1)) }
        let a = LogRank.statistics(time: d.time, event: d.event, group: d.group, groupCount: 4,
                                   strata: d.strata, stratumCount: 2)
        let b = LogRank.statistics(time: perm.map { d.time[$0] }, event: perm.map { d.event[$0] },
                                   group: perm.map { d.group[$0] }, groupCount: 4,
                                   strata: perm.map { d.strata[$0] }, stratumCount: 2)
        #expect(a == b)
    }

    @Test func byteCodesGiveTheSameAnswer() {
        let d = Self.tied(500, groups: 3, strata: 2, seed: 3)
        let a = LogRank.statistics(time: d.time, event: d.event, group: d.group, groupCount: 3,
                                   strata: d.strata, stratumCount: 2)
        let b = LogRank.statistics(time: d.time, event: d.event, group: d.group.map { UInt8($0) }, groupCount: 3,
                                   strata: d.strata, stratumCount: 2)
        #expect(a == b)
    }

    @Test func shiftedTimesIncludingNegativeOnesGiveTheSameAnswer() {
        let d = Self.tied(3000, groups: 2, strata: 1, seed: 8)
        let a = LogRank.statistics(time: d.time, event: d.event, group: d.group, groupCount: 2)
        let b = LogRank.statistics(time: d.time.map { $0 - 20 }, event: d.event, group: d.group, groupCount: 2)
        #expect(a == b)
    }

    @Test func groupWithNoRowsHasZeroExpectedAndIsLeftOutOfTheDegreesOfFreedom() {
        let s = LogRank.statistics(time: [1, 2, 3, 4, 5, 6], event: [true, true, false, true, true, false],
                                   group: [0, 1, 0, 1, 0, 1] as [Int32], groupCount: 3)
        #expect(s.size == [3, 3, 0])
        #expect(s.expected[2] == 0)
        #expect(s.chiSquare().degreesOfFreedom == 1)
    }
}
