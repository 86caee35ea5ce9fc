import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// The weighted log-rank family (`LogRankWeightScheme`) against the first-principles R
/// computation of scripts/fixtures/wlogrank.R (its FH path verified against survdiff, its
/// Gehan, Tarone-Ware and Peto-Peto chi-squares against statsmodels' survdiff to 6e-15:
/// Tests/Fixtures/wlogrank/statsmodels-crosscheck.txt).
@Suite struct WeightedLogRankTests {
    /// Sums of the same terms in a different order: round-off only.
    static let agreement = Tolerance(relative: 1e-12)
    /// Off-diagonal variances that cancel to ~0 in R's sums.
    static let varianceFloor = Tolerance(relative: 1e-12, absolute: 1e-12)

    static let cases = (try? Fixture("wlogrank/cases.csv").rows) ?? []
    static let groups = (try? Fixture("wlogrank/groups.csv").rows) ?? []
    static let variances = (try? Fixture("wlogrank/variance.csv").rows) ?? []
    static let weightRows = (try? Fixture("wlogrank/weights.csv").rows) ?? []

    static func data(_ row: [String: String]) throws -> SurvivalData {
        let table = try CSVTable(path: Fixtures.root.appendingPathComponent(row.string("data")).path)
        let strata = row.string("strata").split(separator: ";").map(String.init)
        return try SurvivalData(table: table, spec: SurvivalDataSpec(time: row.string("time"), event: row.string("event"),
                                                                     group: row.string("group"), strata: strata))
    }

    @Test func fixturesCoverEverySchemeWithStrataAndKGroups() {
        for (name, _) in LogRankWeightScheme.named {
            #expect(Self.cases.contains { $0.string("scheme") == name && !$0.string("strata").isEmpty })
            #expect(Self.cases.contains { $0.string("scheme") == name && $0.int("groups")! > 2 })
        }
    }

    @Test(arguments: cases.map { $0.string("case") })
    func agreesWithFirstPrinciples(caseName: String) throws {
        let row = try #require(Self.cases.first { $0.string("case") == caseName })
        let scheme = try #require(LogRankWeightScheme(name: row.string("scheme")))
        let test = try LogRankTest(try Self.data(row), scheme: scheme)
        let s = test.statistics
        #expect(test.rowsUsed == row.int("rows_used"))
        #expect(s.stratumCount == row.int("strata_count"))
        #expect(test.chiSquare.degreesOfFreedom == row.int("df"))
        #expect(Self.agreement.accepts(test.chiSquare.statistic, row.double("chisq")),
                "chisq \(test.chiSquare.statistic) vs R \(row.double("chisq")!)")
        #expect(Self.agreement.accepts(test.chiSquare.pValue, row.double("p_value")))
        #expect(Self.agreement.accepts(test.z, row.double("z")))
        for (g, r) in Self.groups.filter({ $0["case"] == caseName }).enumerated() {
            #expect(test.groupLevels[g] == r.string("group"))
            #expect(Self.agreement.accepts(s.observed[g], r.double("observed")))
            #expect(Self.agreement.accepts(s.expected[g], r.double("expected")))
        }
        let k = s.groupCount
        for r in Self.variances where r["case"] == caseName {
            let i = try #require(test.groupLevels.firstIndex(of: r.string("row")))
            let j = try #require(test.groupLevels.firstIndex(of: r.string("column")))
            #expect(Self.varianceFloor.accepts(s.variance[i * k + j], r.double("value")))
        }
    }

    /// The weights themselves at the first event times, so a wrong weight cannot hide in a sum.
    @Test func weightsAtFirstEventTimes() throws {
        let sources = ["lung_sex": ("notebooks-data/lung.csv", "time", "status", "sex"),
                       "aml_x": ("notebooks-data/aml.csv", "time", "status", "x"),
                       "delayed": ("Tests/Fixtures/wlogrank/data/delayed_effect.csv", "time", "status", "arm")]
        for (name, (path, time, event, group)) in sources {
            let table = try CSVTable(path: Fixtures.root.appendingPathComponent(path).path)
            let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: time, event: event, group: group))
            let events = LogRankEventTable(time: data.time, event: data.event, group: data.group!.codes,
                                           groupCount: data.group!.levels.count)
            let rows = Self.weightRows.filter { $0["data"] == name }
            #expect(rows.count == 6)
            for r in rows {
                let i = r.int("index")!
                #expect(events.atRisk[i] == r.double("n"))
                #expect(events.deaths[i] == r.double("d"))
                for (column, scheme) in [("gehan", LogRankWeightScheme.gehanBreslow), ("tarone_ware", .taroneWare),
                                         ("peto_peto", .petoPeto), ("peto_prentice", .petoPrentice),
                                         ("modified_peto", .modifiedPeto)] {
                    #expect(Self.agreement.accepts(events.weights(scheme)[i], r.double(column)), "\(name) \(column) at \(i)")
                }
            }
        }
    }

    /// Two code paths: the event table with Fleming–Harrington weights equals the LogRank kernel.
    @Test(arguments: [(0.0, 0.0), (1.0, 0.0), (0.5, 1.0)])
    func eventTableMatchesKernelForFlemingHarrington(rho: Double, gamma: Double) throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status",
                                                                         group: "ph.ecog", strata: ["sex"]))
        let fh = try #require(FlemingHarrington(rho: rho, gamma: gamma))
        let kernel = LogRank.statistics(time: data.time, event: data.event, group: data.group!.codes,
                                        groupCount: data.group!.levels.count, strata: data.strata!.codes,
                                        stratumCount: data.strata!.levels.count, weights: fh)
        let events = LogRankEventTable(time: data.time, event: data.event, group: data.group!.codes,
                                       groupCount: data.group!.levels.count, strata: data.strata!.codes,
                                       stratumCount: data.strata!.levels.count)
        let viaTable = events.statistics(weights: events.weights(.flemingHarrington(fh)), reportedWeights: fh)
        #expect(viaTable.size == kernel.size && viaTable.events == kernel.events)
        for g in 0..<kernel.groupCount {
            #expect(Self.agreement.accepts(viaTable.observed[g], kernel.observed[g]))
            #expect(Self.agreement.accepts(viaTable.expected[g], kernel.expected[g]))
        }
        for i in kernel.variance.indices { #expect(Self.varianceFloor.accepts(viaTable.variance[i], kernel.variance[i])) }
    }

    @Test func petoPetoIsFlemingHarringtonOneZero() throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "sex"))
        let peto = try LogRankTest(data, scheme: .petoPeto)
        let fh = try LogRankTest(data, weights: FlemingHarrington(rho: 1)!)
        #expect(Self.agreement.accepts(peto.chiSquare.statistic, fh.chiSquare.statistic))
    }

    @Test func namesRoundTrip() {
        for (name, scheme) in LogRankWeightScheme.named {
            #expect(LogRankWeightScheme(name: name) == scheme)
            #expect(scheme.name == name)
        }
        #expect(LogRankWeightScheme(name: "wilcoxon") == nil)
    }
}
