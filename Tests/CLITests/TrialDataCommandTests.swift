import Foundation
import Testing
import TestSupport

/// Trial data as it arrives (issue 10): the ADaM example `.xpt` analysed as R analyses it, and
/// each refusal of the issue's list.
@Suite struct TrialDataCommandTests {
    /// The issue's bar for the ADaM example: as for CSV input, relative difference ≤ 1e-9.
    static let agreement = Tolerance(relative: 1e-9)
    static let adtte = Fixtures.root.appendingPathComponent("notebooks-data/nct07363356-adtte.xpt").path
    static let design = Fixtures.root.appendingPathComponent("notebooks-data/nct07363356-adtte.yaml").path
    static let months = ["--time-unit", "days", "--report-unit", "months"]

    static func json(_ r: CommandResult) throws -> [String: Any] {
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    static func file(_ text: String, name: String = "data.csv") throws -> String {
        let url = try Survkit.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Exit 2 and one stderr line holding every fragment.
    static func refused(_ arguments: [String], _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try Survkit.run(arguments)
        #expect(r.status == 2, "exit \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
        let first = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
        for f in fragments { #expect(first.contains(f), "stderr '\(r.stderr)' lacks '\(f)'", sourceLocation: sourceLocation) }
    }

    // MARK: Agreement with R on the ADaM example

    @Test func kaplanMeierOfRFSInMonthsAgreesWithR() throws {
        let o = try Self.json(try Survkit.run(["km", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--group", "TRT01P",
                                               "--where", "PARAMCD=RFS", "--format", "json"] + Self.months))
        #expect(o["time_unit"] as? String == "months")
        #expect(o["rows_filtered_out"] as? Int == 56)
        let fixture = try Fixture("adtte/km.csv")
        var compared = 0
        for g in o["groups"] as! [[String: Any]] {
            let rows = fixture.rows(where: "group", is: g["group"] as! String)
            let table = g["table"] as! [[String: Any]]
            #expect(rows.count == table.count)
            for (want, got) in zip(rows, table) {
                for (key, column) in [("time", "time"), ("survival", "survival"), ("std_err", "std_err"),
                                      ("lower", "lower"), ("upper", "upper"), ("n_risk", "n_risk"), ("n_event", "n_event")] {
                    let value = (got[key] as? NSNumber)?.doubleValue
                    #expect(Self.agreement.accepts(value, want.double(column)), "\(key): \(String(describing: value)) vs \(want[column]!)")
                    compared += 1
                }
            }
        }
        #expect(compared > 100)
    }

    @Test func logRankOfOSAgainstTheReferenceAgreesWithR() throws {
        let o = try Self.json(try Survkit.run(["logrank", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--group", "TRT01P",
                                               "--where", "PARAMCD=OS", "--reference", "TRT01P=STANDARD-OF-CARE", "--format", "json"]
                                              + Self.months))
        let want = try Fixture("adtte/logrank.csv").rows[0]
        #expect(Self.agreement.accepts(o["chisq"] as? Double, want.double("chisq")))
        #expect(Self.agreement.accepts(o["z"] as? Double, want.double("z")))
        let groups = o["groups"] as! [[String: Any]]
        #expect(groups.map { $0["group"] as? String } == ["ORGANOID-GUIDED", "STANDARD-OF-CARE"])
        #expect(Self.agreement.accepts(groups[0]["expected"] as? Double, want.double("expected_treatment")))
    }

    @Test func stratifiedCoxWithReferenceLevelsAgreesWithR() throws {
        let o = try Self.json(try Survkit.run(["cox", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--group", "TRT01P",
                                               "--covariates", "AGE", "--factors", "SEX", "--strata", "ECOG",
                                               "--where", "PARAMCD=RFS", "--reference", "TRT01P=STANDARD-OF-CARE",
                                               "--reference", "SEX=M", "--format", "json"] + Self.months))
        let fixture = try Fixture("adtte/cox.csv")
        let coefficients = o["coefficients"] as! [[String: Any]]
        #expect(o["n"] as? Int == fixture.rows[0].int("n"))
        #expect(o["events"] as? Int == fixture.rows[0].int("events"))
        #expect(Self.agreement.accepts(o["loglik"] as? Double, fixture.rows[0].double("loglik")))
        for want in fixture.rows {
            let got = try #require(coefficients.first { $0["term"] as? String == want["term"] }, "term \(want["term"]!)")
            #expect(Self.agreement.accepts(got["coef"] as? Double, want.double("coef")), "\(want["term"]!)")
            #expect(Self.agreement.accepts(got["se"] as? Double, want.double("se")), "\(want["term"]!)")
        }
    }

    @Test func interimAtADateCutAgreesWithR() throws {
        let want = try Fixture("adtte/interim.csv").rows[0]
        let o = try Self.json(try Survkit.run(["interim", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--group", "TRT01P",
                                               "--where", "PARAMCD=RFS", "--entry", "STARTDT", "--cut", want.string("cut"),
                                               "--design", Self.design, "--format", "json"] + Self.months))
        #expect(o["events"] as? Int == want.int("events"))
        #expect(o["rows_used"] as? Int == want.int("patients"))
        // survkit's interim z is positive when the treatment is better: −(O − E)/√V of the treatment.
        #expect(Self.agreement.accepts(o["z"] as? Double, -want.double("z")!))
        #expect(o["control"] as? String == "STANDARD-OF-CARE")
    }

    // MARK: Refusals (the issue's list)

    @Test func cnsrAsEventIsRefused() throws {
        try Self.refused(["km", Self.adtte, "--time", "AVAL", "--event", "CNSR", "--where", "PARAMCD=OS"], "--censor")
    }

    @Test func unitMismatchWithTheDesignIsRefused() throws {
        try Self.refused(["interim", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--group", "TRT01P", "--where", "PARAMCD=RFS",
                          "--time-unit", "days", "--design", Self.design], "time-unit: months", "days")
    }

    @Test func unknownAndMissingMemberAreRefused() throws {
        let multi = Fixtures.url("xpt/haven_multi.xpt").path
        try Self.refused(["km", multi, "--time", "AVAL", "--event", "AVAL", "--member", "ADAE"], "no member named 'ADAE'", "ADSL, ADTTE")
        try Self.refused(["km", multi, "--time", "AVAL", "--event", "AVAL"], "ADSL, ADTTE", "--member")
    }

    @Test func filterNamingAMissingColumnIsRefused() throws {
        try Self.refused(["km", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--where", "PARAMCX=OS"],
                         "no column named 'PARAMCX'", "did you mean PARAMCD")
    }

    @Test func filterKeepingNoRowIsRefused() throws {
        try Self.refused(["km", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--where", "PARAMCD=PFS"],
                         "keeps no row", "OS, RFS")
    }

    @Test func aDateThatIsNotADateIsRefused() throws {
        let csv = try Self.file("id,start,end,status\n1,2025-01-20,2025-03-01,1\n2,2025-02-30,2025-04-01,0\n")
        try Self.refused(["km", csv, "--start-date", "start", "--end-date", "end", "--event", "status"],
                         ":3:2", "'2025-02-30' is not a date")
        try Self.refused(["interim", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--group", "TRT01P", "--where", "PARAMCD=RFS",
                          "--entry", "STARTDT", "--cut", "2026-13-01", "--design", Self.design] + Self.months, "--cut", "nor a date")
        try Self.refused(["interim", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--group", "TRT01P", "--where", "PARAMCD=RFS",
                          "--entry", "STARTDT", "--cut", "16.2", "--design", Self.design] + Self.months, "holds dates")
    }

    @Test func truncatedTransportFileIsRefusedNamingTheRecord() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.adtte))
        let url = try Survkit.temporaryDirectory().appendingPathComponent("cut.dat")
        try bytes.prefix(1000).write(to: url)
        try Self.refused(["km", url.path, "--time", "AVAL", "--censor", "CNSR"], "record")
    }

    // MARK: Reading

    @Test func censorCodesAboveOneAreCensoredAndFiltersCombine() throws {
        let csv = try Self.file("t,CNSR,PARAMCD,AGE\n1,0,OS,50\n2,2,OS,60\n3,1,OS,70\n4,0,RFS,80\n5,0,OS,NA\n")
        let o = try Self.json(try Survkit.run(["km", csv, "--time", "t", "--censor", "CNSR", "--where", "PARAMCD in(OS, X)",
                                               "--where", "AGE<=60", "--format", "json"]))
        #expect(o["rows_filtered_out"] as? Int == 3)
        let g = (o["groups"] as! [[String: Any]])[0]
        #expect(g["n"] as? Int == 2)
        #expect(g["events"] as? Int == 1)
    }

    @Test func stackedFileWithoutFilterWarns() throws {
        let r = try Survkit.run(["km", Self.adtte, "--time", "AVAL", "--censor", "CNSR"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning") && r.stderr.contains("PARAMCD") && r.stderr.contains("--where"))
    }

    @Test func datesDeriveTimeAndOmittedRowsAreListed() throws {
        let csv = try Self.file("USUBJID,start,end,status\nA,2025-01-20,2025-01-20,1\nB,2024-02-28,2024-03-01,0\nC,2025-01-01,NA,1\n")
        let r = try Survkit.run(["km", csv, "--start-date", "start", "--end-date", "end", "--event", "status",
                                 "--list-omitted", "--id", "USUBJID", "--format", "json"])
        let o = try Self.json(r)
        let table = ((o["groups"] as! [[String: Any]])[0]["table"] as! [[String: Any]])
        #expect(table.map { ($0["time"] as! NSNumber).doubleValue } == [1, 3])  // same day = 1; leap day counted
        #expect(o["time_unit"] as? String == "days")
        #expect(r.stderr.contains("line 4") && r.stderr.contains("USUBJID=C"))
    }

    @Test func unknownColumnSuggestsTheNearestNames() throws {
        try Self.refused(["km", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--group", "TRT01", "--where", "PARAMCD=OS"],
                         "no column named 'TRT01'", "did you mean TRT01P")
    }

    @Test func xptAndCsvOfTheSameDataGiveTheSameCurves() throws {
        // The seed trial's CSV has no .xpt twin; the ADaM example's OS rows read twice agree with themselves
        // through both readers: write the needed columns as CSV from the .xpt reading.
        let xpt = try Survkit.run(["km", Self.adtte, "--time", "AVAL", "--censor", "CNSR", "--where", "PARAMCD=OS", "--format", "csv"])
        #expect(xpt.status == 0)
        #expect(xpt.stdout.hasPrefix("group,time,n_risk"))
    }
}
