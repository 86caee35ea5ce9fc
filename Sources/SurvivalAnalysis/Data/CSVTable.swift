import PlatformSupport

/// A comma-separated file, mapped or in memory: its header and the raw bytes of its records.
///
/// Reading follows RFC 4180 (quoted fields may hold commas, doubled quotes and line breaks),
/// accepts LF or CRLF line ends, a UTF-8 byte-order mark, and skips blank lines as R's
/// `read.csv` does. Columns are only decoded when asked for (``read(_:)-([ColumnRequest])``), in one pass.
public struct CSVTable: Sendable {
    /// The name used in messages: the path, or `<stdin>`.
    public let source: String
    /// Column names from the header row, as written (quotes removed).
    public let header: [String]
    /// The file's bytes, mapped or owned (``FileContents``), shared by the decoding threads.
    let bytes: FileContents
    /// Offset of the first byte after the header row, and that row's physical line number.
    let bodyStart: Int
    let bodyLine: Int
    /// The physical line of the header row.
    let headerLine: Int

    /// Reads a file; `-` reads standard input.
    public init(path: String) throws(InputError) {
        let name = path == "-" ? "<stdin>" : path
        let data: FileContents
        do { data = try FileBytes.contents(path: path) } catch {
            throw InputError(file: name, line: error.line, message: error.message)
        }
        try self.init(contents: data, source: name)
    }

    /// Parses the header of CSV text already in memory.
    public init(bytes: [UInt8], source: String) throws(InputError) {
        try self.init(contents: FileContents(copying: bytes), source: source)
    }

    /// Parses the header of a mapped or read file.
    init(contents bytes: FileContents, source: String) throws(InputError) {
        self.source = source
        self.bytes = bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var scanner = CSVScanner(count: bytes.count, source: source, position: start, line: 1)
        var names: [String] = []
        var headerLine = 1
        try bytes.withUnsafeBufferPointer { (buffer) throws(InputError) in
            guard buffer.count > 0 else { return }
            scanner.skipBlankLines(buffer)
            guard !scanner.atEnd else { return }
            headerLine = scanner.line
            // Scan once to count the fields, then again into a buffer of that size.
            let start = scanner
            var probe = [CSVField](repeating: CSVField(start: 0, end: 0, hasEscapedQuotes: false), count: 1)
            let width = try probe.withUnsafeMutableBufferPointer { (b) throws(InputError) in try scanner.scanRecord(buffer, into: b) }
            scanner = start
            var fields = [CSVField](repeating: CSVField(start: 0, end: 0, hasEscapedQuotes: false), count: width)
            _ = try fields.withUnsafeMutableBufferPointer { (b) throws(InputError) in try scanner.scanRecord(buffer, into: b) }
            names = fields.map { $0.string(buffer) }
        }
        guard !names.isEmpty else { throw InputError(file: source, line: 1, message: "the file is empty") }
        if names.count == 1 && names[0].isEmpty {
            throw InputError(file: source, line: headerLine, message: "the header row is empty")
        }
        header = names
        self.headerLine = headerLine
        bodyStart = scanner.position
        bodyLine = scanner.line
    }

    /// The 0-based index of a column, or an error naming the file and the known columns.
    public func columnIndex(_ name: String) throws(InputError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            let known = header.map { "'\($0)'" }.joined(separator: ", ")
            throw InputError(file: source, line: headerLine, columnName: name,
                             message: "no column named '\(name)' in the header (columns: \(known))")
        }
        // A name used twice is ambiguous only when it is asked for: refuse rather than take the first.
        if let other = header[(index + 1)...].firstIndex(of: name) {
            throw InputError(file: source, line: headerLine, column: index + 1, columnName: name,
                             message: "columns \(index + 1) and \(other + 1) are both named '\(name)': rename one")
        }
        return index
    }

    /// Decodes the requested columns in a single pass over the records.
    ///
    /// Every record must have as many fields as the header (a ragged row is an error naming
    /// its line). `NA` and empty fields are missing values.
    /// - Complexity: O(bytes).
    public func read(_ requests: [ColumnRequest]) throws(InputError) -> ParsedColumns {
        try read(requests, pieces: nil, minimumParallelBytes: RecordChunks.minimumParallelBytes)
    }

    /// ``read(_:)`` with the chunking chosen (tests: `pieces` 1 is the one-pass read).
    func read(_ requests: [ColumnRequest], pieces: Int?, minimumParallelBytes: Int) throws(InputError) -> ParsedColumns {
        var decoders: [ColumnDecoder?] = Array(repeating: nil, count: header.count)
        // Rows estimated from the header's length, so columns rarely reallocate.
        let expectedRows = min(bytes.count / max(2 * header.count, bodyStart) + 16, 1 << 26)
        var order: [Int] = []
        for request in requests {
            let index = try columnIndex(request.name)
            if decoders[index] == nil {
                decoders[index] = ColumnDecoder(kind: request.kind, index: index, name: request.name,
                                                expectedRows: expectedRows)
                order.append(index)
            } else if decoders[index]!.kind != request.kind {
                // The same column asked for as two kinds (say a label and a number): decode as text
                // is not enough, so refuse rather than guess.
                throw InputError(file: source, column: index + 1, columnName: request.name,
                                 message: "column is used both as \(decoders[index]!.kind) and \(request.kind)")
            }
        }
        let wanted = order.map { decoders[$0]! }
        let chunks = RecordChunks.split(bytes.buffer, from: bodyStart, pieces: pieces, minimumBytes: minimumParallelBytes)
        let parts = try RecordChunks.decode(chunks.count) { (c) throws(InputError) -> DecodedChunk in
            try decodeChunk(from: chunks[c].start, to: chunks[c].end,
                            firstLine: c == 0 ? bodyLine : 0, decoders: wanted)
        }
        let (lines, merged) = RecordChunks.stitch(parts)
        for (k, index) in order.enumerated() { decoders[index] = merged[k] }
        if lines.isEmpty {
            throw InputError(file: source, line: bodyLine, message: "the file has a header but no data rows")
        }
        var columns: [String: ParsedColumn] = [:]
        for index in order {
            let decoder = decoders[index]!
            columns[decoder.name] = try decoder.finish(lines: lines, source: source)
        }
        return ParsedColumns(source: source, lines: lines, columns: columns,
                             columnNumbers: Dictionary(uniqueKeysWithValues: order.map { (header[$0], $0 + 1) }))
    }

    /// How many decoded bytes a decoder lets go of at once (``FileContents/release(from:to:)``).
    static let releaseStride = 8 << 20

    /// Decodes the records in `[start, end)`, numbering lines from `firstLine`.
    /// - Complexity: O(end − start).
    func decodeChunk(from start: Int, to end: Int, firstLine: Int,
                     decoders: [ColumnDecoder]) throws(InputError) -> DecodedChunk {
        let width = header.count
        // Sized as the columns are (two bytes a field, a guess that is rarely short): growing
        // by doubling copied and faulted in the line numbers again and again at 1e7 rows.
        var lines: [Int32] = []
        lines.reserveCapacity((end - start) / max(2 * width, 1) + 16)
        let wanted = decoders.map(\.index)
        var active = decoders
        var scanner = CSVScanner(count: end, source: source, position: start, line: firstLine)
        var released = start
        var fields = [CSVField](repeating: CSVField(start: 0, end: 0, hasEscapedQuotes: false), count: width)
        try bytes.withUnsafeBufferPointer { (buffer) throws(InputError) in
            let base = buffer.baseAddress!
            // A chunk may begin on a blank line (the previous one ended just before it): blank
            // lines are skipped as everywhere else, not read as a record of one empty field.
            scanner.skipBlankLines(buffer)
            // The decoders through a buffer pointer: appending to `active[k]` in the loop paid an
            // array uniqueness check per field (≈ 1% of a 10⁶-row `cox` run's processor time).
            try active.withUnsafeMutableBufferPointer { (active) throws(InputError) in
            try fields.withUnsafeMutableBufferPointer { (fieldBuffer) throws(InputError) in
                // Fields after the last wanted one are counted, not stored (CSVScanner.countFields).
                let storedFields = UnsafeMutableBufferPointer(rebasing: fieldBuffer[0..<(wanted.max().map { $0 + 1 } ?? 0)])
                while !scanner.atEnd {
                    let line = scanner.line
                    let fieldCount = try scanner.scanRecord(buffer, into: storedFields)
                    if fieldCount != width {
                        // Name the first column that is missing, or the first one too many.
                        let column = fieldCount < width ? fieldCount + 1 : width + 1
                        throw InputError(file: source, line: line, column: column,
                                         columnName: fieldCount < width ? header[fieldCount] : nil,
                                         message: "expected \(width) fields as in the header, found \(fieldCount)")
                    }
                    for k in 0..<wanted.count {
                        let field = fieldBuffer[wanted[k]]
                        if let refusal = active[k].append(field, base) {
                            throw active[k].error(refusal, field, base, line: line, source: source)
                        }
                    }
                    lines.append(Int32(truncatingIfNeeded: line))
                    // The records behind are decoded: let their pages go (only whole pages inside
                    // this stretch, so a neighbouring chunk's thread never loses what it reads).
                    if scanner.position - released >= CSVTable.releaseStride {
                        bytes.release(from: released, to: scanner.position)
                        released = scanner.position
                    }
                }
            }
            }
        }
        return DecodedChunk(lines: lines, decoders: active, endLine: scanner.line)
    }
}

/// One column to decode, by name, and how to read its values.
public struct ColumnRequest: Sendable {
    /// How a column's text is read.
    public enum Kind: String, Sendable, CustomStringConvertible {
        /// A real number; `NA` or empty is missing, anything else non-numeric is an error.
        case number
        /// A label kept as written (group, strata, factor, cluster).
        case label
        /// An event indicator: 0/1, 1/2 or TRUE/FALSE (decoded by R's `Surv()` rules).
        case event
        /// The kind's name, for messages.
        public var description: String { rawValue }
    }
    /// The column's header name.
    public var name: String
    /// How its values are decoded.
    public var kind: Kind
    /// Requests the column `name`, decoded as `kind`.
    public init(_ name: String, _ kind: Kind) { self.name = name; self.kind = kind }
    /// A numeric column.
    public static func number(_ name: String) -> ColumnRequest { .init(name, .number) }
    /// A label column kept as written.
    public static func label(_ name: String) -> ColumnRequest { .init(name, .label) }
    /// An event indicator column.
    public static func event(_ name: String) -> ColumnRequest { .init(name, .event) }
}

/// A decoded column. Missing values: NaN for numbers and events, code −1 for labels.
public enum ParsedColumn: Sendable {
    case number([Double])
    case label(codes: [Int32], levels: [String])
    /// Event indicator already reduced to 0 (censored) / 1 (event), NaN missing.
    case event([Double])
}

/// The columns one ``CSVTable/read(_:)-([ColumnRequest])`` produced, with the physical line of each record.
public struct ParsedColumns: Sendable {
    /// The file the columns were read from, for messages.
    public let source: String
    /// The physical line number of each record, for messages about later checks.
    public let lines: [Int32]
    /// The decoded columns by header name.
    public let columns: [String: ParsedColumn]
    /// The 1-based field number of each decoded column.
    public let columnNumbers: [String: Int]
    /// Columns read as calendar dates (days from 1960-01-01), see ``DataRequest/Role/date``.
    public var dateColumns: Set<String> = []
    /// True when `lines` are observation numbers (an `.xpt`), not physical lines of text.
    public var linesAreObservations = false
    /// Number of records decoded.
    public var rowCount: Int { lines.count }
}
