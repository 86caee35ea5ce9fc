import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Agreement with R's survdiff (and, for gamma > 0, the first-principles reference in
/// scripts/fixtures/logrank.R) on every case of Tests/Fixtures/logrank/cases.csv.
@Suite struct LogRankTestTests {
    /// The issue's tolerance for chi-square, observed, expected and variance.
    static let agreement = Tolerance(relative: 1e-9)
    /// Variance entries that are zero up to cancellation in R's sums (off-diagonal of a group
    /// never at risk together with another) are compared with this absolute floor.
    static let varianceFloor = Tolerance(relative: 1e-9, absolute: 1e-12)

    static let cases = (try? Fixture("logrank/cases.csv").rows) ?? []
    static let groups = (try? Fixture("logrank/groups.csv").rows) ?? []
    static let variances = (try? Fixture("logrank/variance.csv").rows) ?? []
    static let strata = (try? Fixture("logrank/strata.csv").rows) ?? []

    static func rows(_ table: [[String: String]], of caseName: String) -> [[String: String]] {
        table.filter { $0["case"] == caseName }
    }

    static func run(_ row: [String: String]) throws -> LogRankTest {
        let table = try CSVTable(path: Fixtures.root.appendingPathComponent(row.string("data")).path)
        let strata = row.string("strata").split(separator: ";").map(String.init)
        let spec = SurvivalDataSpec(time: row.string("time"), event: row.string("event"),
                                    group: row.string("group"), strata: strata)
        let data = try SurvivalData(table: table, spec: spec)
        let weights = try #require(FlemingHarrington(rho: row.double("rho")!, gamma: row.double("gamma")!))
        return try LogRankTest(data, weights: weights)
    }

    @Test func fixturesCoverEveryKindOfCase() {
        #expect(Self.cases.count >= 30)
        #expect(!Self.groups.isEmpty && !Self.variances.isEmpty && !Self.strata.isEmpty)
        #expect(Self.cases.contains { $0.string("reference") == "fh_reference" })
        #expect(Self.cases.contains { !$0.string("strata").isEmpty && $0.double("rho")! > 0 })
    }

    @Test(arguments: cases.map { $0.string("case") })
    func agreesWithR(caseName: String) throws {
        let row = try #require(Self.cases.first { $0.string("case") == caseName })
        let test = try Self.run(row)
        let s = test.statistics
        #expect(test.rowsUsed == row.int("rows_used"))
        #expect(test.rowsOmitted == row.int("rows_omitted"))
        #expect(s.groupCount == row.int("groups"))
        #expect(s.stratumCount == row.int("strata_count"))
        #expect(Self.agreement.accepts(test.chiSquare.statistic, row.double("chisq")),
                "chisq \(test.chiSquare.statistic) vs R \(row.double("chisq")!)")
        #expect(test.chiSquare.degreesOfFreedom == row.int("df"))
        #expect(Self.agreement.accepts(test.chiSquare.pValue, row.double("p_value")))
        #expect(Self.agreement.accepts(test.z, row.double("z")))

        let expectedGroups = Self.rows(Self.groups, of: caseName)
        #expect(expectedGroups.map { $0.string("group") } == test.groupLevels)
        for (g, r) in expectedGroups.enumerated() {
            #expect(s.size[g] == r.int("n"))
            #expect(Self.agreement.accepts(s.observed[g], r.double("observed")), "observed \(r.string("group"))")
            #expect(Self.agreement.accepts(s.expected[g], r.double("expected")), "expected \(r.string("group"))")
        }
        let level = Dictionary(uniqueKeysWithValues: test.groupLevels.enumerated().map { ($1, $0) })
        for r in Self.rows(Self.variances, of: caseName) {
            let i = try #require(level[r.string("row")]), j = try #require(level[r.string("column")])
            #expect(Self.varianceFloor.accepts(s.variance(i, j), r.double("value")),
                    "V[\(i),\(j)] \(s.variance(i, j)) vs R \(r.double("value")!)")
        }

        let trend = try s.trend()
        #expect(Self.agreement.accepts(trend.statistic, row.double("trend_score_statistic")))
        #expect(Self.agreement.accepts(trend.variance, row.double("trend_variance")))
        #expect(Self.agreement.accepts(trend.chiSquare.statistic, row.double("trend_chisq")))
        #expect(Self.agreement.accepts(trend.chiSquare.pValue, row.double("trend_p_value")))
    }

    @Test(arguments: Set(strata.map { $0.string("case") }).sorted())
    func perStratumCountsAgreeWithR(caseName: String) throws {
        let row = try #require(Self.cases.first { $0.string("case") == caseName })
        let test = try Self.run(row)
        let s = test.statistics
        let k = s.groupCount
        let stratumIndex = Dictionary(uniqueKeysWithValues: test.strataLevels.enumerated().map { ($1, $0) })
        let groupIndex = Dictionary(uniqueKeysWithValues: test.groupLevels.enumerated().map { ($1, $0) })
        let rows = Self.rows(Self.strata, of: caseName)
        #expect(rows.count == s.stratumCount * k)
        for r in rows {
            let h = try #require(stratumIndex[r.string("stratum")], "stratum \(r.string("stratum"))")
            let g = try #require(groupIndex[r.string("group")])
            #expect(s.sizeByStratum[h * k + g] == r.int("n"))
            #expect(Self.varianceFloor.accepts(s.observedByStratum[h * k + g], r.double("observed")))
            #expect(Self.varianceFloor.accepts(s.expectedByStratum[h * k + g], r.double("expected")))
        }
    }

    @Test func largestRelativeDifferenceFromR() throws {
        var largest = 0.0
        for row in Self.cases {
            let test = try Self.run(row)
            largest = max(largest, relativeDifference(test.chiSquare.statistic, row.double("chisq")!))
            for (g, r) in Self.rows(Self.groups, of: row.string("case")).enumerated() {
                largest = max(largest, relativeDifference(test.statistics.observed[g], r.double("observed")!))
                largest = max(largest, relativeDifference(test.statistics.expected[g], r.double("expected")!))
            }
        }
        print("log-rank: largest relative difference from R (chisq, observed, expected): \(largest)")
        #expect(largest <= Self.agreement.relative)
    }

    @Test func oneLevelGroupNamesTheColumn() throws {
        let table = try CSVTable(bytes: Array("time,status,arm\n1,1,a\n2,0,a\n3,1,NA\n".utf8), source: "d.csv")
        let data = try SurvivalData(table: table, spec: .init(time: "time", event: "status", group: "arm"))
        #expect { try LogRankTest(data) } throws: { error in
            let e = error as? InputError
            return e?.columnName == "arm" && e?.file == "d.csv" && e!.message.contains("only one level")
        }
    }

    @Test func noEventsIsAnError() throws {
        let table = try CSVTable(bytes: Array("time,status,arm\n1,0,a\n2,0,b\n".utf8), source: "d.csv")
        let data = try SurvivalData(table: table, spec: .init(time: "time", event: "status", group: "arm"))
        #expect { try LogRankTest(data) } throws: { ($0 as? InputError)?.columnName == "status" }
    }

    @Test func identifierLikeGroupColumnIsRefused() throws {
        let rows = (0...LogRankTest.maximumGroups).map { "\($0 + 1),1,id\($0)" }.joined(separator: "\n")
        let table = try CSVTable(bytes: Array(("time,status,id\n" + rows + "\n").utf8), source: "d.csv")
        let data = try SurvivalData(table: table, spec: .init(time: "time", event: "status", group: "id"))
        #expect { try LogRankTest(data) } throws: { ($0 as? InputError)?.message.contains("at most") == true }
    }

    @Test func missingGroupColumnIsAnError() throws {
        let data = try SurvivalData(time: [1, 2], event: [true, false])
        #expect { try LogRankTest(data) } throws: { $0 is InputError }
    }
}
