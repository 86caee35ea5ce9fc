import Foundation
import Testing
import TestSupport

/// "Flags override the file": a flag that gives the other form of a file's setting replaces it
/// (`--hazard-ratio` over `median-treatment`, `--hazards-control` over `median-control`), and a
/// flag meaningless in a simulation (`--dropout`, an inflation rule) is refused by name.
@Suite struct FlagsOverrideFileTests {
    /// A design file stating the effect as medians, the accrual piecewise, the dropout as an
    /// inflation.
    static func designFile() throws -> String {
        let file = try Survkit.temporaryDirectory().appendingPathComponent("d.yaml")
        try """
            median-control: 11
            median-treatment: 33
            accrual-times: [0, 6]
            accrual-rates: [2, 4]
            follow-up: 12
            dropout: 0.1
            patients: 56
            """.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func hazardRatioFlagReplacesTheFilesMedian() throws {
        let file = try Self.designFile()
        let overridden = try json(["design", "--file", file, "--hazard-ratio", "0.5"])
        #expect(overridden["hazard_ratio"] as? Double == 0.5)
        // Same as stating it all by flags.
        let flags = try json(["design", "--median-control", "11", "--hazard-ratio", "0.5", "--accrual-times", "0,6",
                              "--accrual-rates", "2,4", "--follow-up", "12", "--dropout", "0.1", "--patients", "56"])
        #expect(overridden["power"] as? Double == flags["power"] as? Double)
        // Within the flags both forms are still one too many.
        let both = try Survkit.run(["design", "--file", file, "--hazard-ratio", "0.5", "--median-treatment", "22"])
        #expect(both.status == 2 && both.stderr.contains("--median-treatment or --hazard-ratio, not both"))
    }

    @Test func aFlagsAccrualAndDropoutModelReplaceTheFiles() throws {
        let file = try Self.designFile()
        let r = try json(["design", "--file", file, "--accrual-time", "18", "--dropout-rate", "0.1", "--dropout-time", "12"])
        #expect(r["accrual_time"] as? Double == 18)
        let flags = try json(["design", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18",
                              "--follow-up", "12", "--dropout-rate", "0.1", "--dropout-time", "12", "--patients", "56"])
        #expect(r["power"] as? Double == flags["power"] as? Double)
    }

    @Test func dropoutInflationIsAlsoSpelledInFull() throws {
        let seed = ["design", "--median-control", "11", "--median-treatment", "33", "--accrual-time", "18", "--follow-up", "12"]
        let short = try json(seed + ["--dropout", "0.1"])
        let long = try json(seed + ["--dropout-inflation", "0.1"])
        #expect(short["patients_total"] as? Int == long["patients_total"] as? Int)
        #expect(short["patients_total"] as? Int != nil)
    }

    @Test func hazardsControlFlagReplacesTheFilesMedian() throws {
        let file = try Self.designFile()
        let r = try Survkit.run(["simulate", "--file", file, "--hazards-control", "0.063", "--hazard-ratio", "0.5",
                                 "--accrual-time", "18", "--events", "27", "--replicates", "200", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let plan = try (JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["plan"] as! [String: Any]
        #expect(plan["events"] as? Int == 27)
    }

    @Test func simulateRefusesTheDropoutInflationFlag() throws {
        let r = try Survkit.run(["simulate", "--median-control", "11", "--hazard-ratio", "0.5", "--accrual-time", "18",
                                 "--patients", "56", "--events", "27", "--dropout", "0.1"])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").first?.contains("--dropout-rate") == true, "\(r.stderr)")
    }
}
