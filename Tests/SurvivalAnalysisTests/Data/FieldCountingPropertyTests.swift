import PropertyBased
import Testing
@testable import SurvivalAnalysis

/// Property: the fields after the last wanted column are counted, not stored
/// (`CSVScanner.countFields`), and that changes nothing: decoding only the first column gives
/// the same values, line numbers and errors (wrong field counts, bad quoting) as decoding it
/// together with the last column, which makes the scanner store every field.
@Suite struct FieldCountingPropertyTests {
    static func csv(seed: UInt64) -> [UInt8] {
        var r = SplitMix64(seed: seed)
        let width = 2 + r.below(12)
        let crlf = r.below(3)  // 0 LF, 1 CRLF, 2 mixed, as the chunked-decode property
        func end() -> String { crlf == 0 ? "\n" : crlf == 1 ? "\r\n" : r.pick(["\n", "\r\n", "\r"]) }
        // Short and long (past a word) fields, quoted ones with commas, quotes and line breaks
        // inside, text after a closing quote (an error), a quote inside an unquoted field (text).
        let rest = ["", "x", "12345678901", "a b c d e f g h", "\"q,r\"", "\"s\"\"t\"", "\"u\nv\"",
                    "\"w\"z", "ab\"c", "-0.5", "NA"]
        var text = (0..<width).map { "c\($0)" }.joined(separator: ",") + end()
        let rows = 1 + r.below(60)
        for k in 0..<rows {
            // Now and then a record with a field too few or too many.
            let fields = r.below(25) == 0 ? width + r.pick([-1, 1]) : width
            var record = ["\(r.below(1000))"]
            for _ in 1..<max(fields, 1) { record.append(r.pick(rest)) }
            text += record.joined(separator: ",")
            if k < rows - 1 || r.below(2) == 0 { text += end() }
        }
        return Array(text.utf8)
    }

    static func decoded(_ table: CSVTable, lastToo: Bool, pieces: Int) -> [String] {
        var requests: [ColumnRequest] = [.number("c0")]
        if lastToo { requests.append(.label(table.header.last!)) }
        do {
            let parsed = try table.read(requests, pieces: pieces, minimumParallelBytes: pieces == 1 ? Int.max : 0)
            guard case let .number(values) = parsed.columns["c0"]! else { return ["not numbers"] }
            return ["lines \(parsed.lines)", "c0 \(values.map(\.bitPattern))"]
        } catch {
            return ["error \(error)"]
        }
    }

    @Test func countingTheRestEqualsStoringIt() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...4)) { seed, pieces in
            let bytes = Self.csv(seed: UInt64(seed))
            guard let table = try? CSVTable(bytes: bytes, source: "w.csv") else {
                Issue.record("header of seed \(seed) not read")
                return
            }
            #expect(Self.decoded(table, lastToo: false, pieces: pieces) == Self.decoded(table, lastToo: true, pieces: pieces),
                    "seed \(seed), \(pieces) pieces")
        }
    }

    /// The counting itself, against a byte-by-byte count, on records whose line end falls at
    /// every offset within and across words (`countFields` works eight bytes at a time).
    @Test func countFieldsAgreesWithAByteWalk() {
        for length in 0..<40 {
            for commaEvery in 1..<6 {
                var record = (0..<length).map { $0 % commaEvery == commaEvery - 1 ? UInt8(ascii: ",") : UInt8(ascii: "7") }
                let commas = record.filter { $0 == UInt8(ascii: ",") }.count
                for ending in [[UInt8](), [UInt8(ascii: "\n")], [UInt8(ascii: "\r"), UInt8(ascii: "\n")]] {
                    let bytes = record + ending + Array("9,9,9\n".utf8)
                    let counted = bytes.withUnsafeBufferPointer {
                        CSVScanner.countFields($0.baseAddress!, from: 0, count: ending.isEmpty ? length : bytes.count)
                    }
                    #expect(counted?.fields == commas + 1 && counted?.recordEnd == length, "length \(length), every \(commaEvery)")
                }
                // A quote anywhere before the line end hands the record back to the field walk.
                if length > 0 {
                    record[length / 2] = UInt8(ascii: "\"")
                    let bytes = record + Array("\n".utf8)
                    #expect(bytes.withUnsafeBufferPointer { CSVScanner.countFields($0.baseAddress!, from: 0, count: bytes.count) } == nil)
                }
            }
        }
    }
}

private extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
