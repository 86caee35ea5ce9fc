import Foundation
import Testing
import TestSupport

/// `survkit interim` as a user runs it, on the simulated data sets and design files of
/// Tests/Fixtures/interim/ (scripts/fixtures/interim.R): the log-rank at the cut against R's
/// survdiff, the boundaries, decision, conditional power and repeated confidence interval against
/// rpact 3.3.4.
@Suite struct InterimCommandTests {
    /// survdiff's z and the hazard ratio from it: relative 1e-9.
    static let closedForm = Tolerance(relative: 1e-9)
    /// Critical values (Z) and conditional power (a probability): absolute 1e-6.
    static let integrated = Tolerance(relative: 0, absolute: 1e-6)
    /// rpact finds each repeated-confidence bound by a root search with tolerance 1e-6 on the
    /// hazard-ratio scale (as Tests/TrialDesignTests/RepeatedConfidenceIntervalTests.swift).
    static let rootSearch = Tolerance(relative: 1e-5, absolute: 1e-6)

    static let rows = (try? Fixture("interim/interim.csv").rows) ?? []
    static let caseNames = rows.map { $0.string("case") }

    /// The command line of a fixture case.
    static func arguments(_ row: [String: String]) -> [String] {
        let name = row.string("case")
        let data = name == "nct07363356_interim"
            ? Fixtures.data("nct07363356-interim.csv").path
            : Fixtures.url("interim/data/\(name).csv").path
        var arguments = ["interim", data, "--time", "time", "--event", "status", "--group", "arm",
                         "--design", Fixtures.url("interim/designs/\(name).yaml").path]
        if row.string("treatment") != "treatment" { arguments += ["--treatment", row.string("treatment")] }
        if let cut = row.double("cut") { arguments += ["--entry", "entry", "--cut", NumberText(cut)] }
        if row.string("strata") == "TRUE" { arguments += ["--strata", "site"] }
        if !row.string("previous_looks").isEmpty { arguments += ["--previous-looks", row.string("previous_looks")] }
        return arguments
    }

    static func NumberText(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }

    private func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try Survkit.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test(arguments: caseNames)
    func matchesSurvdiffAndRpact(name: String) throws {
        let row = try #require(Self.rows.first { $0.string("case") == name })
        let out = try json(Self.arguments(row))
        #expect(out["events"] as? Int == row.int("events"), "\(name) events")
        #expect(out["maximum_events"] as? Int == row.int("maximum_events"))
        #expect(out["look"] as? Int == row.int("look"))
        #expect(out["decision"] as? String == row.string("decision"), "\(name) decision")
        let arms = try #require(out["arms"] as? [[String: Any]])
        #expect(arms[0]["events"] as? Int == row.int("events_treatment"))
        #expect(Self.closedForm.accepts(out["z"] as? Double, row.double("z")), "\(name) z")
        #expect(Self.closedForm.accepts((out["z"] as? Double).map { $0 * $0 }, row.double("chisq")), "\(name) chi-square")
        #expect(Self.closedForm.accepts(out["allocation_ratio"] as? Double, row.double("allocation_ratio")))
        #expect(Self.closedForm.accepts(out["hazard_ratio"] as? Double, row.double("observed_hazard_ratio")))
        #expect(Self.integrated.accepts(out["critical_value"] as? Double, row.double("critical_value")), "\(name) bound")
        #expect(Self.integrated.accepts(out["futility_bound"] as? Double, row.double("futility_bound")))
        #expect(Self.rootSearch.accepts(out["repeated_ci_lower"] as? Double, row.double("rci_lower")), "\(name) RCI")
        #expect(Self.rootSearch.accepts(out["repeated_ci_upper"] as? Double, row.double("rci_upper")), "\(name) RCI")
        let design = row.string("conditional_power_design").split(separator: " ").map { Double($0)! }
        let observed = row.string("conditional_power_observed").split(separator: " ").map { Double($0)! }
        #expect(Self.integrated.accepts(out["conditional_power_design"] as? Double, design.last), "\(name) CP design")
        #expect(Self.integrated.accepts(out["conditional_power_observed"] as? Double, observed.last), "\(name) CP observed")
    }

    @Test func textCsvAndByteIdenticalOutput() throws {
        let row = try #require(Self.rows.first { $0.string("case") == "hsd_futility_second_look" })
        let text = try Survkit.run(Self.arguments(row))
        #expect(text.status == 0)
        #expect(text.stdout.contains("Look 2 of 3: 206 events of 281 planned"))
        #expect(text.stdout.contains("Decision: continue"))
        #expect(text.stdout.contains("Earlier looks (as they happened)"))
        let csv = try Survkit.run(Self.arguments(row) + ["--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("look,status,information_rate,events,z,critical_value"))
        #expect(lines[1].hasPrefix("1,previous,") && lines[2].hasPrefix("2,current,") && lines[3].hasPrefix("3,planned,"))
        let again = try Survkit.run(Self.arguments(row) + ["--format", "csv"])
        #expect(again.stdout == csv.stdout)
    }

    @Test func previousLooksCanComeFromTheDesignFile() throws {
        let row = try #require(Self.rows.first { $0.string("case") == "hsd_futility_second_look" })
        let dir = try Survkit.temporaryDirectory()
        let design = dir.appendingPathComponent("design.yaml")
        let original = try String(contentsOf: Fixtures.url("interim/designs/hsd_futility_second_look.yaml"), encoding: .utf8)
        try (original + "previous-looks: [\"\(row.string("previous_looks"))\"]\n").write(to: design, atomically: true, encoding: .utf8)
        var arguments = Self.arguments(row)
        let flag = try #require(arguments.firstIndex(of: "--previous-looks"))
        arguments.removeSubrange(flag...(flag + 1))
        arguments[arguments.firstIndex(of: "--design")! + 1] = design.path
        let fromFile = try json(arguments)
        let fromFlag = try json(Self.arguments(row))
        #expect(fromFile["look"] as? Int == 2)
        #expect(fromFile["critical_value"] as? Double == fromFlag["critical_value"] as? Double)
        #expect(fromFile["conditional_power_design"] as? Double == fromFlag["conditional_power_design"] as? Double)
    }

    static let example = Fixtures.data("nct07363356-interim.csv").path
    static let exampleDesign = Fixtures.data("nct07363356-gs.yaml").path
    static let base = ["interim", example, "--time", "time", "--event", "status", "--group", "arm"]

    /// Bad input: exit 2, one line on stderr, nothing on stdout.
    @Test(arguments: [
        // No events at the interim: the first recurrence is at month 1.833.
        (["--design", exampleDesign, "--entry", "entry", "--cut", "1.5"], "no events"),
        (["--design", exampleDesign, "--entry", "entry", "--cut", "-1"], "before every entry"),
        (["--design", exampleDesign, "--entry", "entry"], "--entry needs --cut"),
        (["--design", exampleDesign, "--cut", "16"], "--cut needs --entry"),
        (["--design", exampleDesign, "--treatment", "placebo"], "treatment level 'placebo' is not a level"),
        // All 26 events of the data against a 27-event design are fine; previous looks after them are not.
        (["--design", exampleDesign, "--previous-looks", "30:1"], "not more than the previous look's 30"),
        (["--design", exampleDesign, "--previous-looks", "10:1,20:2"], "at most 1 previous look"),
        (["--design", exampleDesign, "--previous-looks", "10:x"], "events:z"),
        (["--design", Fixtures.data("nct07363356.yaml").path], "the design has no looks"),
        (["--design", "/nonexistent.yaml"], "cannot read the design file"),
    ] as [([String], String)])
    func badInputExitsTwo(extra: [String], message: String) throws {
        let r = try Survkit.run(Self.base + extra)
        #expect(r.status == 2, "\(extra): \(r.stdout)")
        #expect(r.stderr.contains(message), "\(extra): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stdout.isEmpty)
    }

    @Test func groupsOtherThanTwoLevelsAndAmbiguousArmsAreRefused() throws {
        let dir = try Survkit.temporaryDirectory()
        let three = dir.appendingPathComponent("three.csv")
        try "time,status,arm\n1,1,a\n2,1,b\n3,0,c\n4,1,a\n".write(to: three, atomically: true, encoding: .utf8)
        let r = try Survkit.run(["interim", three.path, "--time", "time", "--event", "status", "--group", "arm",
                                 "--design", Self.exampleDesign, "--treatment", "a"])
        #expect(r.status == 2 && r.stderr.contains("has 3 levels"), "\(r.stderr)")
        let two = dir.appendingPathComponent("two.csv")
        try "time,status,arm\n1,1,a\n2,1,b\n3,0,b\n4,1,a\n".write(to: two, atomically: true, encoding: .utf8)
        let ambiguous = try Survkit.run(["interim", two.path, "--time", "time", "--event", "status", "--group", "arm",
                                         "--design", Self.exampleDesign])
        #expect(ambiguous.status == 2 && ambiguous.stderr.contains("--treatment LEVEL"), "\(ambiguous.stderr)")
        let more = dir.appendingPathComponent("more.csv")
        var rows = "time,status,arm\n"
        for i in 0..<40 { rows += "\(i + 1),1,\(i % 2 == 0 ? "a" : "b")\n" }
        try rows.write(to: more, atomically: true, encoding: .utf8)
        let over = try Survkit.run(["interim", more.path, "--time", "time", "--event", "status", "--group", "arm",
                                    "--design", Self.exampleDesign, "--treatment", "a"])
        // 40 events against 27 planned: an over-running final look (issue 12), not an error.
        #expect(over.status == 0 && over.stdout.contains("final analysis"), "\(over.stderr)")
        let noGroup = try Survkit.run(["interim", two.path, "--time", "time", "--event", "status", "--design", Self.exampleDesign])
        #expect(noGroup.status == 2 && noGroup.stderr.contains("--group is required"))
    }

    @Test func noPartialOutputFileOnError() throws {
        let dir = try Survkit.temporaryDirectory()
        let path = dir.appendingPathComponent("interim.json").path
        let r = try Survkit.run(Self.base + ["--design", Self.exampleDesign, "--entry", "entry", "--cut", "1.5",
                                             "--format", "json", "--output", path])
        #expect(r.status == 2)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
