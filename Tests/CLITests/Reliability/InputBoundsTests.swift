import Foundation
import Testing
import TestSupport

/// Large and unbounded input (issue 17): chunked decoding of big files with blank lines, and
/// documented limits on a line's and a field's size instead of unbounded memory.
@Suite struct InputBoundsTests {
    /// ≥ 4 MiB (decoded in parallel chunks on a multi-core machine) with runs of blank lines, so
    /// that chunk boundaries fall on blank lines: same result as the file without them.
    @Test func bigFileWithBlankLinesDecodesAsWithout() throws {
        var withBlanks = "time,status,arm\n"
        var without = "time,status,arm\n"
        var i = 0
        while withBlanks.utf8.count < 5 << 20 {
            let row = "\(i % 97 + 1),\(i % 3 == 0 ? 0 : 1),\(i % 2 == 0 ? "a" : "b")\n"
            withBlanks += row + String(repeating: "\n", count: 40)
            without += row
            i += 1
        }
        let folder = try Survkit.temporaryDirectory()
        let a = try Reliability.file("blanks.csv", withBlanks, in: folder)
        let b = try Reliability.file("plain.csv", without, in: folder)
        let arguments = ["--time", "time", "--event", "status", "--group", "arm", "--format", "json"]
        let ra = try Survkit.run(["logrank", a] + arguments)
        let rb = try Survkit.run(["logrank", b] + arguments)
        #expect(ra.status == 0, "\(ra.stderr)")
        #expect(ra.stdout == rb.stdout)
    }

    @Test func endlessInputWithoutLineBreaksIsRefused() throws {
        try Reliability.expectRefused(["km", "/dev/zero", "--time", "time", "--event", "status"],
                                      mentions: ["/dev/zero:1:", "line longer than 64 MiB"])
    }

    @Test func hugeQuotedFieldIsRefusedNamingItsLine() throws {
        let field = String(repeating: "x\n", count: 600_000)
        let path = try Reliability.file("wide.csv", "time,status,g\n1,1,a\n2,1,\"\(field)\"\n")
        try Reliability.expectRefused(["km", path, "--time", "time", "--event", "status"],
                                      mentions: ["wide.csv:3:3", "field longer than 1 MiB"])
    }
}
