import Testing
@testable import SurvivalAnalysis

/// Bodies over ``RecordChunks/minimumParallelBytes`` are decoded in pieces on several cores;
/// the result must be exactly what one pass gives.
@Suite struct RecordChunksTests {
    /// A CSV large enough to be split: row i has time i/100, a label that first appears in the
    /// second half for i ≥ rows/2 ("late"), and a blank line every 1000 rows.
    func bigCSV(rows: Int, badRow: Int? = nil) -> (text: String, lineOfRow: [Int]) {
        var text = "time,status,arm,pad\n"
        var lineOfRow: [Int] = []
        var line = 2
        let pad = String(repeating: "x", count: 60)
        for i in 0..<rows {
            if i % 1000 == 999 { text += "\n"; line += 1 }
            let arm = i >= rows / 2 && i % 3 == 0 ? "late" : (i % 2 == 0 ? "a" : "b")
            let time = i == badRow ? "oops" : "\(Double(i) / 100)"
            text += "\(time),\(i % 2),\(arm),\(pad)\n"
            lineOfRow.append(line)
            line += 1
        }
        return (text, lineOfRow)
    }

    @Test func splitDecodingEqualsTheRows() throws {
        let rows = 80_000
        let (text, lineOfRow) = bigCSV(rows: rows)
        let bytes = Array(text.utf8)
        #expect(bytes.count > RecordChunks.minimumParallelBytes)
        let table = try CSVTable(bytes: bytes, source: "big.csv")
        let chunks = RecordChunks.split(bytes, from: table.bodyStart)
        let parsed = try table.read([.number("time"), .event("status"), .label("arm")])
        #expect(parsed.rowCount == rows)
        #expect(parsed.lines.map(Int.init) == lineOfRow)
        guard case let .number(time) = parsed.columns["time"]!,
              case let .event(status) = parsed.columns["status"]!,
              case let .label(codes, levels) = parsed.columns["arm"]! else { Issue.record("kinds"); return }
        #expect(time == (0..<rows).map { Double($0) / 100 })
        #expect(status == (0..<rows).map { Double($0 % 2) })
        #expect(Set(levels) == ["a", "b", "late"])
        let labels = codes.map { levels[Int($0)] }
        #expect(labels == (0..<rows).map { i in i >= rows / 2 && i % 3 == 0 ? "late" : (i % 2 == 0 ? "a" : "b") })
        // On a one-core machine there is one chunk; the check above still holds.
        #expect(chunks.first?.start == table.bodyStart && chunks.last?.end == bytes.count)
    }

    @Test func errorInALaterChunkNamesItsTrueLine() throws {
        let rows = 80_000
        let bad = 70_123
        let (text, lineOfRow) = bigCSV(rows: rows, badRow: bad)
        let table = try CSVTable(bytes: Array(text.utf8), source: "big.csv")
        #expect { try table.read([.number("time")]) } throws: {
            ($0 as? InputError)?.line == lineOfRow[bad] && ($0 as? InputError)?.column == 1
        }
    }

    @Test func quotedBodiesAreNotSplit() {
        var text = "a,b\n"
        for i in 0..<200_000 { text += "\(i),\"x\"\n" }
        let bytes = Array(text.utf8)
        #expect(RecordChunks.split(bytes, from: 4).count == 1)
    }
}
