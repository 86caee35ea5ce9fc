/// Writes JSON text straight into bytes with exactly the layout of ``JSONValue/rendered()``
/// (two-space indent, one member per line, `null` for NaN), for documents with tables too
/// large to build as a ``JSONValue`` tree. Only arrays of objects are written element by
/// element (arrays of scalars are not needed by the reports that stream).
struct JSONStream {
    private(set) var buffer: ReportBuffer
    /// Members or elements written so far at each open level.
    private var counts: [Int] = []

    init(capacity: Int = 0) { buffer = ReportBuffer(capacity: capacity) }

    /// The document, with the trailing newline ``JSONValue/rendered()`` ends with.
    mutating func finish() -> String {
        precondition(counts.isEmpty, "unclosed JSON object or array")
        buffer.append(byte: UInt8(ascii: "\n"))
        return buffer.text
    }

    mutating func openObject() { buffer.append(byte: UInt8(ascii: "{")); counts.append(0) }
    mutating func closeObject() { close(UInt8(ascii: "}")) }
    mutating func openArray() { buffer.append(byte: UInt8(ascii: "[")); counts.append(0) }
    mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// Starts the next member of the open object: `"key": `, for a literal key that needs no
    /// escaping (letters, digits, `_`).
    mutating func key(_ name: StaticString) {
        next()
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.append(raw: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        buffer.append(byte: UInt8(ascii: "\""))
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.append(byte: UInt8(ascii: " "))
    }

    /// Starts the next element of the open array.
    mutating func element() { next() }

    mutating func string(_ s: String) { writeString(s) }
    mutating func int(_ i: Int) { buffer.append(i) }
    mutating func null() { buffer.append("null") }
    /// A number, or `null` when nil or not finite (as ``JSONValue/optional(_:)``).
    mutating func number(_ x: Double?) {
        guard let x, x.isFinite else { null(); return }
        buffer.appendRoundTrip(x)
    }

    private mutating func next() {
        if counts[counts.count - 1] > 0 { buffer.append(byte: UInt8(ascii: ",")) }
        buffer.append(byte: UInt8(ascii: "\n"))
        counts[counts.count - 1] += 1
        buffer.append(spaces: 2 * counts.count)
    }

    private mutating func close(_ bracket: UInt8) {
        let written = counts.removeLast()
        if written > 0 {
            buffer.append(byte: UInt8(ascii: "\n"))
            buffer.append(spaces: 2 * counts.count)
        }
        buffer.append(byte: bracket)
    }

    private mutating func writeString(_ s: String) {
        let plain = s.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if plain {
            buffer.append(byte: UInt8(ascii: "\""))
            buffer.append(s)
            buffer.append(byte: UInt8(ascii: "\""))
        } else {
            // JSONValue's own escaping, without its trailing newline.
            buffer.append(String(JSONValue.string(s).rendered().dropLast()))
        }
    }
}
