import Foundation
import Testing
import TestSupport
import SurvivalAnalysis
@testable import SurvivalReports

@Suite struct KaplanMeierReportTests {
    static func lung(group: String? = "sex", options: KaplanMeierOptions = KaplanMeierOptions()) throws -> KaplanMeierReport {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: group))
        return KaplanMeierReport(KaplanMeierAnalysis(data, options: options), call: "survkit km lung.csv")
    }

    static func keys(_ value: JSONValue) -> [String] {
        guard case .object(let members) = value else { return [] }
        return members.map(\.0)
    }

    static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.0 == key }?.1
    }

    static func elements(_ value: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = value else { return [] }
        return items
    }

    @Test func jsonHasExactlyTheContractKeys() throws {
        let json = try Self.lung().json()
        #expect(Self.keys(json) == ["conf_type", "conf_level", "rows_used", "rows_omitted", "groups"])
        let groups = Self.elements(Self.member(json, "groups"))
        #expect(groups.count == 2)
        #expect(Self.keys(groups[0]) == ["group", "n", "events", "median", "median_lower", "median_upper", "table"])
        let row = Self.elements(Self.member(groups[0], "table"))[0]
        #expect(Self.keys(row) == ["time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"])
        #expect(Self.member(groups[0], "group") == .string("1"))
        #expect(Self.member(json, "rows_used") == .int(228))
    }

    @Test func optionalKeysAppearOnlyWhenAskedFor() throws {
        let options = KaplanMeierOptions(estimator: .nelsonAalen, times: [100], quantiles: [0.5], tau: 365)
        let json = try Self.lung(options: options).json()
        #expect(Self.keys(json) == ["conf_type", "conf_level", "rows_used", "rows_omitted", "estimator", "tau", "groups"])
        let group = Self.elements(Self.member(json, "groups"))[0]
        #expect(Self.keys(group) == ["group", "n", "events", "median", "median_lower", "median_upper",
                                     "rmst", "rmst_std_err", "quantiles", "survival_at", "table"])
        let row = Self.elements(Self.member(group, "table"))[0]
        #expect(Self.keys(row).suffix(2) == ["cumhaz", "cumhaz_std_err"])
        let quantile = Self.elements(Self.member(group, "quantiles"))[0]
        #expect(Self.keys(quantile) == ["prob", "quantile", "lower", "upper"])
    }

    @Test func missingValuesAreNullInJSONAndNAInText() throws {
        // Ŝ reaches 0 at the last time: its standard error and limits are R's NA.
        let data = try SurvivalData(time: [1, 2, 3], event: [true, true, true])
        let report = KaplanMeierReport(KaplanMeierAnalysis(data, options: KaplanMeierOptions()), call: "c")
        let table = Self.elements(Self.member(Self.elements(Self.member(report.json(), "groups"))[0], "table"))
        #expect(Self.member(table[2], "std_err") == .null)
        #expect(Self.member(table[2], "lower") == .null)
        #expect(report.text().contains("NA"))
        #expect(report.csv().split(separator: "\n").last!.hasSuffix(",0,NA,NA,NA"))
    }

    @Test func singleCurveHasNullGroup() throws {
        let json = try Self.lung(group: nil).json()
        #expect(Self.member(Self.elements(Self.member(json, "groups"))[0], "group") == .null)
    }

    @Test func csvRoundTripsEveryNumberExactly() throws {
        let report = try Self.lung()
        let lines = report.csv().split(separator: "\n").map(String.init)
        #expect(lines[0] == "group,time,n_risk,n_event,n_censor,survival,std_err,lower,upper")
        var k = 1
        for summary in report.analysis.curves {
            let curve = summary.curve
            for i in 0..<curve.count {
                let cells = lines[k].split(separator: ",").map(String.init)
                #expect(cells[0] == curve.label)
                #expect(Double(cells[1]) == curve.time[i])
                #expect(Int(cells[2]) == Int(curve.nRisk[i]))
                #expect(Double(cells[5])!.bitPattern == curve.survival[i].bitPattern)
                #expect(Double(cells[6])!.bitPattern == curve.standardError(at: i).bitPattern)
                #expect(Double(cells[7])!.bitPattern == summary.band.lower[i].bitPattern)
                #expect(Double(cells[8])!.bitPattern == summary.band.upper[i].bitPattern)
                k += 1
            }
        }
        #expect(k == lines.count)
    }

    @Test func renderingIsDeterministic() throws {
        let options = KaplanMeierOptions(times: [0, 100, 1000], quantiles: [0.25, 0.5], tau: 500)
        let a = try Self.lung(options: options), b = try Self.lung(options: options)
        for format in OutputFormat.allCases {
            #expect(a.rendered(as: format) == b.rendered(as: format))
            #expect(a.rendered(as: format) == a.rendered(as: format))
        }
    }

    @Test func textReadsLikePrintSurvfit() throws {
        let text = try Self.lung(options: KaplanMeierOptions(tau: 365.25)).text()
        #expect(text.hasPrefix("Call: survkit km lung.csv\n"))
        #expect(text.contains("sex=1  138     112"))
        #expect(text.contains("* restricted mean with upper limit = 365.25"))
        #expect(text.contains("lower 95% CI"))
    }

    @Test func textSaysWhichRowsWereLeftOut() throws {
        let table = try CSVTable(bytes: Array("time,status,g\n1,1,a\n2,NA,a\n3,1,\n4,0,b\n".utf8), source: "d.csv")
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "g"))
        let report = KaplanMeierReport(KaplanMeierAnalysis(data, options: KaplanMeierOptions()), call: "c")
        #expect(report.text().contains(data.omissions.sentence!))
        #expect(Self.member(report.json(), "rows_omitted") == .int(2))
    }

    @Test func decimalColumnsFollowRsFormatReal() {
        #expect(DecimalColumn([1, 0.978, 0.5], significant: 3).decimals == 3)
        #expect(DecimalColumn([1, 2, 30], significant: 3).decimals == 0)
        #expect(DecimalColumn([365.25, 5], significant: 7).decimals == 2)
        #expect(DecimalColumn([0.0012345], significant: 3).decimals == 5)
        #expect(DecimalColumn([9.9996], significant: 4).decimals == 0)
        #expect(DecimalColumn([.nan, 0.5], significant: 4).format(.nan) == "NA")
    }
}

extension KaplanMeierReportTests {
    /// The streamed JSON is the tree's rendering, byte for byte.
    @Test(arguments: [
        KaplanMeierOptions(),
        KaplanMeierOptions(estimator: .nelsonAalen, confidenceType: .logLog, confidenceLevel: 0.9,
                           times: [0, 100, 365.25, 5000], quantiles: [0.1, 0.5, 0.9], tau: 500),
        KaplanMeierOptions(confidenceType: .plain, times: [5000]),
    ])
    func streamedJSONIsTheTreeRendered(options: KaplanMeierOptions) throws {
        for group in [nil, "sex"] as [String?] {
            let report = try Self.lung(group: group, options: options)
            #expect(report.rendered(as: .json) == report.json().rendered())
        }
        let odd = try SurvivalData(time: [1, 2, 2], event: [true, true, false],
                               group: Factor(codes: [0, 0, 1], levels: ["a \"quoted\"\tlabel", "é"]))
        let report = KaplanMeierReport(KaplanMeierAnalysis(odd, options: options), call: "c")
        #expect(report.rendered(as: .json) == report.json().rendered())
    }

    /// The curve table is laid out as TextTable lays out a table.
    @Test func curveTableIsAlignedAsTextTable() throws {
        let report = try Self.lung(options: KaplanMeierOptions(estimator: .nelsonAalen))
        let summary = report.analysis.curves[1]
        let curve = summary.curve
        var table = TextTable(numeric: ["time", "n.risk", "n.event", "n.censor", "survival", "std.err",
                                        "lower 95% CI", "upper 95% CI", "cumhaz", "std.chaz"])
        let se = (0..<curve.count).map(curve.standardError(at:))
        let columns = [curve.survival, se, summary.band.lower, summary.band.upper, curve.cumulativeHazard!, curve.logStandardError]
        let formats = columns.map { DecimalColumn($0, significant: 4) }
        let time = DecimalColumn(curve.time, significant: 7)
        for i in 0..<curve.count {
            table.append([time.format(curve.time[i]), String(curve.nRisk[i]), String(curve.nEvent[i]), String(curve.nCensor[i])]
                         + columns.indices.map { formats[$0].format(columns[$0][i]) })
        }
        #expect(report.text().contains("                sex=2\n" + table.rendered()))
    }
}
