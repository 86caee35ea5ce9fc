import Testing
import TestSupport
@testable import SurvivalAnalysis

@Suite struct CurveGroupingTests {
    static func load(_ text: String, group: String?, strata: [String] = []) throws -> SurvivalData {
        let table = try CSVTable(bytes: Array(text.utf8), source: "d.csv")
        return try SurvivalData(table: table, spec: SurvivalDataSpec(time: "t", event: "e", group: group, strata: strata))
    }

    static let text = "t,e,arm,site\n1,1,b,x\n2,0,a,y\n3,1,b,y\n4,1,a,y\n5,0,b,x\n"

    @Test func oneCurveWithoutGroupOrStrata() throws {
        let grouping = CurveGrouping(try Self.load(Self.text, group: nil))
        #expect(grouping.codes == nil && grouping.labels == [nil])
    }

    @Test func groupAloneKeepsTheValuesAsWritten() throws {
        let grouping = CurveGrouping(try Self.load(Self.text, group: "arm"))
        #expect(grouping.labels == ["a", "b"])
        #expect(grouping.codes == [1, 0, 1, 0, 1])
    }

    @Test func strataAloneUseRsStrataNames() throws {
        let grouping = CurveGrouping(try Self.load(Self.text, group: nil, strata: ["site"]))
        #expect(grouping.labels == ["site=x", "site=y"])
    }

    /// As names(survfit(Surv(t, e) ~ arm + site)$strata): only combinations present, group slowest.
    @Test func groupAndStrataGiveTheCombinationsPresent() throws {
        let grouping = CurveGrouping(try Self.load(Self.text, group: "arm", strata: ["site"]))
        #expect(grouping.labels == ["arm=a, site=y", "arm=b, site=x", "arm=b, site=y"])
        #expect(grouping.codes == [1, 0, 2, 0, 1])
    }
}
