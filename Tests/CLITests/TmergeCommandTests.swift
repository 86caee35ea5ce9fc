import Foundation
import Testing
import TestSupport

/// `survkit tmerge` (time-dependent covariates, last value carried forward) against survival
/// 3.5-3's `tmerge(..., tdc())` (scripts/fixtures/countingkm.R): rows and values identical.
@Suite struct TmergeCommandTests {
    static let data = "countingkm/data/"
    static func path(_ name: String) -> String { Fixtures.url(data + name).path }

    /// Parses CSV output (no quoted fields in these files) into header and rows.
    static func table(_ text: String) -> (header: [String], rows: [[String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines[0], Array(lines.dropFirst()))
    }

    /// Every output row equals the fixture's row: same count, order and values (NA = NA).
    static func expectSameRows(_ output: String, _ fixture: String, columns: [(ours: String, r: String)]) throws {
        let (header, rows) = table(output)
        let expected = try Fixture(fixture).rows
        #expect(rows.count == expected.count)
        for (fields, row) in zip(rows, expected) {
            for (ours, r) in columns {
                let k = try #require(header.firstIndex(of: ours))
                #expect(Double(fields[k]) == row.double(r), "\(ours): \(fields[k]) vs \(row.string(r))")
            }
        }
    }

    @Test func pbcseqLabsMatchTmerge() throws {
        let visits = Self.path("pbcseq_visits.csv")
        let r = try Survkit.run(["tmerge", Self.path("pbc_base.csv"), "--id", "id", "--time", "time", "--event", "death",
                                 "--tdc", "bili=\(visits):day:bili", "--tdc", "albumin=\(visits):day:albumin",
                                 "--tdc", "protime=\(visits):day:protime", "--tdc", "ascites=\(visits):day:ascites"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.expectSameRows(r.stdout, "countingkm/tmerge_pbcseq.csv",
                                columns: [("id", "id"), ("tstart", "tstart"), ("time", "tstop"), ("death", "death"),
                                          ("bili", "bili"), ("albumin", "albumin"), ("protime", "protime"), ("ascites", "ascites")])
        #expect(r.stderr.contains("ascites: 60 measurements left out for a missing time or value"))
    }

    /// Time 0, at the stop, after the stop, before the start, tied times, missing values and an
    /// id absent from the baseline, all as tmerge treats them.
    @Test func adversarialMeasurementsFollowTmerge() throws {
        let r = try Survkit.run(["tmerge", Self.path("small_base.csv"), "--id", "id", "--time", "futime", "--event", "status",
                                 "--tdc", "v=\(Self.path("small_visits.csv")):t:v"])
        #expect(r.status == 0, "\(r.stderr)")
        try Self.expectSameRows(r.stdout, "countingkm/tmerge_small.csv",
                                columns: [("id", "id"), ("tstart", "tstart"), ("futime", "tstop"), ("status", "status"), ("v", "v")])
        #expect(r.stderr.contains("1 measurement of ids not in"))
        #expect(r.stderr.contains("2 measurements left out for a missing time or value"))
    }

    /// Counting-process baselines (with --start) are cut within each row; overlapping rows of one
    /// id, duplicate ids without --start and missing ids exit 2 naming the line.
    @Test func badBaselinesExitTwo() throws {
        let visits = FileManager.default.temporaryDirectory.appendingPathComponent("tmerge-visits-\(getpid()).csv")
        try "id,t,v\n1,3,7\n,4,8\n".write(to: visits, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: visits) }
        let tdc = "v=\(visits.path):t:v"
        let duplicate = try Survkit.run(["tmerge", "-", "--id", "id", "--time", "t", "--event", "e", "--tdc", tdc],
                                        stdin: "id,t,e\n1,5,1\n1,6,0\n")
        #expect(duplicate.status == 2)
        #expect(duplicate.stderr.contains(":3") && duplicate.stderr.contains("already on line 2"))
        let overlap = try Survkit.run(["tmerge", "-", "--id", "id", "--start", "s", "--time", "t", "--event", "e", "--tdc", tdc],
                                      stdin: "id,s,t,e\n1,0,5,0\n1,4,8,1\n")
        #expect(overlap.status == 2)
        #expect(overlap.stderr.contains(":3") && overlap.stderr.contains("overlaps the one on line 2"))
        let missingId = try Survkit.run(["tmerge", "-", "--id", "id", "--start", "s", "--time", "t", "--event", "e", "--tdc", tdc],
                                        stdin: "id,s,t,e\n1,0,5,0\n1,5,8,1\n")
        #expect(missingId.status == 2)
        #expect(missingId.stderr.contains(":3") && missingId.stderr.contains("missing id"))
        #expect(missingId.stderr.split(separator: "\n").count == 1)
    }

    @Test func countingBaselineIsCutWithinRows() throws {
        let visits = FileManager.default.temporaryDirectory.appendingPathComponent("tmerge-visits2-\(getpid()).csv")
        try "id,t,v\n1,3,7\n1,5,9\n1,6,11\n".write(to: visits, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: visits) }
        let r = try Survkit.run(["tmerge", "-", "--id", "id", "--start", "s", "--time", "t", "--event", "e",
                                 "--tdc", "v=\(visits.path):t:v"], stdin: "id,s,t,e\n1,0,5,0\n1,5,8,1\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "id,s,t,e,v\n1,0,3,0,NA\n1,3,5,0,7\n1,5,6,0,9\n1,6,8,1,11\n")
    }
}
