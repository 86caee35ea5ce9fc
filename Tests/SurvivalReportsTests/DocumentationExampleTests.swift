import Testing
import TestSupport
import SurvivalAnalysis
import SurvivalReports

/// The example of the DocC landing page (Sources/SurvivalReports/SurvivalReports.docc/SurvivalReports.md),
/// run as written (only the data path is the test's): its text output carries the README's lines.
@Suite struct DocumentationExampleTests {
    @Test func lungTextMatchesTheReadme() throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table,
                                    spec: SurvivalDataSpec(time: "time", event: "status", group: "sex"))
        let km = KaplanMeierReport(KaplanMeierAnalysis(data, options: KaplanMeierOptions()),
                                   call: "survkit km notebooks-data/lung.csv --time time --event status --group sex")
        let kmLines = km.rendered(as: .text).split(separator: "\n").map(String.init)
        #expect(kmLines.contains("         n  events  median  0.95LCL  0.95UCL"))
        #expect(kmLines.contains("sex=1  138     112     270      212      310"))
        #expect(kmLines.contains("sex=2   90      53     426      348      550"))

        let logRank = LogRankReport(test: try LogRankTest(data))
        let logRankLines = logRank.rendered(as: .text).split(separator: "\n").map(String.init)
        #expect(logRankLines.contains(" Chisq= 10.3  on 1 degrees of freedom, p= 0.001"))
    }
}
