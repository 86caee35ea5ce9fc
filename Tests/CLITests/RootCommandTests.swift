import Testing
import TestSupport

@Suite struct RootCommandTests {
    @Test func helpExitsZero() throws {
        let r = try Survkit.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("survkit"))
    }

    @Test func unknownSubcommandIsUsageError() throws {
        let r = try Survkit.run(["no-such-command"])
        #expect(r.status == 2)
    }
}
