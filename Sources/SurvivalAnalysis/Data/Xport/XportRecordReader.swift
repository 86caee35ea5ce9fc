/// Walks the 80-byte records of a transport file, parsing headers and NAMESTRs; each failure
/// names the record (1-based) where it was found.
struct XportRecordReader {
    let bytes: [UInt8]
    let source: String
    /// Offset of the next record.
    private(set) var position = 0

    init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    var atEnd: Bool { position >= bytes.count }

    func error(at offset: Int, _ message: String) -> InputError {
        InputError(file: source, message: "record \(offset / XportLibrary.recordLength + 1): \(message)")
    }

    /// The offset of the next whole record; a short one is a truncated file.
    mutating func record() throws(InputError) -> Int {
        let start = position
        guard start + XportLibrary.recordLength <= bytes.count else {
            throw error(at: start, "the file ends inside this 80-byte record (truncated at byte \(bytes.count))")
        }
        position += XportLibrary.recordLength
        return start
    }

    /// Text of `bytes[offset + from ..< offset + to]`, trailing blanks and NULs removed.
    func text(_ offset: Int, _ from: Int, _ to: Int) -> String {
        var end = offset + to
        while end > offset + from, bytes[end - 1] == 0x20 || bytes[end - 1] == 0 { end -= 1 }
        return String(decoding: bytes[(offset + from)..<end], as: UTF8.self)
    }

    func isHeader(_ offset: Int) -> Bool {
        let prefix = XportLibrary.headerPrefix
        guard offset + XportLibrary.recordLength <= bytes.count else { return false }
        for k in 0..<prefix.count where bytes[offset + k] != prefix[k] { return false }
        return true
    }

    /// Reads a header record and returns its kind ("LIBRARY", "MEMBV8", "NAMESTR", ...).
    mutating func header() throws(InputError) -> String {
        let offset = try record()
        guard isHeader(offset) else { throw error(at: offset, "expected a 'HEADER RECORD' here") }
        return text(offset, 20, 28)
    }

    mutating func expectHeader(_ kinds: Set<String>) throws(InputError) -> Int {
        let offset = position
        let kind = try header()
        guard kinds.contains(kind) else {
            throw error(at: offset, "expected a \(kinds.sorted().joined(separator: "/")) header, found '\(kind)'")
        }
        return offset
    }

    /// A decimal number in `bytes[offset + from ..< offset + to]`, blanks allowed around it.
    func number(_ offset: Int, _ from: Int, _ to: Int) -> Int? {
        let t = text(offset, from, to).drop(while: { $0 == " " })
        // Only digits: a count or length is never negative, and a sign would make a range trap.
        guard t.count <= 15, t.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return t.isEmpty ? 0 : Int(t)
    }

    func short(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
    func long(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }

    /// Reads one member, from its MEMBER header to the end of its observations.
    mutating func member(version: Int) throws(InputError) -> XportMember {
        let v8 = version == 8
        let memberHeader = try expectHeader(v8 ? ["MEMBV8"] : ["MEMBER"])
        guard let namestrLength = number(memberHeader, 74, 78), namestrLength == 140 || namestrLength == 136 else {
            throw error(at: memberHeader, "NAMESTR length '\(text(memberHeader, 74, 78))' is not 140 or 136")
        }
        _ = try expectHeader(v8 ? ["DSCPTV8"] : ["DSCRPTR"])
        let first = try record()
        guard text(first, 0, 8) == "SAS" else { throw error(at: first, "the member header does not start with 'SAS'") }
        let name = v8 ? text(first, 8, 40) : text(first, 8, 16)
        let second = try record()
        let label = text(second, 32, 72)
        let namestrHeader = try expectHeader(v8 ? ["NAMSTV8", "NAMESTR"] : ["NAMESTR"])
        guard let count = number(namestrHeader, 54, 58) else {
            throw error(at: namestrHeader, "the variable count '\(text(namestrHeader, 54, 58))' is not a number")
        }
        let namestrStart = position
        let namestrBytes = count * namestrLength
        let padded = (namestrBytes + 79) / 80 * 80
        guard namestrStart + padded <= bytes.count else {
            throw error(at: bytes.count, "the file ends inside the \(count) variable descriptions (truncated)")
        }
        position = namestrStart + padded
        var raw: [RawNamestr] = []
        raw.reserveCapacity(count)
        for k in 0..<count {
            raw.append(try namestr(at: namestrStart + k * namestrLength, v8: v8))
        }
        // v8: long labels (and formats) in LABELV8 / LABELV9 sections.
        var longLabels: [Int: String] = [:]
        while isHeader(position), ["LABELV8", "LABELV9"].contains(text(position, 20, 28)) {
            let offset = position
            let withFormats = text(offset, 20, 28) == "LABELV9"
            _ = try record()
            guard let entries = number(offset, 48, 80) else {
                throw error(at: offset, "the label count '\(text(offset, 48, 80))' is not a number")
            }
            var at = position
            for _ in 0..<entries {
                let fixed = withFormats ? 10 : 6
                guard at + fixed <= bytes.count else { throw error(at: at, "the file ends inside the long labels") }
                let index = short(at), nameLength = short(at + 2), labelLength = short(at + 4)
                let formatLengths = withFormats ? short(at + 6) + short(at + 8) : 0
                let end = at + fixed + nameLength + labelLength + formatLengths
                guard end <= bytes.count else { throw error(at: at, "the file ends inside the long labels") }
                let labelStart = at + fixed + nameLength
                longLabels[index] = String(decoding: bytes[labelStart..<(labelStart + labelLength)], as: UTF8.self)
                at = end
            }
            position = (at + 79) / 80 * 80
        }
        let obsHeader = try expectHeader(v8 ? ["OBSV8", "OBS"] : ["OBS"])
        let declaredRows = v8 ? number(obsHeader, 48, 80) : nil
        let dataStart = position
        // The observations run to the next member's header or the end of the file.
        var dataEnd = bytes.count
        var scan = dataStart
        let memberTag = Array("HEADER RECORD*******MEMB".utf8)
        while scan + XportLibrary.recordLength <= bytes.count {
            if bytes[scan] == 0x48, bytes[scan + 20] == 0x4D,
               bytes[scan..<(scan + memberTag.count)].elementsEqual(memberTag) {
                dataEnd = scan
                break
            }
            scan += XportLibrary.recordLength
        }
        if dataEnd == bytes.count, bytes.count % XportLibrary.recordLength != 0 {
            throw error(at: bytes.count, "the file ends inside an 80-byte record (\(bytes.count) bytes is not a multiple of 80: truncated)")
        }
        position = dataEnd

        var variables: [XportVariable] = []
        var observationLength = 0
        for (k, n) in raw.enumerated() {
            let label = longLabels[n.number] ?? longLabels[k + 1] ?? n.label
            variables.append(XportVariable(name: n.name, label: label, isNumeric: n.isNumeric, length: n.length,
                                           position: n.position, format: n.format))
            observationLength = max(observationLength, n.position + n.length)
        }
        var rows = observationLength == 0 ? 0 : (dataEnd - dataStart) / observationLength
        if let declaredRows, declaredRows > 0 {
            guard declaredRows <= rows else {
                throw error(at: dataEnd, "the OBSV8 header announces \(declaredRows) observations but the file holds \(rows) (truncated)")
            }
            rows = declaredRows
        } else {
            // The last record is padded with blanks: an all-blank "observation" that starts in the
            // last 80 bytes is padding (TS-140's own rule; ambiguous only for all-text members).
            while rows > 0 {
                let start = dataStart + (rows - 1) * observationLength
                guard start > dataEnd - XportLibrary.recordLength,
                      bytes[start..<(start + observationLength)].allSatisfy({ $0 == 0x20 }) else { break }
                rows -= 1
            }
        }
        return XportMember(name: name, label: label, variables: variables, observationLength: observationLength,
                           dataStart: dataStart, rowCount: rows)
    }

    struct RawNamestr {
        var isNumeric: Bool, length: Int, number: Int, name: String, label: String, format: String, position: Int
    }

    /// One NAMESTR: type, length, number, name, label, format, position (and v8's long name).
    func namestr(at p: Int, v8: Bool) throws(InputError) -> RawNamestr {
        let type = short(p), length = short(p + 4), number = short(p + 6)
        guard type == 1 || type == 2 else {
            throw error(at: p, "variable type \(type) is neither 1 (numeric) nor 2 (character)")
        }
        if type == 1, !(1...8).contains(length) {
            throw error(at: p, "numeric variable '\(text(p, 8, 16))' has length \(length), not 2 to 8")
        }
        guard length >= 1 else { throw error(at: p, "character variable '\(text(p, 8, 16))' has length \(length)") }
        var name = text(p, 8, 16)
        if v8 {
            let long = text(p, 88, 120)
            if !long.isEmpty { name = long }
        }
        guard !name.isEmpty else { throw error(at: p, "a variable has no name") }
        let position = long(p + 84)
        guard position >= 0, position < 1 << 24 else {
            throw error(at: p, "variable '\(name)' has position \(position) in the observation")
        }
        let format = text(p, 56, 64).uppercased()
        return RawNamestr(isNumeric: type == 1, length: length, number: number, name: name,
                          label: text(p, 16, 56), format: format, position: position)
    }
}
