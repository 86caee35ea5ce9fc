import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// MaxCombo against the first-principles R computation (FH components as survdiff, joint
/// probability from mvtnorm::pmvnorm): Tests/Fixtures/wlogrank/maxcombo.csv.
@Suite struct MaxComboTestTests {
    /// z and correlations are sums of the same terms: round-off only.
    static let exact = Tolerance(relative: 1e-12)
    /// The issue's tolerance for MaxCombo p-values (absolute).
    static let pValue = Tolerance(relative: 0, absolute: 1e-5)
    /// Where R's probability is Miwa's (non-singular correlation, `reference_error` 1e-9): the
    /// lattice rule is held to 1e-6.
    static let miwaPValue = Tolerance(relative: 0, absolute: 1e-6)
    static let rows = (try? Fixture("wlogrank/maxcombo.csv").rows) ?? []

    static func components(_ text: String) -> [FlemingHarrington] {
        text.split(separator: ";").map { pair in
            let p = pair.split(separator: ":").map { Double($0)! }
            return FlemingHarrington(rho: p[0], gamma: p[1])!
        }
    }

    @Test(arguments: rows.map { $0.string("case") })
    func agreesWithR(caseName: String) throws {
        let row = try #require(Self.rows.first { $0.string("case") == caseName })
        let table = try CSVTable(path: Fixtures.root.appendingPathComponent(row.string("data")).path)
        let strata = row.string("strata").split(separator: ";").map(String.init)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: row.string("time"), event: row.string("event"),
                                                                         group: row.string("group"), strata: strata))
        let test = try MaxComboTest(data, components: Self.components(row.string("set")))
        let z = row.string("z").split(separator: ";").map { Double($0)! }
        #expect(test.z.count == z.count)
        for (a, b) in zip(test.z, z) { #expect(Self.exact.accepts(a, b)) }
        let m = z.count
        let upper = row.string("correlation").split(separator: ";").map { Double($0)! }
        var k = 0
        for j in 0..<m { for i in 0..<j { #expect(Self.exact.accepts(test.correlation[i * m + j], upper[k])); k += 1 } }
        #expect(Self.exact.accepts(test.statistic, row.double("statistic")))
        #expect(Self.exact.accepts(test.oneSidedStatistic, row.double("one_sided_statistic")))
        #expect(test.rank == row.int("rank"))
        let pValue = row.double("reference_error")! <= 1e-9 ? Self.miwaPValue : Self.pValue
        #expect(pValue.accepts(test.pValue, row.double("p_value")), "p \(test.pValue) vs R \(row.double("p_value")!)")
        #expect(pValue.accepts(test.oneSidedPValue, row.double("p_value_one_sided")),
                "one-sided p \(test.oneSidedPValue) vs R \(row.double("p_value_one_sided")!)")
    }

    @Test func defaultSetIsSingularBecauseLogRankIsTheSumOfTwoComponents() throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "sex"))
        let test = try MaxComboTest(data)
        #expect(test.rank == 3)
        #expect(test.components == MaxComboTest.defaultComponents)
    }

    @Test func refusesOtherThanTwoGroupsAndBadSets() throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let three = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "ph.ecog"))
        #expect(throws: MaxComboTest.Failure.groupCount(4)) { try MaxComboTest(three) }
        let two = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "sex"))
        #expect(throws: MaxComboTest.Failure.componentCount(1)) { try MaxComboTest(two, components: [.logRank]) }
        #expect(throws: MaxComboTest.Failure.repeatedComponent(.logRank)) {
            try MaxComboTest(two, components: [.logRank, .logRank])
        }
    }
}
