import Foundation
import Testing
import TestSupport

/// The committed reproduction report of the seed trial (reports/nct07363356/) must be what the
/// current survkit generates: scripts/make-reports.sh is run with this build's binary into a
/// temporary folder and every file is compared byte for byte. If this fails after an intended
/// change, regenerate with `scripts/make-reports.sh` and commit the new report.
@Suite struct ReproductionReportTests {
    static let reportFolder = Fixtures.root.appendingPathComponent("reports/nct07363356")

    @Test func committedReportIsWhatSurvkitGenerates() throws {
        let temporary = try Survkit.temporaryDirectory()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", Fixtures.root.appendingPathComponent("scripts/make-reports.sh").path, temporary.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SURVKIT"] = Survkit.executable.path
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "make-reports.sh failed: \(message)")

        let files = FileManager.default
        let generated = try files.contentsOfDirectory(atPath: temporary.path).sorted()
        let committed = try files.contentsOfDirectory(atPath: Self.reportFolder.path).filter { $0 != "README.md" }.sorted()
        #expect(generated == committed, "generated \(generated), committed \(committed)")
        #expect(generated.count == 16)  // 10 text/CSV reports, and the bundle's index.html, report.md, design.json, power.svg, sensitivity.csv/.svg
        for name in generated {
            let fresh = try String(contentsOf: temporary.appendingPathComponent(name), encoding: .utf8)
            let kept = try String(contentsOf: Self.reportFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(fresh == kept, "reports/nct07363356/\(name) differs from what survkit now generates")
        }
    }

    @Test func reportShowsTheIssuesNumbers() throws {
        func read(_ name: String) throws -> String {
            try String(contentsOf: Self.reportFolder.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(try read("events-schoenfeld.txt").contains("events required  26.01 -> 27"))
        #expect(try read("events-freedman.txt").contains("events required  31.40 -> 32"))
        #expect(try read("patients-accrual18-followup12.txt").contains("patients evaluable    48.53"))
        #expect(try read("sensitivity-schoenfeld.txt").contains("56 patients (50.4 evaluable) reach power 0.8"))
    }
}
