import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Checks that need no reference values.
@Suite struct KaplanMeierPropertyTests {
    static func randomData(seed: UInt64, n: Int, censoring: Bool) throws -> SurvivalData {
        var stream = SplitMix(seed: seed)
        let time = (0..<n).map { _ in Double(stream.next() % 200) / 4 }
        let event = (0..<n).map { _ in censoring ? stream.next() % 3 != 0 : true }
        return try SurvivalData(time: time, event: event)
    }

    /// Without censoring the Kaplan–Meier estimate is the empirical survival function
    /// #{Tᵢ > t}/n, and Greenwood's variance of Ŝ is the binomial Ŝ(1 − Ŝ)/n.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func withoutCensoringKaplanMeierIsTheEmpiricalSurvivalFunction(seed: UInt64) throws {
        let data = try Self.randomData(seed: seed, n: 500, censoring: false)
        let curve = KaplanMeier.curves(data)[0]
        let n = Double(data.count)
        for (i, t) in curve.time.enumerated() {
            let empirical = Double(data.time.filter { $0 > t }.count) / n
            #expect(Tolerance(relative: 1e-12, absolute: 1e-15).accepts(curve.survival[i], empirical))
            if empirical > 0 {
                let binomial = (empirical * (1 - empirical) / n).squareRoot()
                #expect(Tolerance(relative: 1e-9, absolute: 1e-15).accepts(curve.standardError(at: i), binomial))
            }
        }
    }

    /// exp(−Ĥ) ≥ Ŝ_KM at every time, since exp(−d/n) ≥ 1 − d/n.
    @Test(arguments: [4, 5, 6] as [UInt64])
    func exponentiatedNelsonAalenIsAtLeastKaplanMeier(seed: UInt64) throws {
        let data = try Self.randomData(seed: seed, n: 400, censoring: true)
        let km = KaplanMeier.curves(data, estimator: .kaplanMeier)[0]
        let na = KaplanMeier.curves(data, estimator: .nelsonAalen)[0]
        #expect(km.time == na.time)
        for i in 0..<km.count {
            #expect(na.survival[i] >= km.survival[i])
            #expect(na.survival[i] == exp(-na.cumulativeHazard![i]))
        }
    }

    @Test func theKaplanMeierCurveIsNonIncreasingAndStepsOnlyAtEvents() throws {
        let curve = try KaplanMeier.curves(Self.randomData(seed: 9, n: 300, censoring: true))[0]
        for i in 1..<curve.count {
            #expect(curve.survival[i] <= curve.survival[i - 1])
            #expect((curve.survival[i] < curve.survival[i - 1]) == (curve.nEvent[i] > 0))
            #expect(curve.nRisk[i] == curve.nRisk[i - 1] - curve.nEvent[i - 1] - curve.nCensor[i - 1])
        }
    }

    @Test func groupsAreEstimatedIndependently() throws {
        let data = try Self.randomData(seed: 11, n: 600, censoring: true)
        let codes = (0..<600).map { Int32($0 % 3) }
        var grouped = data
        grouped.group = Factor(codes: codes, levels: ["a", "b", "c"])
        let curves = KaplanMeier.curves(grouped)
        for g in 0..<3 {
            let rows = (0..<600).filter { codes[$0] == Int32(g) }
            let alone = try KaplanMeier.curves(SurvivalData(time: rows.map { data.time[$0] }, event: rows.map { data.event[$0] }))[0]
            #expect(curves[g].survival == alone.survival)
            #expect(curves[g].label == ["a", "b", "c"][g])
        }
    }
}
