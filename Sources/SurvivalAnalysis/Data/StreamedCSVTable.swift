import PlatformSupport

/// A CSV read from standard input while it streams: only the decoded columns grow with the
/// rows, the raw text held at any time is one block (`blockBytes`) plus the record it ends in.
///
/// A file is read whole (its size is known, and the parallel decode needs it in memory); a pipe
/// can be endless or far larger than memory, so holding its text (≈ 85 of the ≈ 130 bytes a row
/// cost when it was read whole, issue 15) is what this avoids. The header is read when the table
/// is opened; ``read(_:)`` then consumes the rest of the stream, once. Records are cut only where
/// the scanner itself would end one (`RecordBoundary`), and each block is decoded by the same
/// code as a file (`CSVTable.decodeChunk(from:to:firstLine:decoders:)`), so the result, the
/// line numbers and the messages are those of the same text read from a file.
public struct StreamedCSVTable: DataTable {
    /// The name used in messages: `<stdin>` for standard input, as in ``CSVTable``.
    public let source: String
    /// The column names of the header record, in order.
    public let header: [String]
    /// Variable labels by column name: none for a CSV (they come from SAS transport files).
    public var columnLabels: [String: String] { [:] }
    /// The header record (with a byte-order mark and blank lines before it), parsed.
    let headerTable: CSVTable
    let stream: ByteStream

    /// Bytes asked of `read(2)` at a time.
    static let blockBytes = 1 << 20

    /// Reads the header of the CSV text on `stream`; `prefix` holds bytes already read from it.
    init(stream: ByteStream, prefix: [UInt8], source: String) throws(InputError) {
        self.source = source
        self.stream = stream
        var boundary = RecordBoundary()
        var pending = prefix
        boundary.scan(pending, from: 0)
        while true {
            let cut = stream.atEnd ? pending.count : (boundary.lastCut ?? 0)
            // Text up to `cut` that is not only a byte-order mark and blank lines holds the header.
            let skipped = pending.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            if stream.atEnd || pending[min(skipped, cut)..<cut].contains(where: { $0 != 0x0A && $0 != 0x0D }) {
                let table = try CSVTable(bytes: Array(pending[..<cut]), source: source)
                headerTable = table
                header = table.header
                stream.keep(Array(pending[table.bodyStart...]), boundary: boundary.shifted(by: table.bodyStart))
                return
            }
            if pending.count - cut > FileBytes.maximumLineBytes {
                throw InputError(file: source, line: 1, message: "header longer than \(FileBytes.maximumLineBytes >> 20) MiB without a line break: not CSV text (binary data, /dev/zero?)")
            }
            let scanned = pending.count
            try stream.readBlock(into: &pending, source: source)
            boundary.scan(pending, from: scanned)
        }
    }

    /// Decodes the requested columns from the rest of the stream (see ``DataTable/read(_:)``).
    /// Standard input can be consumed once: a second read is refused.
    public func read(_ requests: [DataRequest]) throws(InputError) -> ParsedColumns {
        try CSVTable.read(requests, of: self, headerLine: headerTable.bodyLine - 1) { (columns) throws(InputError) in
            try decode(columns)
        }
    }

    private func decode(_ requests: [ColumnRequest]) throws(InputError) -> ParsedColumns {
        var order: [Int] = []
        var decoders: [ColumnDecoder] = []
        for request in requests {
            let index = try headerTable.columnIndex(request.name)
            if let k = order.firstIndex(of: index) {
                if decoders[k].kind != request.kind {
                    throw InputError(file: source, column: index + 1, columnName: request.name,
                                     message: "column is used both as \(decoders[k].kind) and \(request.kind)")
                }
                continue
            }
            order.append(index)
            decoders.append(ColumnDecoder(kind: request.kind, index: index, name: request.name, expectedRows: 1 << 12))
        }
        guard stream.claim() else {
            throw InputError(file: source, message: "standard input can be read only once")
        }
        let headerBytes = Array(headerTable.bytes.buffer[..<headerTable.bodyStart])
        var lines: [Int32] = []
        var merged = decoders
        var line = headerTable.bodyLine
        var pending = stream.kept
        var boundary = stream.keptBoundary
        var scanned = pending.count
        while true {
            let cut = stream.atEnd ? pending.count : (boundary.lastCut ?? 0)
            if cut > 0 {
                // The header again, then the block: the table's own decoder reads it. Decoding
                // starts right after the header bytes, not at the block table's body start,
                // which would skip (and not count) blank lines the block begins with.
                let block = try CSVTable(bytes: headerBytes + pending[..<cut], source: source)
                let part = try block.decodeChunk(from: headerBytes.count, to: block.bytes.count, firstLine: line, decoders: decoders)
                lines.append(contentsOf: part.lines)
                for k in merged.indices { merged[k].absorb(part.decoders[k]) }
                line = part.endLine
                pending.removeFirst(cut)
                boundary = boundary.shifted(by: cut)
                scanned = pending.count
            }
            if stream.atEnd { break }
            if pending.count > FileBytes.maximumLineBytes {
                throw InputError(file: source, line: line, message: "record longer than \(FileBytes.maximumLineBytes >> 20) MiB without a line break: not CSV text (binary data, /dev/zero?)")
            }
            try stream.readBlock(into: &pending, source: source)
            boundary.scan(pending, from: scanned)
            scanned = pending.count
        }
        if lines.isEmpty {
            throw InputError(file: source, line: headerTable.bodyLine, message: "the file has a header but no data rows")
        }
        var columns: [String: ParsedColumn] = [:]
        for decoder in merged { columns[decoder.name] = try decoder.finish(lines: lines, source: source) }
        return ParsedColumns(source: source, lines: lines, columns: columns,
                             columnNumbers: Dictionary(uniqueKeysWithValues: order.map { (header[$0], $0 + 1) }))
    }
}

/// Where records end in CSV text read in pieces: the scanner's own rule (``CSVScanner``: a
/// quote opens a quoted field only at a field's start, and a field starts after a comma, a line
/// feed or a carriage return — a lone CR ends a record too; inside a quoted field a line feed is
/// text and `""` an escaped quote), so a cut never falls inside a quoted field, and a literal
/// quote inside an unquoted field (`5"`) does not flip the state. Cuts are made only after line
/// feeds, which is enough: every cut is a place where the scanner ends a record.
struct RecordBoundary {
    enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
    var state = State.fieldStart
    /// The offset just after the last line feed that ends a record, if any.
    var lastCut: Int?

    /// Advances over `bytes[from...]`.
    /// - Complexity: O(bytes − from); a block without quotes is searched with memchr/memrchr.
    mutating func scan(_ bytes: [UInt8], from start: Int) {
        guard start < bytes.count else { return }
        bytes.withUnsafeBufferPointer { b in
            let p = b.baseAddress!
            let n = b.count - start
            if state == .fieldStart || state == .unquoted, memchr(p + start, 0x22, n) == nil {
                // No quote: every line feed ends a record.
                // The last line feed, searched backwards (CSV lines are short).
                if let feed = b[start...].lastIndex(of: 0x0A) { lastCut = feed + 1 }
                let last = p[b.count - 1]
                state = last == 0x2C || last == 0x0A || last == 0x0D ? .fieldStart : .unquoted
                return
            }
            for i in start..<b.count {
                let c = p[i]
                switch state {
                case .fieldStart, .unquoted:
                    if c == 0x22 && state == .fieldStart { state = .quoted }
                    else if c == 0x2C || c == 0x0D { state = .fieldStart }
                    else if c == 0x0A { state = .fieldStart; lastCut = i + 1 }
                    else { state = .unquoted }
                case .quoted:
                    if c == 0x22 { state = .quoteInQuoted }
                case .quoteInQuoted:
                    if c == 0x22 { state = .quoted }
                    else if c == 0x2C || c == 0x0D { state = .fieldStart }
                    else if c == 0x0A { state = .fieldStart; lastCut = i + 1 }
                    else { state = .unquoted }  // text after a closing quote: the decoder refuses it
                }
            }
        }
    }

    /// The same boundary after the first `offset` of `count` scanned bytes are dropped.
    func shifted(by offset: Int) -> RecordBoundary {
        var moved = self
        moved.lastCut = lastCut.flatMap { $0 > offset ? $0 - offset : nil }
        return moved
    }
}

/// A file descriptor read in blocks, with what was read before the table took over.
/// A class: the table is a value, the stream is one (consumed once, see ``claim()``).
final class ByteStream: @unchecked Sendable {
    let fd: Int32
    /// Bytes asked of each `read(2)` (tests make it tiny to cut records everywhere).
    let blockBytes: Int
    /// The most bytes of text held at once (tests check it stays bounded on long input).
    private(set) var largestHeldBytes = 0
    private(set) var atEnd = false
    private(set) var kept: [UInt8] = []
    private(set) var keptBoundary = RecordBoundary()
    private var claimed = false
    private let lock = ClaimLock()

    init(fd: Int32, blockBytes: Int = StreamedCSVTable.blockBytes) {
        self.fd = fd
        self.blockBytes = blockBytes
    }

    /// Hands over the bytes read past the header.
    func keep(_ bytes: [UInt8], boundary: RecordBoundary) { kept = bytes; keptBoundary = boundary }

    /// True the first time only.
    func claim() -> Bool {
        lock.withLock {
            defer { claimed = true }
            return !claimed
        }
    }

    /// Appends up to `blockBytes` bytes to `buffer`; sets `atEnd` at end of input.
    /// A pipe gives at most its capacity (64 KiB on Linux) per read: the bytes go through one
    /// reused scratch block and only what arrived is copied (growing `buffer` by a whole block
    /// per read cost 16× the input in zero-filling).
    func readBlock(into buffer: inout [UInt8], source: String) throws(InputError) {
        if scratch.isEmpty { scratch = [UInt8](repeating: 0, count: blockBytes) }
        while true {
            let n = scratch.withUnsafeMutableBytes { raw in Platform.read(fd, raw.baseAddress!, raw.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                throw InputError(file: source, message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEnd = true; return }
            buffer.append(contentsOf: scratch[..<n])
            largestHeldBytes = max(largestHeldBytes, buffer.count)
            return
        }
    }
    private var scratch: [UInt8] = []
}

/// A pthread mutex (the library does not import Foundation's NSLock).
final class ClaimLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(mutex, nil) }
    deinit { pthread_mutex_destroy(mutex); mutex.deallocate() }
    func withLock<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
