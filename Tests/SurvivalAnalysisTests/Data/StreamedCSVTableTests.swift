import PropertyBased
import Testing
import PlatformSupport
@testable import SurvivalAnalysis

/// Standard input streamed (issue 17): decoded block by block as it arrives, with the same
/// result and messages as the same text read whole, and the text held at once bounded by a block
/// plus one record whatever the input's length.
@Suite struct StreamedCSVTableTests {
    static let requests = [DataRequest("time", .number), DataRequest("status", .event), DataRequest("g", .label)]

    /// A descriptor reading `bytes` (a temporary file, unlinked at once: the stream reads it as
    /// it would a pipe, block by block).
    static func descriptor(_ bytes: [UInt8]) throws -> Int32 {
        var template = Array("/tmp/survkit-stream-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        try #require(fd >= 0)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let written = bytes.withUnsafeBytes { Platform.write(fd, $0.baseAddress!, $0.count) }
        try #require(written == bytes.count)
        lseek(fd, 0, SEEK_SET)
        return fd
    }

    static func rows(_ parsed: ParsedColumns) -> [String] {
        ["lines \(parsed.lines)"] + ["time", "status", "g"].map { "\($0): \(ChunkedDecodePropertyTests.rows(parsed.columns[$0]!))" }
    }

    /// The table read whole, or its error, as comparable text.
    static func whole(_ bytes: [UInt8]) -> [String] {
        do { return rows(try CSVTable(bytes: bytes, source: "s.csv").read(requests)) } catch { return ["error \(error)"] }
    }

    static func streamed(_ bytes: [UInt8], blockBytes: Int) throws -> (result: [String], held: Int) {
        let fd = try descriptor(bytes)
        defer { close(fd) }
        let stream = ByteStream(fd: fd, blockBytes: blockBytes)
        do {
            let table = try DataTables.openStream(stream, member: nil, source: "s.csv")
            return (rows(try table.read(requests)), stream.largestHeldBytes)
        } catch {
            return (["error \(error)"], stream.largestHeldBytes)
        }
    }

    /// Any valid CSV (quotes with commas, line breaks and doubled quotes, CRLF, blank lines, no
    /// final line end) streamed in blocks of 1 to 64 bytes — so blocks end inside quoted fields,
    /// between CR and LF, on blank lines — decodes exactly as read whole, errors included.
    @Test func streamedEqualsWhole() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...64)) { seed, block in
            let bytes = ChunkedDecodePropertyTests.csv(seed: UInt64(seed))
            let streamed = try? Self.streamed(bytes, blockBytes: block)
            #expect(streamed?.result == Self.whole(bytes), "seed \(seed), blocks of \(block) bytes")
        }
    }

    /// A literal quote inside an unquoted field (`5"`) does not open a quoted field for the
    /// scanner, so it must not for the record boundaries either (the rest would be one record).
    @Test func quoteInsideAnUnquotedField() throws {
        let text = "time,status,g\n1,1,5\"\n2,0,a\n3,1,\"x\ny\"\n4,1,b\"c\n"
        let expected = Self.whole(Array(text.utf8))
        #expect(expected.first?.hasPrefix("lines") == true)
        for block in 1...8 { #expect(try Self.streamed(Array(text.utf8), blockBytes: block).result == expected) }
    }

    /// 20 MB of records through 64 KiB blocks: at most a block and the record it cuts are held
    /// (read whole, all 20 MB would be).
    @Test func heldTextIsBoundedByABlock() throws {
        var text = "time,status,g\n"
        let row = "12.25,1,arm-a\n34.5,0,arm-b\n"
        text.reserveCapacity(20_000_000)
        while text.utf8.count < 20_000_000 { text += row }
        let bytes = Array(text.utf8)
        let block = 1 << 16
        let (result, held) = try Self.streamed(bytes, blockBytes: block)
        #expect(result.first?.hasPrefix("lines") == true)
        #expect(held <= 2 * block, "held \(held) bytes of \(bytes.count)")
        #expect(result == Self.whole(bytes))
    }

    /// A line that never ends is refused naming its line, after 64 MiB, not read until memory
    /// runs out.
    @Test func endlessRecordIsRefused() throws {
        var bytes = Array("time,status,g\n1,1,a\n2,0,".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: FileBytes.maximumLineBytes + (1 << 20))
        let (result, held) = try Self.streamed(bytes, blockBytes: 1 << 20)
        #expect(result.count == 1 && result[0].contains("s.csv:3") && result[0].contains("64 MiB"), "\(result)")
        #expect(held <= FileBytes.maximumLineBytes + 2 << 20)
    }

    /// Standard input is consumed by the first read; a second is refused, not answered empty.
    @Test func secondReadIsRefused() throws {
        let fd = try Self.descriptor(Array("time,status,g\n1,1,a\n".utf8))
        defer { close(fd) }
        let table = try DataTables.openStream(ByteStream(fd: fd, blockBytes: 4), member: nil, source: "s.csv")
        _ = try table.read(Self.requests)
        #expect(throws: InputError.self) { try table.read(Self.requests) }
    }
}
