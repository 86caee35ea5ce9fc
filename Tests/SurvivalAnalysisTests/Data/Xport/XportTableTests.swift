import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// The XPORT reader against what pyreadstat (scripts/fixtures/xpt.py) and haven::read_xpt
/// (scripts/fixtures/xpt.R) read from the same files.
@Suite struct XportTableTests {
    /// IBM → IEEE keeps 53 bits by truncation exactly as TS-140's xpt2ieee (which both references
    /// use): the values must agree bit for bit, so the tolerance is zero.
    static let conversion = Tolerance(relative: 0)

    func open(_ name: String, member: String? = nil) throws -> any DataTable {
        try DataTables.open(path: Fixtures.url("xpt/\(name)").path, member: member)
    }

    /// Compares every value of `fixture` rows for `file` (and `member`) with what survkit reads.
    func check(_ fixture: Fixture, file: String, member: String = "", readAs memberName: String? = nil) throws {
        let rows = fixture.rows.filter { $0["file"] == file && $0["member"] == member }
        #expect(!rows.isEmpty, "no fixture rows for \(file)")
        let table = try open(file, member: memberName)
        guard let xport = table as? XportTable else { Issue.record("\(file) not read as XPORT"); return }
        var compared = 0
        for variable in Set(rows.map { $0["variable"]! }) {
            let expected = rows.filter { $0["variable"] == variable }.sorted { Int($0["row"]!)! < Int($1["row"]!)! }
            let v = try #require(xport.member.variables.first { $0.name == variable })
            // Numbers as decoded (±∞ included, which the .number role refuses for analysis).
            let column: ParsedColumn = v.isNumeric ? .number(xport.numericValues(v))
                : try table.read([DataRequest(variable, .label)]).columns[variable]!
            #expect(xport.member.rowCount == expected.count, "\(file) \(variable): row count")
            switch column {
            case .number(let values):
                for (i, row) in expected.enumerated() where i < values.count {
                    let text = row["value"]!.lowercased()
                    let want: Double? = text == "na" ? nil : text == "inf" ? .infinity : text == "-inf" ? -.infinity : Double(text)!
                    let got: Double? = values[i].isNaN ? nil : values[i]
                    #expect(Self.conversion.accepts(got, want), "\(file) \(variable) row \(i + 1): \(String(describing: got)) vs \(text)")
                    compared += 1
                }
            case .label(let codes, let levels):
                for (i, row) in expected.enumerated() where i < codes.count {
                    let got = codes[i] < 0 ? "" : levels[Int(codes[i])]
                    #expect(got == row["value"]!, "\(file) \(variable) row \(i + 1)")
                    compared += 1
                }
            case .event: Issue.record("unexpected event column")
            }
        }
        #expect(compared == rows.count)
    }

    @Test func pyreadstatValuesMissingCodesAndIBMEdges() throws {
        let fixture = try Fixture("xpt/py_expected.csv")
        for file in ["missing.xpt", "ibm_edges.xpt", "py_v5.xpt", "py_v8.xpt"] { try check(fixture, file: file) }
    }

    @Test func allTwentyEightMissingCodesAreNA() throws {
        let table = try open("missing.xpt")
        guard case let .number(x) = try table.read([DataRequest("X", .number)]).columns["X"]! else { Issue.record(); return }
        #expect(x.count == 28)
        #expect(x.allSatisfy { $0.isNaN })
    }

    @Test func havenValuesV5V8AndMultiMember() throws {
        let fixture = try Fixture("xpt/haven_expected.csv")
        try check(fixture, file: "haven_v5.xpt")
        try check(fixture, file: "haven_v8.xpt")
        try check(fixture, file: "py_v5.xpt")
        try check(fixture, file: "haven_multi.xpt", member: "ADSL", readAs: "ADSL")
    }

    @Test func labelsFormatsAndLongNames() throws {
        let fixture = try Fixture("xpt/py_variables.csv")
        for file in ["py_v5.xpt", "py_v8.xpt"] {
            let table = try open(file) as! XportTable
            for row in fixture.rows where row["file"] == file {
                let v = try #require(table.member.variables.first { $0.name == row["variable"] })
                #expect(v.label == row["label"]!, "\(file) \(v.name) label")
                if !row["format"]!.isEmpty { #expect(v.format.hasPrefix(row["format"]!)) }
            }
        }
        let v8 = try open("py_v8.xpt") as! XportTable
        #expect(v8.member.name == "ADTTE_LONG")
        #expect(v8.header.contains("LONGTEXT_VARIABLE_NAME"))
        #expect(v8.member.variables.first { $0.name == "ADT" }?.meaning == .date)
        #expect(v8.member.variables.first { $0.name == "ADTM" }?.meaning == .datetime)
    }

    @Test func datesAndDatetimesAsDays() throws {
        let table = try open("py_v5.xpt")
        let parsed = try table.read([DataRequest("ADT", .date), DataRequest("ADTM", .date)])
        guard case let .number(adt) = parsed.columns["ADT"]!, case let .number(adtm) = parsed.columns["ADTM"]! else { Issue.record(); return }
        #expect(parsed.dateColumns == ["ADT", "ADTM"])
        #expect(adt[0] == DateText.dayNumber("2025-01-20"))
        #expect(adt[4] == -1)
        #expect(adtm[0] == DateText.dayNumber("2025-01-20T13:45:30"))
    }

    @Test func membersMustBeChosen() throws {
        #expect(throws: InputError.self) { try open("haven_multi.xpt") }
        do { _ = try open("haven_multi.xpt") } catch let e as InputError {
            #expect(e.message.contains("ADSL") && e.message.contains("ADTTE") && e.message.contains("--member"))
        }
        do { _ = try open("haven_multi.xpt", member: "ADAE"); Issue.record("unknown member accepted") } catch let e as InputError {
            #expect(e.message.contains("no member named 'ADAE'") && e.message.contains("ADSL, ADTTE"))
        }
        // The second member holds haven_v5's data.
        let fixture = try Fixture("xpt/haven_expected.csv")
        let second = try open("haven_multi.xpt", member: "adtte")
        guard case let .number(aval) = try second.read([DataRequest("AVAL", .number)]).columns["AVAL"]! else { Issue.record(); return }
        let want = fixture.rows.filter { $0["file"] == "haven_v5.xpt" && $0["variable"] == "AVAL" }.map { $0.double("value") }
        #expect(aval.map { $0.isNaN ? nil : $0 } == want)
    }

    /// Truncation at every offset of the headers and at record boundaries of the data, and seeded
    /// byte mutations: the reader throws an InputError naming a record, or reads; it never traps.
    @Test func truncatedAndMutatedFilesNeverCrash() throws {
        for name in ["py_v8.xpt", "haven_multi.xpt", "ibm_edges.xpt"] {
            let bytes = Array(try Data(contentsOf: Fixtures.url("xpt/\(name)")))
            let headerEnd = 1200
            var cuts = Array(stride(from: 0, to: min(headerEnd, bytes.count), by: 7))
            cuts += Array(stride(from: 0, to: bytes.count, by: 80))
            for cut in cuts {
                let part = Array(bytes[0..<cut])
                guard XportLibrary.looksLikeXport(part) else { continue }
                do {
                    let library = try XportLibrary(bytes: part, source: "cut.xpt")
                    for m in library.members {
                        let t = XportTable(library: library, member: m)
                        _ = try? t.read(m.variables.map { DataRequest($0.name, $0.isNumeric ? .number : .label) })
                    }
                } catch {
                    #expect(error.message.contains("record"), "\(name) cut at \(cut): \(error)")
                }
            }
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
            for _ in 0..<400 {
                var mutated = bytes
                for _ in 0..<(1 + next() % 4) { mutated[next() % min(bytes.count, headerEnd)] = UInt8(next() % 256) }
                do {
                    let library = try XportLibrary(bytes: mutated, source: "m.xpt")
                    for m in library.members {
                        let t = XportTable(library: library, member: m)
                        _ = try? t.read(m.variables.map { DataRequest($0.name, $0.isNumeric ? .number : .label) })
                    }
                } catch {
                    #expect(error.message.contains("record") || error.message.contains("member"), "\(error)")
                }
            }
        }
    }

    /// A DATE-formatted value far beyond year 9999 (IBM 16^62 ≈ 4.5e74, as a corrupt file may hold)
    /// read as a label is its number, not a trap converting the day to `Int` (the XPORT fuzzer's
    /// find of 2026-12-01).
    @Test func hugeDateValueAsLabelIsItsNumber() throws {
        var bytes = Array(try Data(contentsOf: Fixtures.url("xpt/py_v5.xpt")))
        let library = try XportLibrary(bytes: bytes, source: "py_v5.xpt")
        let member = library.members[0]
        let adt = try #require(member.variables.first { $0.name == "ADT" })
        #expect(adt.meaning == .date)
        let at = member.dataStart + adt.position
        bytes.replaceSubrange(at..<(at + 8), with: [0x7F, 0x10, 0, 0, 0, 0, 0, 0])
        let mutated = try XportLibrary(bytes: bytes, source: "huge.xpt")
        let table = XportTable(library: mutated, member: mutated.members[0])
        guard case let .label(codes, levels) = try table.read([DataRequest("ADT", .label)]).columns["ADT"]! else {
            Issue.record("ADT not read as a label"); return
        }
        let huge = IBMFloat.decode(bits: 0x7F10_0000_0000_0000)
        #expect(huge == 0x1p248)  // 16^(0x7F − 64) × 1/16
        #expect(levels[Int(codes[0])] == NumberLabel.text(huge))
        // The other days are still dates.
        #expect(levels[Int(codes[4])] == "1959-12-31")
    }

    @Test func ibmDecodingOfKnownPatterns() {
        #expect(IBMFloat.decode(bits: 0x4110_0000_0000_0000) == 1)
        #expect(IBMFloat.decode(bits: 0xC276_A000_0000_0000) == -118.625)
        #expect(IBMFloat.decode(bits: 0).isZero)
        #expect(IBMFloat.decode(bits: 0x2E00_0000_0000_0000).isNaN)
        #expect(IBMFloat.decode(bits: 0x7FFF_FFFF_FFFF_FFFF) == .infinity)
    }
}
