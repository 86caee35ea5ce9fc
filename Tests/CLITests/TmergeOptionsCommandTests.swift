import Foundation
import Testing
import TestSupport

/// `survkit tmerge --delay` and `--tdcstart` against survival 3.5-3's
/// `tmerge(..., options = list(delay = d, tdcstart = x))` (scripts/fixtures/countingkm.R): rows
/// and values identical.
@Suite struct TmergeOptionsCommandTests {
    static func path(_ name: String) -> String { TmergeCommandTests.path(name) }

    /// cgd0: infections as events (never delayed) and a 0/1 "had an infection" tdc that switches
    /// on 30 days after each infection.
    @Test func cgdDelayMovesTdcNotEvents() throws {
        let infections = Self.path("cgd0_infections.csv")
        let r = try Survkit.run(["tmerge", Self.path("cgd0_base.csv"), "--id", "id", "--time", "futime", "--event", "status",
                                 "--event-from", "infect=\(infections):etime", "--tdc", "prior=\(infections):etime", "--delay", "30"])
        #expect(r.status == 0, "\(r.stderr)")
        try TmergeCommandTests.expectSameRows(r.stdout, "countingkm/tmerge_cgd_delay.csv",
                                              columns: [("id", "id"), ("tstart", "tstart"), ("futime", "tstop"), ("status", "status"),
                                                        ("infect", "infect"), ("prior", "prior")])
    }

    /// pbc + pbcseq: labs and the running count of visits with ascites, 30 days late, with
    /// tdcstart 0.
    @Test func pbcseqDelayAndTdcstartMatchTmerge() throws {
        let visits = Self.path("pbcseq_visits.csv")
        let r = try Survkit.run(["tmerge", Self.path("pbc_base.csv"), "--id", "id", "--time", "time", "--event", "death",
                                 "--tdc", "bili=\(visits):day:bili", "--tdc", "albumin=\(visits):day:albumin",
                                 "--cumtdc", "ascvisits=\(visits):day:ascites", "--delay", "30", "--tdcstart", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        try TmergeCommandTests.expectSameRows(r.stdout, "countingkm/tmerge_pbcseq_delay.csv",
                                              columns: [("id", "id"), ("tstart", "tstart"), ("time", "tstop"), ("death", "death"),
                                                        ("bili", "bili"), ("albumin", "albumin"), ("ascvisits", "ascvisits")])
    }

    static let smallCases: [(name: String, arguments: [String], columns: [(ours: String, r: String)])] = {
        let visits = path("small_visits.csv")
        let operators = ["--tdc", "v=\(visits):t:v", "--cumtdc", "cv=\(visits):t:v"]
        let plain = ["tmerge", path("small_base.csv"), "--id", "id", "--time", "futime", "--event", "status"]
            + operators + ["--tdc", "on=\(visits):t", "--event-from", "ev=\(visits):t"]
        let columns: [(ours: String, r: String)] = [("id", "id"), ("tstart", "tstart"), ("futime", "tstop"), ("status", "status"),
                                                    ("v", "v"), ("cv", "cv"), ("on", "on"), ("ev", "ev")]
        let entry = ["tmerge", path("small_entry_base.csv"), "--id", "id", "--start", "entry", "--time", "futime",
                     "--event", "status"] + operators + ["--delay", "1.5", "--tdcstart=-1"]
        return [("delay2", plain + ["--delay", "2"], columns),
                ("delay3_tdcstart5", plain + ["--delay", "3", "--tdcstart", "5"], columns),
                ("entry_delay1.5_tdcstart-1", entry,
                 [("id", "id"), ("entry", "tstart"), ("futime", "tstop"), ("status", "status"), ("v", "v"), ("cv", "cv")])]
    }()

    /// A measurement at time 0 (not moved), after the last follow-up, delayed past the stop or
    /// onto it, tied and missing; ids without measurements (tdcstart throughout, and tdcstart +
    /// the running sum for cumtdc); late entry (times at or before the first start not moved).
    @Test(arguments: 0..<3)
    func adversarialDelayAndTdcstartFollowTmerge(_ k: Int) throws {
        let (name, arguments, columns) = Self.smallCases[k]
        let r = try Survkit.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        let (header, rows) = TmergeCommandTests.table(r.stdout)
        let expected = try Fixture("countingkm/tmerge_small_delay.csv").rows(where: "case", is: name)
        #expect(rows.count == expected.count, "\(name): \(rows.count) rows vs \(expected.count)")
        for (fields, row) in zip(rows, expected) {
            for (ours, rName) in columns {
                let c = try #require(header.firstIndex(of: ours))
                #expect(Double(fields[c]) == row.double(rName), "\(name) \(ours): \(fields[c]) vs \(row.string(rName))")
            }
        }
    }

    /// Without the options nothing changes (tmerge's defaults: delay 0, tdcstart NA).
    @Test func defaultsAreTmergeDefaults() throws {
        let visits = Self.path("small_visits.csv")
        let base = ["tmerge", Self.path("small_base.csv"), "--id", "id", "--time", "futime", "--event", "status", "--tdc", "v=\(visits):t:v"]
        let plain = try Survkit.run(base)
        #expect(plain.status == 0)
        #expect(try Survkit.run(base + ["--delay", "0", "--tdcstart", "NA"]).stdout == plain.stdout)
        #expect(try Survkit.run(base + ["--delay", "2"]).stdout != plain.stdout)
    }

    /// A negative delay, and a non-numeric tdcstart with --cumtdc, exit 2 with one line.
    @Test func badOptionsExitTwo() throws {
        let visits = Self.path("small_visits.csv")
        let base = ["tmerge", Self.path("small_base.csv"), "--id", "id", "--time", "futime", "--event", "status"]
        let negative = try Survkit.run(base + ["--tdc", "v=\(visits):t:v", "--delay=-1"])
        #expect(negative.status == 2 && negative.stderr.contains("--delay"), "\(negative.stderr)")
        let text = try Survkit.run(base + ["--cumtdc", "cv=\(visits):t:v", "--tdcstart", "none"])
        #expect(text.status == 2 && text.stderr.contains("--tdcstart"), "\(text.stderr)")
        #expect(try Survkit.run(base + ["--tdc", "v=\(visits):t:v", "--tdcstart", "none"]).status == 0)
    }
}
