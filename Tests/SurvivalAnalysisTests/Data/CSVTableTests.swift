import Testing
import TestSupport
@testable import SurvivalAnalysis

@Suite struct CSVTableTests {
    func table(_ text: String) throws -> CSVTable { try CSVTable(bytes: Array(text.utf8), source: "t.csv") }

    @Test func readsQuotedFieldsWithCommasAndNewlines() throws {
        let t = try table("time,status,arm\n1,1,\"a, b\"\n2,0,\"say \"\"hi\"\"\"\n3,1,\"two\nlines\"\n")
        let cols = try t.read([.number("time"), .label("arm")])
        guard case let .label(codes, levels) = cols.columns["arm"]! else { Issue.record("not a label"); return }
        #expect(levels == ["a, b", "say \"hi\"", "two\nlines"])
        #expect(codes == [0, 1, 2])
        #expect(cols.lines == [2, 3, 4])
    }

    @Test func crlfAndBlankLinesAndBOM() throws {
        let t = try table("\u{FEFF}time,status\r\n1.5,1\r\n\r\n2.5,0\r\n")
        let cols = try t.read([.number("time")])
        guard case let .number(v) = cols.columns["time"]! else { Issue.record("not numbers"); return }
        #expect(v == [1.5, 2.5])
        #expect(cols.lines == [2, 4])
    }

    @Test func numbersParseExactlyAsStrtod() throws {
        let texts = ["0.1", "1e-300", "123456789012345678", "3.14159265358979323846", "-0", "  7 ", "2.5E3", "5e-324"]
        let t = try table("x\n" + texts.joined(separator: "\n") + "\n")
        guard case let .number(v) = try t.read([.number("x")]).columns["x"]! else { Issue.record(); return }
        let expected = texts.map { Double($0.trimmingCharacters(in: " "))! }
        #expect(v == expected)
    }

    @Test func raggedRowNamesItsLine() throws {
        let t = try table("a,b\n1,2\n3\n")
        #expect { try t.read([.number("a")]) } throws: { ($0 as? InputError)?.line == 3 }
    }

    @Test func nonNumericValueNamesLineAndColumn() throws {
        let t = try table("a,b\n1,2\n3,x\n")
        #expect { try t.read([.number("b")]) } throws: {
            let e = $0 as! InputError
            return e.line == 3 && e.column == 2 && e.columnName == "b" && e.description.contains("'x'")
        }
    }

    @Test func unknownColumnAndEmptyFile() throws {
        #expect(throws: InputError.self) { try table("").header }
        #expect(throws: InputError.self) { try table("a,b\n").read([.number("a")]) }
        #expect(throws: InputError.self) { try table("a,b\n1,2\n").read([.number("c")]) }
    }

    @Test func unclosedQuoteIsAnError() throws {
        let t = try table("a,b\n1,\"2\n")
        #expect(throws: InputError.self) { try t.read([.number("a")]) }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
