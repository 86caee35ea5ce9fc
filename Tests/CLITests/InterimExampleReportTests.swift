import Foundation
import Testing
import TestSupport

/// The committed worked interim example (reports/nct07363356-interim/) must be what the current
/// survkit generates: scripts/make-reports.sh is run with this build's binary into temporary
/// folders and every file is compared byte for byte. If this fails after an intended change,
/// regenerate with `scripts/make-reports.sh` and commit the new report.
@Suite struct InterimExampleReportTests {
    static let reportFolder = Fixtures.root.appendingPathComponent("reports/nct07363356-interim")

    /// Runs make-reports.sh with the given output folders; returns its stderr on failure.
    private func makeReports(_ folders: [URL]) throws -> (status: Int32, message: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", Fixtures.root.appendingPathComponent("scripts/make-reports.sh").path] + folders.map(\.path)
        var environment = ProcessInfo.processInfo.environment
        environment["SURVKIT"] = Survkit.executable.path
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    @Test func committedReportIsWhatSurvkitGenerates() throws {
        let design = try Survkit.temporaryDirectory(), interim = try Survkit.temporaryDirectory()
        let run = try makeReports([design, interim])
        #expect(run.status == 0, "make-reports.sh failed: \(run.message)")
        let files = FileManager.default
        let generated = try files.contentsOfDirectory(atPath: interim.path).sorted()
        let committed = try files.contentsOfDirectory(atPath: Self.reportFolder.path).filter { $0 != "README.md" }.sorted()
        #expect(generated == ["boundaries.svg", "design-boundaries.svg", "design-events.svg", "design.json", "design.txt", "index.html",
                              "interim.csv", "interim.json", "interim.txt", "km.svg", "report.md"])
        #expect(generated == committed, "generated \(generated), committed \(committed)")
        for name in generated {
            let fresh = try String(contentsOf: interim.appendingPathComponent(name), encoding: .utf8)
            let kept = try String(contentsOf: Self.reportFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(fresh == kept, "reports/nct07363356-interim/\(name) differs from what survkit now generates")
        }
        // The design report is written alongside, as with one folder.
        #expect(try files.contentsOfDirectory(atPath: design.path).count == 16)
    }

    @Test func oneFolderWritesTheDesignReportOnly() throws {
        let design = try Survkit.temporaryDirectory()
        let run = try makeReports([design])
        #expect(run.status == 0, "\(run.message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: design.path).allSatisfy { !$0.hasPrefix("interim") })
    }

    /// The look is at half of the 27 planned events (14), with the decision and conditional power
    /// shown; the numbers are those R and rpact give (Tests/Fixtures/interim/interim.csv, case
    /// nct07363356_interim).
    @Test func reportShowsTheLookAtHalfTheEvents() throws {
        let text = try String(contentsOf: Self.reportFolder.appendingPathComponent("interim.txt"), encoding: .utf8)
        #expect(text.contains("Look 1 of 2: 14 events of 27 planned, information fraction 0.5185"))
        #expect(text.contains("Decision: "))
        #expect(text.contains("Conditional power"))
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.reportFolder.appendingPathComponent("interim.json"))) as? [String: Any])
        let row = try #require(try Fixture("interim/interim.csv").rows(where: "case", is: "nct07363356_interim").first)
        #expect(json["events"] as? Int == 14 && json["maximum_events"] as? Int == 27)
        #expect(json["decision"] as? String == row.string("decision"))
        let probability = Tolerance(relative: 0, absolute: 1e-6)
        #expect(probability.accepts(json["conditional_power_design"] as? Double,
                                    Double(row.string("conditional_power_design"))))
        #expect(probability.accepts(json["conditional_power_observed"] as? Double,
                                    Double(row.string("conditional_power_observed"))))
        #expect(Tolerance(relative: 1e-9).accepts(json["z"] as? Double, row.double("z")))
        let design = try String(contentsOf: Self.reportFolder.appendingPathComponent("design.txt"), encoding: .utf8)
        #expect(design.contains("events required       26.11 -> 27"))
    }
}
