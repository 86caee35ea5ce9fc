import Foundation
import Testing
import TestSupport

/// `survkit tmerge --tdc NAME=FILE:TIME` (indicator), `--cumtdc`, `--event-from` and `--cumevent`
/// against survival 3.5-3's `tmerge` with `tdc(time)`, `cumtdc(time, value)`, `event(time[, value])`
/// and `cumevent(time)` (scripts/fixtures/countingkm.R): rows and values identical.
@Suite struct TmergeOperatorsCommandTests {
    static func path(_ name: String) -> String { TmergeCommandTests.path(name) }

    /// The cgd0 infection times as events and a running infection count, as the tmerge vignette.
    @Test func cgdInfectionsMatchEventAndCumevent() throws {
        let infections = Self.path("cgd0_infections.csv")
        let r = try Survkit.run(["tmerge", Self.path("cgd0_base.csv"), "--id", "id", "--time", "futime", "--event", "status",
                                 "--event-from", "infect=\(infections):etime", "--cumevent", "ninf=\(infections):etime"])
        #expect(r.status == 0, "\(r.stderr)")
        try TmergeCommandTests.expectSameRows(r.stdout, "countingkm/tmerge_cgd_events.csv",
                                              columns: [("id", "id"), ("tstart", "tstart"), ("futime", "tstop"), ("status", "status"),
                                                        ("infect", "infect"), ("ninf", "ninf")])
    }

    /// pbcseq: a value carried forward, a 0/1 indicator from the days with ascites, and the
    /// running count of visits with ascites (missing values left out, as na.rm).
    @Test func pbcseqIndicatorAndCumulativeMatchTmerge() throws {
        let visits = Self.path("pbcseq_visits.csv")
        let r = try Survkit.run(["tmerge", Self.path("pbc_base.csv"), "--id", "id", "--time", "time", "--event", "death",
                                 "--tdc", "bili=\(visits):day:bili", "--tdc", "asc=\(Self.path("pbcseq_ascites_days.csv")):day",
                                 "--cumtdc", "ascvisits=\(visits):day:ascites"])
        #expect(r.status == 0, "\(r.stderr)")
        try TmergeCommandTests.expectSameRows(r.stdout, "countingkm/tmerge_pbcseq_more.csv",
                                              columns: [("id", "id"), ("tstart", "tstart"), ("time", "tstop"), ("death", "death"),
                                                        ("bili", "bili"), ("asc", "asc"), ("ascvisits", "ascvisits")])
    }

    /// Every operator on the adversarial case: events at time 0, at a stop, tied, after the stop,
    /// with a missing time; cumulative sums over tied and missing values.
    @Test func adversarialOperatorsFollowTmerge() throws {
        let visits = Self.path("small_visits.csv"), events = Self.path("small_events.csv")
        let r = try Survkit.run(["tmerge", Self.path("small_base.csv"), "--id", "id", "--time", "futime", "--event", "status",
                                 "--tdc", "on=\(visits):t", "--cumtdc", "cv=\(visits):t:v",
                                 "--event-from", "ev=\(events):t", "--event-from", "ev2=\(events):t:v", "--cumevent", "cev=\(events):t"])
        #expect(r.status == 0, "\(r.stderr)")
        try TmergeCommandTests.expectSameRows(r.stdout, "countingkm/tmerge_small_more.csv",
                                              columns: [("id", "id"), ("tstart", "tstart"), ("futime", "tstop"), ("status", "status"),
                                                        ("on", "on"), ("cv", "cv"), ("ev", "ev"), ("ev2", "ev2"), ("cev", "cev")])
    }

    /// A --cumtdc without a value column, a --cumevent with one, and a non-numeric --cumtdc
    /// value exit 2 (the last naming file, line and column).
    @Test func badOperatorSpecsExitTwo() throws {
        let visits = Self.path("small_visits.csv"), base = Self.path("small_base.csv")
        let common = ["tmerge", base, "--id", "id", "--time", "futime", "--event", "status"]
        #expect(try Survkit.run(common + ["--cumtdc", "cv=\(visits):t"]).status == 2)
        #expect(try Survkit.run(common + ["--cumevent", "c=\(visits):t:v"]).status == 2)
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("tmerge-cum-\(getpid()).csv")
        try "id,t,v\n1,3,7\n1,4,high\n".write(to: text, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: text) }
        let r = try Survkit.run(common + ["--cumtdc", "cv=\(text.path):t:v"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(":3") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
