import Foundation
import Testing
import TestSupport

/// `survkit design` run as a user runs it: output, exit status, and one-line errors for bad input.
@Suite struct DesignCommandTests {
    static let seed = ["design", "--median-control", "11", "--median-treatment", "33"]

    /// Runs `survkit design ...` expecting bad input: exit 2, nothing on stdout, the message on the
    /// first stderr line. Usage errors found by `validate()` may add ArgumentParser's usage hint on
    /// following lines; input errors (a design file) and unsolvable requests are exactly one line.
    func expectBadInput(_ arguments: [String], mentions fragment: String, oneLine: Bool = false,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try Survkit.run(arguments)
        #expect(r.status == 2, "status \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.first?.contains(fragment) == true, "\(r.stderr)", sourceLocation: sourceLocation)
        if oneLine { #expect(lines.count == 1, "\(r.stderr)", sourceLocation: sourceLocation) }
    }

    // MARK: Bad input, one test each

    @Test func alphaAboveOne() throws {
        try expectBadInput(Self.seed + ["--alpha", "1.5"], mentions: "alpha 1.5 must be in (0, 1)")
    }

    @Test func alphaZero() throws {
        try expectBadInput(Self.seed + ["--alpha", "0"], mentions: "must be in (0, 1)")
    }

    @Test func hazardRatioOne() throws {
        try expectBadInput(["design", "--median-control", "11", "--hazard-ratio", "1"], mentions: "hazard ratio is 1")
    }

    @Test func equalMedians() throws {
        try expectBadInput(["design", "--median-control", "11", "--median-treatment", "11"], mentions: "hazard ratio is 1")
    }

    @Test func negativeFollowUp() throws {
        try expectBadInput(Self.seed + ["--accrual-time", "18", "--follow-up", "-3"], mentions: "follow-up must be finite and not negative")
    }

    @Test func negativeAccrualTime() throws {
        try expectBadInput(Self.seed + ["--accrual-time", "-18", "--follow-up", "12"], mentions: "accrual time must be a positive time")
    }

    @Test func negativeMedian() throws {
        try expectBadInput(["design", "--median-control", "-11", "--median-treatment", "33"], mentions: "median control must be a positive time")
    }

    @Test func negativeDropoutTime() throws {
        try expectBadInput(Self.seed + ["--dropout-rate", "0.1", "--dropout-time", "-12"], mentions: "dropout time must be positive")
    }

    @Test func allocationZeroToOne() throws {
        try expectBadInput(Self.seed + ["--allocation", "0:1"], mentions: "allocation 0:1: both arms need a positive share")
    }

    @Test func powerNotAboveAlpha() throws {
        try expectBadInput(Self.seed + ["--alpha", "0.05", "--power", "0.05"], mentions: "power 0.05 must be above alpha")
    }

    @Test func followUpUnsolvable() throws {
        try expectBadInput(Self.seed + ["--solve", "follow-up", "--patients", "25", "--accrual-time", "18"],
                           mentions: "unreachable for any follow-up", oneLine: true)
    }

    @Test func hazardRatioUnsolvable() throws {
        try expectBadInput(["design", "--median-control", "11", "--solve", "hazard-ratio", "--patients", "5",
                            "--accrual-time", "12", "--follow-up", "12", "--method", "freedman"],
                           mentions: "no hazard ratio below 1 reaches power 0.8", oneLine: true)
    }

    @Test func missingEffect() throws {
        try expectBadInput(["design", "--median-control", "11"], mentions: "the effect is missing")
    }

    @Test func unknownKeyInDesignFile() throws {
        let dir = try Survkit.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.yaml")
        try "median-control: 11\nmedian-treatmnet: 33\n".write(to: file, atomically: true, encoding: .utf8)
        try expectBadInput(["design", "--file", file.path], mentions: "bad.yaml:2:1: unknown key 'median-treatmnet'", oneLine: true)
    }

    @Test func solveWithGrid() throws {
        try expectBadInput(Self.seed + ["--grid", "accrual=12:24:6,follow-up=6", "--solve", "power"], mentions: "--grid")
    }

    @Test func failedRunLeavesNoOutputFile() throws {
        let dir = try Survkit.temporaryDirectory()
        let out = dir.appendingPathComponent("design.json").path
        let r = try Survkit.run(Self.seed + ["--alpha", "2", "--output", out])
        #expect(r.status == 2)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    // MARK: Good input

    @Test func jsonCarriesTheContractKeys() throws {
        let r = try Survkit.run(Self.seed + ["--accrual-time", "18", "--follow-up", "12", "--dropout", "0.1", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["method", "hazard_ratio", "hazard_control", "hazard_treatment", "events_required", "events",
                                      "probability_event", "probability_event_treatment", "probability_event_control",
                                      "patients_evaluable", "patients_per_arm", "patients", "patients_total", "power", "alpha",
                                      "sides", "accrual_time", "follow_up", "study_duration"])
        #expect(object["events"] as? Int == 27 && object["patients_total"] as? Int == 56)
        #expect(Tolerance(relative: 1e-6).accepts(object["patients_evaluable"] as? Double, 48.5274803))
    }

    @Test func flagsOverrideTheDesignFile() throws {
        let file = Fixtures.data("nct07363356.yaml").path
        let events = try Survkit.run(["design", "--file", file, "--format", "csv"])
        #expect(events.status == 0)
        #expect(events.stdout.split(separator: "\n")[1].hasPrefix("schoenfeld,0.3333333333333333,"))
        let freedman = try Survkit.run(["design", "--file", file, "--method", "freedman", "--format", "json"])
        #expect(freedman.stdout.contains("\"events\": 32"))
    }

    @Test func powerFollowUpAccrualTimeAndHazardRatio() throws {
        let base = Self.seed + ["--dropout", "0.1", "--format", "json"]
        let power = try Survkit.run(base + ["--patients", "56", "--accrual-time", "18", "--follow-up", "12"])
        #expect(power.status == 0 && power.stdout.contains("\"patients_evaluable\": 50.4"))
        let followUp = try Survkit.run(base + ["--solve", "follow-up", "--patients", "56", "--accrual-time", "18"])
        #expect(followUp.status == 0, "\(followUp.stderr)")
        let accrual = try Survkit.run(base + ["--solve", "accrual-time", "--accrual-rates", "4", "--follow-up", "12"])
        #expect(accrual.status == 0, "\(accrual.stderr)")
        let ratio = try Survkit.run(["design", "--median-control", "11", "--solve", "hazard-ratio", "--patients", "56",
                                     "--accrual-time", "18", "--follow-up", "12", "--format", "json"])
        #expect(ratio.status == 0 && ratio.stdout.contains("\"hazard_ratio\": 0.3"))
    }

    @Test func gridTextMarksThePairs() throws {
        let r = try Survkit.run(Self.seed + ["--dropout", "0.1", "--patients", "56", "--grid", "accrual=12:36:6,follow-up=6:36:6"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Accrual/follow-up pairs under which 56 patients (50.4 evaluable) reach power 0.8:"))
    }

    @Test func sameInputsGiveIdenticalOutput() throws {
        let args = Self.seed + ["--accrual-times", "0,6,18", "--accrual-rates", "2,4", "--follow-up", "12", "--format", "csv"]
        #expect(try Survkit.run(args).stdout == Survkit.run(args).stdout)
    }
}
