import Foundation
import Testing
import TestSupport

/// Shared checks of the reliability regression tests (issue 17): bad input is exit 2 with one
/// line on stderr naming the problem, nothing on stdout and no file left behind.
enum Reliability {
    /// Runs survkit and expects exit 2 with one stderr line containing every fragment.
    @discardableResult
    static func expectRefused(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil,
                              mentions fragments: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let r = try Survkit.run(arguments, stdin: stdin, in: directory)
        #expect(r.status == 2, "status \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "stdout: \(r.stdout.prefix(200))", sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1, "not one line: \(r.stderr)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(r.stderr.contains(fragment), "'\(fragment)' not in: \(r.stderr)", sourceLocation: sourceLocation)
        }
        return r
    }

    /// Writes `bytes` to a new file in a fresh folder and returns its path.
    static func file(_ name: String, _ bytes: [UInt8], in folder: URL? = nil) throws -> String {
        let dir = try folder ?? Survkit.temporaryDirectory()
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static func file(_ name: String, _ text: String, in folder: URL? = nil) throws -> String {
        try file(name, Array(text.utf8), in: folder)
    }

    /// The names in a folder, sorted (to assert that no temporary or partial file is left).
    static func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }
}
