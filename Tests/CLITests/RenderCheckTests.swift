import Foundation
import Testing
import TestSupport

/// scripts/render-check.sh: every shipped report page loads in headless Chromium with no console
/// message. Runs when Chromium is installed (Debian `chromium`) and says it skipped otherwise.
@Suite struct RenderCheckTests {
    @Test func shippedReportsRenderWithoutConsoleErrors() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let out = try Survkit.temporaryDirectory()
        process.arguments = ["bash", Fixtures.root.appendingPathComponent("scripts/render-check.sh").path, out.path]
        let errors = Pipe(), output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 3 {
            print("skip: chromium is not installed (Debian package chromium); render-check.sh not run")
            return
        }
        #expect(process.terminationStatus == 0, "\(message)")
        let pngs = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".png") }
        #expect(pngs.sorted() == ["nct07363356-interim.png", "nct07363356.png"])
    }
}
