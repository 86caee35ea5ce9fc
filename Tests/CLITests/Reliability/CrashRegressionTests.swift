import Foundation
import Testing
import TestSupport

/// Inputs that used to end in a signal (SIGABRT, SIGSEGV, SIGILL) or an internal error: each is
/// now refused with exit 2 and one line, before anything large is allocated (issue 17).
@Suite struct CrashRegressionTests {
    @Test func coxFactorWithThousandsOfLevels() throws {
        var csv = "time,status,id\n"
        for i in 1...3000 { csv += "\(i % 50 + 1),\(i % 2),p\(i)\n" }
        let path = try Reliability.file("ids.csv", csv)
        try Reliability.expectRefused(["cox", path, "--time", "time", "--event", "status", "--factors", "id"],
                                      mentions: ["column 3 'id'", "3000 levels", "at most 1000 levels"])
    }

    @Test(arguments: ["9223372036854775807", "4611686018427387904", "1000000000"])
    func boundariesWithHugeLooks(looks: String) throws {
        try Reliability.expectRefused(["boundaries", "--looks", looks], mentions: ["at most 20 looks", looks])
    }

    @Test func designGridWithAnEndlessAxis() throws {
        let base = ["design", "--median-control", "12", "--hazard-ratio", "0.7", "--accrual-time", "12", "--follow-up", "12"]
        try Reliability.expectRefused(base + ["--grid", "accrual=0:1e300:1e-300"], mentions: ["more than 10000 values"])
        try Reliability.expectRefused(base + ["--grid", "accrual=1:1e308:1e-308"], mentions: ["more than 10000 values"])
    }

    @Test func designFileGridWithAnEndlessAxis() throws {
        let path = try Reliability.file("d.yaml", "median-control: 12\nhazard-ratio: 0.7\naccrual-time: 12\nfollow-up: 12\ngrid: accrual=0:1e300:1e-300\n")
        try Reliability.expectRefused(["design", "--file", path], mentions: ["more than 10000 values"])
    }

    @Test func boundariesPowerBeyondRpactsRange() throws {
        // rpact refuses beta < 1e-4; the drift search failed (exit 1) at 0.999999.
        try Reliability.expectRefused(["boundaries", "--looks", "3", "--power", "0.999999"],
                                      mentions: ["--power must be at most 0.9999"])
        try Reliability.expectRefused(["boundaries", "--looks", "3", "--power", "0.9999999"],
                                      mentions: ["--power must be at most 0.9999"])
        let edge = try Survkit.run(["boundaries", "--looks", "3", "--power", "0.9999", "--format", "json"])
        #expect(edge.status == 0, "\(edge.stderr)")
    }

    @Test func dropoutInflationBeyondAnyTrialIsRefused() throws {
        // 1 / (1 − 0.9999999999999999) ≈ 9e15: the enrolment trapped converting to Int (SIGILL).
        try Reliability.expectRefused(["design", "--median-control", "12", "--hazard-ratio", "0.9", "--accrual-time", "12",
                                       "--follow-up", "12", "--dropout", "0.9999999999999999"],
                                      mentions: ["more than 10^12 patients to enrol"])
    }
}
