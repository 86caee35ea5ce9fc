import Testing
import TestSupport
@testable import SurvivalAnalysis

/// The curve tables against R's `summary(survfit(...), censored = TRUE)` (fixtures from
/// `scripts/fixtures/km.R`): lung (overall, by sex), ovarian by rx, aml by x, and synthetic sets
/// (heavy ties, continuous times, an all-censored group and a single-observation group, a single
/// observation, events at time zero, flat stretches at 0.5, three event codings).
@Suite struct KaplanMeierTests {
    @Test func everyFixtureCaseIsPresent() {
        #expect(KaplanMeierCase.all.map(\.name) == [
            "lung", "lung_sex", "ovarian_rx", "aml_x", "ties", "continuous", "allcensored",
            "single", "zero", "halves", "coding01", "coding12", "codingTF", "near_ties"])
    }

    @Test(arguments: KaplanMeierCase.all, SurvivalEstimator.allCases)
    func tableMatchesSummarySurvfit(_ c: KaplanMeierCase, _ estimator: SurvivalEstimator) throws {
        let curves = KaplanMeier.curves(try c.data(), estimator: estimator)
        let expected = try c.expected("table.csv", estimator, .log, 0.95)
        #expect(curves.map { $0.label ?? "NA" } == expected.map { $0.string("group") }.uniqued())
        for curve in curves {
            let rows = KaplanMeierCase.rows(expected, of: curve.label)
            try #require(rows.count == curve.count, "\(c.name) \(curve.label ?? "-"): row count")
            for (i, row) in rows.enumerated() {
                let place = "\(c.name) \(estimator) \(curve.label ?? "-") row \(i + 1)"
                #expect(curve.time[i] == row.double("time"), "\(place): time")
                #expect(Int(curve.nRisk[i]) == row.int("n_risk"), "\(place): n_risk")
                #expect(Int(curve.nEvent[i]) == row.int("n_event"), "\(place): n_event")
                #expect(Int(curve.nCensor[i]) == row.int("n_censor"), "\(place): n_censor")
                expectClose(curve.survival[i], row.double("survival"), KaplanMeierTolerance.reference, "\(place) survival")
                expectClose(curve.standardError(at: i), row.double("std_err"), KaplanMeierTolerance.reference, "\(place) std_err")
                if estimator == .nelsonAalen {
                    expectClose(curve.cumulativeHazard?[i], row.double("cumhaz"), KaplanMeierTolerance.reference, "\(place) cumhaz")
                    expectClose(curve.logStandardError[i], row.double("std_chaz"), KaplanMeierTolerance.reference, "\(place) std_chaz")
                }
            }
            #expect(curve.n == curve.nEvent.indices.reduce(0) { $0 + Int(curve.nEvent[$1] + curve.nCensor[$1]) })
            #expect(curve.events == curve.nEvent.reduce(0) { $0 + Int($1) })
        }
    }

    @Test func theThreeEventCodingsGiveTheSameCurves() throws {
        let cases = KaplanMeierCase.all.filter { $0.name.hasPrefix("coding") }
        try #require(cases.count == 3)
        let curves = try cases.map { KaplanMeier.curves(try $0.data()) }
        #expect(curves[0] == curves[1])
        #expect(curves[0] == curves[2])
    }

    @Test func oneCurveWithoutGroupAndOneRowPerDistinctTime() throws {
        let data = try SurvivalData(time: [3, 1, 3, 2, 3, 0], event: [true, false, false, true, true, true])
        let curves = KaplanMeier.curves(data)
        try? #require(curves.count == 1)
        let curve = curves[0]
        #expect(curve.label == nil)
        #expect(curve.time == [0, 1, 2, 3])
        #expect(curve.nRisk == [6, 5, 4, 3])
        #expect(curve.nEvent == [1, 0, 1, 2])
        #expect(curve.nCensor == [0, 1, 0, 1])
        #expect(curve.n == 6 && curve.events == 4)
        // Ŝ = 5/6 · 1 · 3/4 · 1/3.
        let expected: Double = (5.0 / 6) * (3.0 / 4) * (1.0 / 3)
        #expect(Tolerance(relative: 1e-15).accepts(curve.survival[3], expected))
    }

    @Test func survivalReachingZeroHasNoStandardError() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [1, 2], event: [true, true]))[0]
        #expect(curve.survival == [0.5, 0])
        #expect(curve.logStandardError[1] == .infinity)
        #expect(curve.standardError(at: 1).isNaN)
    }

    @Test func negativeZeroTimeSortsAsZero() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [-0.0, 0, 1], event: [true, false, true]))[0]
        #expect(curve.time == [0, 1])
        #expect(curve.nEvent == [1, 1] && curve.nCensor == [1, 0])
    }

    @Test func largeCurvesTakeTheRadixPathAndAgreeWithAComparisonSort() throws {
        // 50,000 rows with many ties, in two groups: checks the radix sort end to end.
        var stream = SplitMix(seed: 7)
        let n = 50_000
        let time = (0..<n).map { _ in Double(stream.next() % 5_000) / 8 }
        let event = (0..<n).map { _ in stream.next() % 3 != 0 }
        let codes = (0..<n).map { _ in Int32(stream.next() % 2) }
        let data = try SurvivalData(time: time, event: event, group: Factor(codes: codes, levels: ["a", "b"]))
        let curves = KaplanMeier.curves(data)
        for (g, curve) in curves.enumerated() {
            let rows = (0..<n).filter { codes[$0] == Int32(g) }.sorted { time[$0] < time[$1] }
            let distinct = rows.map { time[$0] }.uniqued()
            #expect(curve.time == distinct)
            #expect(curve.n == rows.count)
            #expect(curve.events == rows.filter { event[$0] }.count)
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order of first appearance, without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// The deterministic generator of test data: the library's SplitMix64.
typealias SplitMix = SplitMix64
