import Foundation
import GSLSupport
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// The one-sample log-rank test against the published formulas computed in R
/// (Tests/Fixtures/onesample/, scripts/fixtures/onesample.R), and its type I error by simulation.
@Suite struct OneSampleLogRankTests {
    /// Sums of Λ₀(tᵢ): round-off only.
    static let agreement = Tolerance(relative: 1e-12)
    static let cases = (try? Fixture("onesample/cases.csv").rows) ?? []

    static func numbers(_ text: String) -> [Double] { text.split(separator: ";").compactMap { Double(String($0)) } }

    @Test(arguments: cases.map { $0.string("case") })
    func agreesWithTheFormulasInR(caseName: String) throws {
        let row = try #require(Self.cases.first { $0.string("case") == caseName })
        let table = try CSVTable(path: Fixtures.root.appendingPathComponent(row.string("data")).path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: row.string("time"), event: row.string("event")))
        let historical = try row.double("median").map { try HistoricalHazard(median: $0) }
            ?? HistoricalHazard(times: Self.numbers(row.string("hazard_times")), hazards: Self.numbers(row.string("hazards")))
        let test = OneSampleLogRank(time: data.time, event: data.event, historical: historical)
        #expect(test.patients == row.int("patients"))
        #expect(test.observed == row.int("observed"))
        for (value, column) in [(test.expected, "expected"), (test.finkelsteinZ, "z_finkelstein"),
                                (test.finkelsteinOneSidedP, "p_finkelstein_one_sided"), (test.finkelsteinTwoSidedP, "p_finkelstein"),
                                (test.wuZ, "z_wu"), (test.wuOneSidedP, "p_wu_one_sided"), (test.wuTwoSidedP, "p_wu"),
                                (test.exactOneSidedP, "p_exact_one_sided")] {
            #expect(Self.agreement.accepts(value, row.double(column)), "\(caseName) \(column): \(value) vs R \(row.double(column)!)")
        }
    }

    @Test func cumulativeHazardIsPiecewiseLinear() throws {
        let h = try HistoricalHazard(times: [6, 12], hazards: [0.08, 0.05, 0.03])
        #expect(h.cumulativeHazard(0) == 0)
        #expect(abs(h.cumulativeHazard(6) - 0.48) < 1e-15)
        #expect(abs(h.cumulativeHazard(20) - (0.48 + 0.3 + 0.24)) < 1e-14)
        #expect(throws: HistoricalHazard.Failure.countMismatch(times: 1, hazards: 1)) { try HistoricalHazard(times: [3], hazards: [1]) }
        #expect(throws: HistoricalHazard.Failure.badTimes) { try HistoricalHazard(times: [3, 2], hazards: [1, 1, 1]) }
    }

    /// Type I error under the null (n = 100, exponential median 11, censoring uniform on
    /// (12, 36), one-sided α = 0.05), 20,000 trials with a fixed seed, against R's 100,000-trial
    /// estimate of the same rates (Tests/Fixtures/onesample/type1.csv). Two independent Monte
    /// Carlo estimates of one probability: they must agree within 3 standard errors of their
    /// difference. (Both tests are asymptotic: R finds 0.043 for (O−E)/√E and 0.051 for Wu's.)
    @Test func typeIErrorAgreesWithRsSimulation() throws {
        let reference = try #require(try Fixture("onesample/type1.csv").rows.first)
        let n = 100, replicates = 20_000
        let rate = 0.6931471805599453 / 11   // ln 2 / median
        let historical = try HistoricalHazard(hazards: [rate])
        let stream = RandomStream(seed: 20261130)
        var rejections = [0, 0, 0]
        var time = [Double](repeating: 0, count: n), event = [Bool](repeating: false, count: n)
        let critical = Normal.quantile(0.05)
        for _ in 0..<replicates {
            for i in 0..<n {
                let t = stream.exponential(rate: rate), c = 12 + 24 * stream.uniform()
                time[i] = min(t, c)
                event[i] = t <= c
            }
            let test = OneSampleLogRank(time: time, event: event, historical: historical)
            if test.finkelsteinZ < critical { rejections[0] += 1 }
            if test.wuZ < critical { rejections[1] += 1 }
            if test.exactOneSidedP < 0.05 { rejections[2] += 1 }
        }
        for (k, column) in ["finkelstein", "wu", "exact"].enumerated() {
            let mine = Double(rejections[k]) / Double(replicates)
            let theirs = reference.double(column)!
            let se = (mine * (1 - mine) / Double(replicates) + theirs * (1 - theirs) / reference.double("replicates")!).squareRoot()
            #expect(abs(mine - theirs) <= 3 * se, "\(column): \(mine) vs R \(theirs) (se \(se))")
        }
    }
}
