import PlatformSupport

/// The byte range of one field within a record.
struct CSVField {
    var start: Int
    var end: Int
    /// The field was quoted and contains doubled quotes that must be collapsed.
    var hasEscapedQuotes: Bool

    /// The field's text with RFC 4180 quote escapes undone.
    func string(_ buffer: UnsafeBufferPointer<UInt8>) -> String {
        let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
        guard hasEscapedQuotes else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = 0
        while i < slice.count {
            out.append(slice[i])
            if slice[i] == quote, i + 1 < slice.count, slice[i + 1] == quote { i += 2 } else { i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The field's text if its bytes are valid UTF-8; nil otherwise (a Latin-1 `café` and
    /// `cafè` would both decode to `caf\u{FFFD}` and merge two groups silently).
    func validString(_ buffer: UnsafeBufferPointer<UInt8>) -> String? {
        let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
        // ASCII needs no check: the common case stays as fast as before.
        if !slice.contains(where: { $0 >= 0x80 }) { return string(buffer) }
        guard String(validating: slice, as: UTF8.self) != nil else { return nil }
        return string(buffer)
    }

    /// True for an empty field or the text `NA` (R's `na.strings` default).
    @inline(__always)
    func isMissing(_ p: UnsafePointer<UInt8>) -> Bool {
        let (s, e) = trimmed(p)
        return s == e || (e - s == 2 && p[s] == UInt8(ascii: "N") && p[s + 1] == UInt8(ascii: "A"))
    }

    /// The range without leading and trailing spaces or tabs.
    @inline(__always)
    func trimmed(_ p: UnsafePointer<UInt8>) -> (Int, Int) {
        var s = start, e = end
        while s < e, p[s] == space || p[s] == tab { s += 1 }
        while e > s, p[e - 1] == space || p[e - 1] == tab { e -= 1 }
        return (s, e)
    }
}

private let quote = UInt8(ascii: "\"")
private let comma = UInt8(ascii: ",")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")
private let space = UInt8(ascii: " ")
private let tab = UInt8(ascii: "\t")

/// Walks RFC 4180 records, tracking physical line numbers for messages.
struct CSVScanner {
    /// The longest field accepted, in bytes (1 MiB): beyond it the input is almost surely not
    /// a CSV file (binary data, `/dev/zero`, a runaway quote), and it is refused naming the line.
    static let maximumFieldBytes = 1 << 20
    let count: Int
    let source: String
    var position: Int
    var line: Int

    /// - Parameter count: where scanning stops (a record boundary, or the end of the bytes).
    init(count: Int, source: String, position: Int, line: Int) {
        self.count = count
        self.source = source
        self.position = position
        self.line = line
    }

    var atEnd: Bool { position >= count }

    /// Skips empty lines (R's `blank.lines.skip = TRUE`), so `atEnd` is true after the last record
    /// even when the file ends in several line breaks.
    mutating func skipBlankLines(_ buffer: UnsafeBufferPointer<UInt8>) {
        let p = buffer.baseAddress!
        while position < count, p[position] == newline || p[position] == carriageReturn {
            // CRLF counts once, at its LF; a lone CR is a line end of its own.
            if p[position] == newline { line += 1 }
            else if position + 1 >= count || p[position + 1] != newline { line += 1 }
            position += 1
        }
    }

    /// Reads one record into `fields` (at most `fields.count` are stored) and returns how many
    /// fields the record has; leaves `position` after the record's line end and any blank lines.
    /// The hot path of loading: no closure, no allocation.
    ///
    /// Unquoted fields are found eight bytes at a time: each word's delimiter bytes are flagged
    /// at once (``delimiterMask(_:)``) and the flags are walked lowest first, so a record of short
    /// fields costs one word test per eight bytes plus one step per field, instead of one search
    /// restarted per field (the restart cost 30% of loading, docs/performance.md).
    mutating func scanRecord(
        _ buffer: UnsafeBufferPointer<UInt8>, into fields: UnsafeMutableBufferPointer<CSVField>
    ) throws(InputError) -> Int {
        let p = buffer.baseAddress!
        let raw = UnsafeRawPointer(p)
        let capacity = fields.count
        var index = 0
        var fieldStart = position
        var i = position
        // Where the record's line end is (or `count`).
        var recordEnd = count
        scan: while true {
            if fieldStart < count, p[fieldStart] == quote {
                i = fieldStart
                let field = try quotedField(p, &i, index)
                if index < capacity { fields[index] = field }
                index &+= 1
                guard i < count, p[i] == comma else { recordEnd = i; break scan }
                i &+= 1
                fieldStart = i
                continue scan
            }
            while i &+ 8 <= count {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                var mask = CSVScanner.delimiterMask(w)
                while mask != 0 {
                    let j = i &+ mask.trailingZeroBitCount >> 3
                    let c = p[j]
                    if c == comma {
                        if index < capacity { fields[index] = CSVField(start: fieldStart, end: j, hasEscapedQuotes: false) }
                        index &+= 1
                        fieldStart = j &+ 1
                        // Every wanted field stored: the rest of the record is only counted.
                        if index >= capacity, let rest = CSVScanner.countFields(p, from: fieldStart, count: count) {
                            index &+= rest.fields
                            recordEnd = rest.recordEnd
                            break scan
                        }
                        if fieldStart < count, p[fieldStart] == quote { continue scan }
                    } else if c == newline || c == carriageReturn {
                        if index < capacity { fields[index] = CSVField(start: fieldStart, end: j, hasEscapedQuotes: false) }
                        index &+= 1
                        recordEnd = j
                        break scan
                    }
                    // Otherwise a byte above a true match flagged by a borrow: not a delimiter.
                    mask &= mask &- 1
                }
                i &+= 8
            }
            // The last bytes of the buffer, one at a time.
            let j = CSVScanner.nextDelimiter(p, from: max(i, fieldStart), count: count)
            if index < capacity { fields[index] = CSVField(start: fieldStart, end: j, hasEscapedQuotes: false) }
            index &+= 1
            if j < count, p[j] == comma {
                fieldStart = j &+ 1
                i = fieldStart
                continue scan
            }
            recordEnd = j
            break scan
        }
        i = recordEnd
        if i < count, p[i] == carriageReturn { i &+= 1 }
        if i < count, p[i] == newline { i &+= 1 }
        line &+= 1
        // One comparison per record, not per field (the per-field test cost ~10% of loading):
        // only a record longer than the limit can hold a field longer than it.
        if i &- position > CSVScanner.maximumFieldBytes { try refuseLongField(p, from: position, to: i) }
        position = i
        skipBlankLines(buffer)
        return index
    }

    /// The number of fields from `start` to the record's line end (one more than its commas)
    /// and where that line end is (or `count`), or nil when a quote comes first — then the
    /// caller walks the fields one by one, as quoting rules need.
    ///
    /// Why: a record's fields after the last one decoded need only be counted (the field-count
    /// check), and counting commas with a population count of exact byte flags costs a few
    /// operations per eight bytes instead of a step and a store per field: the 1e6/1e7-row
    /// benchmark files decode 3 of their 13 columns (docs/performance.md).
    @inline(__always)
    static func countFields(_ p: UnsafePointer<UInt8>, from start: Int, count: Int) -> (fields: Int, recordEnd: Int)? {
        // The line end: glibc's vectorised memchr for the LF, then a CR just before it (CRLF).
        let lineFeed = memchr(p + start, Int32(newline), count - start)
        let end = lineFeed.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - p } ?? count
        let recordEnd = end > start && p[end - 1] == carriageReturn ? end - 1 : end
        // Commas counted sixteen bytes at a time; a quote or another CR (a lone CR ends a record
        // of its own) hands the record back to the field walk.
        let raw = UnsafeRawPointer(p)
        let commas16 = SIMD16<UInt8>(repeating: comma)
        let quotes16 = SIMD16<UInt8>(repeating: quote)
        let returns16 = SIMD16<UInt8>(repeating: carriageReturn)
        var commas = 0
        var j = start
        while j &+ 16 <= recordEnd {
            let v = raw.loadUnaligned(fromByteOffset: j, as: SIMD16<UInt8>.self)
            if any((v .== quotes16) .| (v .== returns16)) { return nil }
            // A true lane is −1 as Int8: the lanes' sum is minus the commas (at most 16).
            commas &-= Int(unsafeBitCast(v .== commas16, to: SIMD16<Int8>.self).wrappedSum())
            j &+= 16
        }
        while j < recordEnd {
            let b = p[j]
            if b == quote || b == carriageReturn { return nil }
            if b == comma { commas &+= 1 }
            j &+= 1
        }
        return (commas &+ 1, recordEnd)
    }

    /// The high bit of every byte of `x` that is zero, and no other bit (exact, unlike the
    /// borrowing test of ``delimiterMask(_:)``): Hacker's Delight §6-1,
    /// `~(((x & 0x7F…7F) + 0x7F…7F) | x | 0x7F…7F)`.
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & lows) &+ lows) | x | lows)
    }

    /// Flags (high bit of the byte) every comma, CR and LF of the little-endian word `w`, plus
    /// possibly bytes above a flagged one (Mycroft's test borrows upwards; the caller checks the
    /// byte). Hacker's Delight §6-1: `x = w ^ d·0x01…01` has a zero byte where w holds d, and
    /// `(x − 0x01…01) & ~x & 0x80…80` flags it.
    @inline(__always)
    static func delimiterMask(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let c = w ^ (ones &* UInt64(comma))
        let n = w ^ (ones &* UInt64(newline))
        let r = w ^ (ones &* UInt64(carriageReturn))
        return ((c &- ones) & ~c | (n &- ones) & ~n | (r &- ones) & ~r) & highs
    }

    /// The first comma, CR or LF at or after `i` (or `count`), eight bytes at a time.
    ///
    /// SWAR byte search (Mycroft's "has zero byte" test, as in Hacker's Delight §6-1): for each
    /// delimiter d, `x = w ^ d·0x01…01` has a zero byte where w holds d, and
    /// `(x − 0x01…01) & ~x & 0x80…80` flags it. Borrows can only flag bytes above a true match,
    /// so the lowest flagged byte is exact.
    @inline(__always)
    static func nextDelimiter(_ p: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var j = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(p)
        while j &+ 8 <= count {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
            let c = w ^ (ones &* UInt64(comma))
            let n = w ^ (ones &* UInt64(newline))
            let r = w ^ (ones &* UInt64(carriageReturn))
            let hits = ((c &- ones) & ~c | (n &- ones) & ~n | (r &- ones) & ~r) & highs
            if hits != 0 { return j &+ hits.trailingZeroBitCount >> 3 }
            j &+= 8
        }
        while j < count {
            let b = p[j]
            if b == comma || b == newline || b == carriageReturn { return j }
            j &+= 1
        }
        return count
    }

    /// The slow path for a record longer than ``maximumFieldBytes``: walks its unquoted fields
    /// again (quoted ones were measured as they were read) and throws for the first too long.
    private mutating func refuseLongField(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) throws(InputError) {
        var i = start
        var index = 0
        while i < end {
            if p[i] == quote {
                // Skip a quoted field: its length was checked by `quotedField`.
                i &+= 1
                while i < end { if p[i] == quote { if i + 1 < end, p[i + 1] == quote { i &+= 2; continue }; break }; i &+= 1 }
                i &+= 1
            }
            let j = CSVScanner.nextDelimiter(p, from: i, count: end)
            if j - i > CSVScanner.maximumFieldBytes { line &-= 1; throw tooLong(index) }
            guard j < end, p[j] == comma else { return }
            i = j &+ 1
            index &+= 1
        }
    }

    private func tooLong(_ index: Int) -> InputError {
        InputError(file: source, line: line, column: index + 1,
                   message: "field longer than \(CSVScanner.maximumFieldBytes >> 20) MiB: not CSV text (binary data?)")
    }

    /// A quoted field starting at `i` (on the opening quote); leaves `i` after the closing quote.
    private mutating func quotedField(
        _ p: UnsafePointer<UInt8>, _ i: inout Int, _ index: Int
    ) throws(InputError) -> CSVField {
        let openLine = line
        var j = i + 1
        var escaped = false
        while true {
            guard j < count else {
                throw InputError(file: source, line: openLine, column: index + 1,
                                 message: "a quoted field is never closed")
            }
            let c = p[j]
            if c == quote {
                if j + 1 < count, p[j + 1] == quote { escaped = true; j += 2; continue }
                break
            }
            if c == newline { line += 1 }
            j += 1
            if j - i > CSVScanner.maximumFieldBytes { line = openLine; throw tooLong(index) }
        }
        let field = CSVField(start: i + 1, end: j, hasEscapedQuotes: escaped)
        i = j + 1
        if i < count, p[i] != comma, p[i] != newline, p[i] != carriageReturn {
            throw InputError(file: source, line: line, column: index + 1,
                             message: "unexpected text after a closing quote")
        }
        return field
    }
}
