import Foundation
import Testing
import TestSupport

/// Inputs that used to give a wrong number with exit 0 (issue 17): each now gives the right
/// number or is refused with exit 2 naming the problem.
@Suite struct SilentNumberRegressionTests {
    @Test func latin1LabelsAreNotMerged() throws {
        // "café" and "cafè" in Latin-1: both used to decode as "caf\u{FFFD}", one group.
        var bytes = Array("time,status,g\n1,1,caf".utf8) + [0xE9] + Array("\n2,1,caf".utf8) + [0xE8]
        bytes += Array("\n3,0,caf".utf8) + [0xE9] + [0x0A]
        let path = try Reliability.file("latin1.csv", bytes)
        try Reliability.expectRefused(["km", path, "--time", "time", "--event", "status", "--group", "g"],
                                      mentions: ["latin1.csv:2:3", "column 3 'g'", "caf\\xE9", "not valid UTF-8"])
    }

    @Test func validUTF8LabelsStayApart() throws {
        let path = try Reliability.file("utf8.csv", "time,status,g\n1,1,café\n2,1,cafè\n3,0,café\n4,1,cafè\n")
        let r = try Survkit.run(["km", path, "--time", "time", "--event", "status", "--group", "g", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let groups = (json?["groups"] as? [[String: Any]])?.compactMap { $0["group"] as? String }
        #expect(groups?.count == 2)
    }

    @Test func hugeNumbersAreNotTruncatedInText() throws {
        let path = try Reliability.file("big.csv", "time,status\n1e64,1\n2e64,0\n5,1\n")
        let r = try Survkit.run(["km", path, "--time", "time", "--event", "status"])
        #expect(r.status == 0, "\(r.stderr)")
        // %.0f of 1e64 has 65 digits; the fixed 64-byte buffer cut it to 63.
        #expect(r.stdout.contains("10000000000000000213204190094543968723012578712679649467743338496"), "\(r.stdout)")
    }

    @Test func designCeilingNeverGoesDown() throws {
        let r = try Survkit.run(["design", "--median-control", "12", "--hazard-ratio", "0.9999", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let required = try #require(json?["events_required"] as? Double)
        let events = try #require((json?["events"] as? NSNumber)?.int64Value)
        #expect(required > 3.1e9)
        #expect(Double(events) >= required && Double(events) < required + 1, "\(events) for \(required)")
    }

    @Test func designWithADenormalAccrualTimeIsRefused() throws {
        try Reliability.expectRefused(["design", "--median-control", "12", "--hazard-ratio", "0.7",
                                       "--accrual-time", "4.9e-324", "--follow-up", "12"],
                                      mentions: ["P(event)", "not be a finite number"])
    }

    @Test func vanishingFlemingHarringtonWeightsAreRefused() throws {
        var csv = "time,status,g\n"
        for i in 1...40 { csv += "\(i),1,\(i % 2)\n" }
        let path = try Reliability.file("fh.csv", csv)
        try Reliability.expectRefused(["logrank", path, "--time", "time", "--event", "status", "--group", "g", "--gamma", "1e9"],
                                      mentions: ["fh.csv", "underflow", "smaller rho or gamma"])
    }

    /// Found by the differential tests (differential2's "weights all zero" runs): with γ > 0 and
    /// every event at the first event time, S(t−) = 1 makes every weight exactly 0 (no underflow);
    /// the refusal must say so rather than only blame underflow.
    @Test func flemingHarringtonWeightsZeroAtTheOnlyEventTimeAreRefused() throws {
        let path = try Reliability.file("first.csv", "time,status,g\n2,1,a\n2,1,b\n3,0,a\n5,0,b\n7,0,a\n")
        try Reliability.expectRefused(["logrank", path, "--time", "time", "--event", "status", "--group", "g", "--gamma", "0.5"],
                                      mentions: ["first.csv", "first event time", "S(t-) is 1", "no information"])
    }

    @Test func duplicateHeaderNamesAreRefusedWhenUsed() throws {
        let path = try Reliability.file("dup.csv", "time,status,time,x\n1,1,2,a\n2,0,3,b\n3,1,1,a\n")
        try Reliability.expectRefused(["km", path, "--time", "time", "--event", "status"],
                                      mentions: ["dup.csv:1:1", "columns 1 and 3 are both named 'time'"])
        // A duplicate that is not used is harmless.
        let unused = try Reliability.file("dup2.csv", "time,status,x,x\n1,1,a,b\n2,0,a,b\n3,1,a,b\n")
        let r = try Survkit.run(["km", unused, "--time", "time", "--event", "status"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func rawNewlineInAHeaderStaysOnOneLine() throws {
        let path = try Reliability.file("nl.csv", "\"ti\nme\",status\n1,1\nx,0\n")
        try Reliability.expectRefused(["km", path, "--time", "ti\nme", "--event", "status"],
                                      mentions: ["nl.csv:4:1 (column 1 'ti\\nme')", "'x' is not a number"])
    }
}
