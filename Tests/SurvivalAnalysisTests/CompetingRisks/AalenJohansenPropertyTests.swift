import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Checks that need no reference: the Aalen–Johansen incidences of all causes and the
/// Kaplan–Meier of any event add up to one; one cause reduces to 1 − KM.
@Suite struct AalenJohansenPropertyTests {
    static let rounding = Tolerance(relative: 0, absolute: 1e-13)

    /// Deterministic competing-risks data with ties, censoring and three causes.
    static func data(n: Int, seed: UInt64, causes: Int32 = 3) throws -> CompetingRisksData {
        var rng = SplitMix64(seed: seed)
        var time: [Double] = [], cause: [Int32] = [], group: [Int32] = []
        for _ in 0..<n {
            time.append(Double(rng.next() % 60) + 1)       // many ties
            cause.append(Int32(rng.next() % UInt64(causes + 1)))
            group.append(Int32(rng.next() % 2))
        }
        let survival = try SurvivalData(time: time, event: cause.map { $0 > 0 },
                                        group: Factor(codes: group, levels: ["a", "b"]))
        return CompetingRisksData(data: survival, cause: cause, labels: (1...causes).map(String.init))
    }

    @Test(arguments: [1, 2, 3] as [UInt64]) func incidencesAndSurvivalSumToOne(_ seed: UInt64) throws {
        let data = try Self.data(n: 500, seed: seed)
        let curves = AalenJohansen.curves(data)
        let km = KaplanMeier.curves(data.data)
        for g in 0..<2 {
            #expect(km[g].time == curves[0][g].rows.map(\.time))
            for (r, s) in km[g].survival.enumerated() {
                let total = curves.reduce(s) { $0 + $1[g].rows[r].incidence }
                #expect(Self.rounding.accepts(total, 1), "group \(g) at \(km[g].time[r]): \(total)")
            }
        }
    }

    @Test func oneCauseIsOneMinusKaplanMeierWithItsStandardError() throws {
        let data = try Self.data(n: 300, seed: 9, causes: 1)
        let curve = AalenJohansen.curves(data)[0][0]
        let km = KaplanMeier.curves(data.data)[0]
        for (r, row) in curve.rows.enumerated() {
            #expect(Self.rounding.accepts(row.incidence, 1 - km.survival[r]))
        }
        // Gray's test of one cause and two groups is a valid χ²(1).
        let test = try #require(GrayTest.tests(data)?.first)
        #expect(test.degreesOfFreedom == 1 && test.statistic >= 0 && test.pValue <= 1)
    }
}
