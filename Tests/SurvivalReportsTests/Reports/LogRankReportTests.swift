import Testing
import TestSupport
@testable import SurvivalReports
import SurvivalAnalysis

@Suite struct LogRankReportTests {
    func test(_ csv: String, strata: [String] = [], weights: FlemingHarrington = .logRank) throws -> LogRankTest {
        let table = try CSVTable(bytes: Array(csv.utf8), source: "d.csv")
        let data = try SurvivalData(table: table, spec: .init(time: "t", event: "e", group: "arm", strata: strata))
        return try LogRankTest(data, weights: weights)
    }

    let twoGroups = "t,e,arm,site\n1,1,a,x\n2,1,b,x\n3,0,a,y\n4,1,b,y\n5,1,a,x\n6,0,b,y\n7,1,a,y\nNA,1,b,x\n"
    let threeGroups = "t,e,arm\n1,1,a\n2,1,b\n3,1,c\n4,0,a\n5,1,b\n6,1,c\n7,1,a\n"

    @Test func textHasTheTableTheTestAndTheRowsLeftOut() throws {
        let text = LogRankReport(test: try test(twoGroups)).text()
        #expect(text.hasPrefix("Log-rank test\ndata: d.csv  time: t  event: e  group: arm\n"))
        #expect(text.contains("n= 7, 1 row left out for missing values (t 1)."))
        #expect(text.contains("\n       N  Observed  Expected  (O-E)^2/E  (O-E)^2/V\n"))
        #expect(text.contains("arm=a  4  "))
        #expect(text.contains(" Chisq= "))
        #expect(text.contains(" z= -0.242 for arm=a"))
        #expect(!text.contains("Trend"))
    }

    @Test func weightedStratifiedTextSaysSo() throws {
        let t = try test(twoGroups, strata: ["site"], weights: FlemingHarrington(rho: 1, gamma: 0.5)!)
        let text = LogRankReport(test: t).text()
        #expect(text.hasPrefix("Fleming-Harrington G(rho = 1, gamma = 0.5) test\n"))
        #expect(text.contains("strata: site (2 strata)"))
        #expect(text.contains("within each stratum"))
    }

    @Test func jsonKeysFollowTheContract() throws {
        let t = try test(threeGroups)
        let rendered = LogRankReport(test: t, trend: try t.statistics.trend()).json().rendered()
        var last = rendered.startIndex
        for key in ["chisq", "df", "p_value", "rows_used", "rows_omitted", "groups", "test", "rho", "gamma",
                    "group_column", "variance", "strata_columns", "trend", "rows_omitted_by_column"] {
            let r = try #require(rendered.range(of: "\"\(key)\":", range: last..<rendered.endIndex), "\(key) in order")
            last = r.upperBound
        }
        #expect(!rendered.contains("\n  \"z\":"), "z only for two groups")
        #expect(!rendered.contains("\"strata\":"), "strata only when stratified")
    }

    @Test func csvHasOneRowPerGroup() throws {
        let csv = LogRankReport(test: try test(threeGroups)).csv()
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "group,n,events,observed,expected,variance,o_minus_e_squared_over_e,o_minus_e_squared_over_v")
        #expect(lines[1].hasPrefix("a,3,2,2,"))
    }

    @Test func trendLineAppearsWhenAsked() throws {
        let t = try test(threeGroups)
        let text = LogRankReport(test: t, trend: try t.statistics.trend(scores: [0, 1, 2])).text()
        #expect(text.contains(" Trend (scores 0, 1, 2): Chisq= "))
    }
}
