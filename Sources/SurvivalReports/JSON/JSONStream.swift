/// The one JSON writer of survkit: JSON text straight into bytes, two-space indent, one member
/// per line, arrays of scalars on one line, `null` for NaN and ±∞, shortest round-trip numbers.
/// ``JSONValue/rendered()`` writes a tree through it, and reports with tables too large for a
/// tree (Kaplan–Meier) write to it member by member (``JSONSink``), so every JSON document the
/// CLI prints or saves has one layout and one escaping.
struct JSONStream: JSONSink {
    private(set) var buffer: ReportBuffer
    /// Per open level: members or elements written so far, and whether the level is an inline
    /// array (scalars on one line).
    private var counts: [Int] = []
    private var inline: [Bool] = []

    init(capacity: Int = 0) { buffer = ReportBuffer(capacity: capacity) }

    /// The document, with a trailing newline.
    mutating func finish() -> String {
        precondition(counts.isEmpty, "unclosed JSON object or array")
        buffer.append(byte: UInt8(ascii: "\n"))
        return buffer.text
    }

    mutating func openObject() { open(UInt8(ascii: "{"), inline: false) }
    mutating func closeObject() { close(UInt8(ascii: "}")) }
    mutating func openArray() { open(UInt8(ascii: "["), inline: false) }
    /// An array of scalars, written on one line: `[1, 2, 3]`.
    mutating func openInlineArray() { open(UInt8(ascii: "["), inline: true) }
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

    /// Starts the next member of the open object, escaping the key as a string.
    mutating func key(_ name: String) {
        next()
        writeString(name)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.append(byte: UInt8(ascii: " "))
    }

    /// Starts the next element of the open array.
    mutating func element() { next() }

    mutating func string(_ s: String) { writeString(s) }
    mutating func int(_ i: Int) { buffer.append(i) }
    mutating func bool(_ b: Bool) { buffer.append(b ? "true" : "false") }
    mutating func null() { buffer.append("null") }
    /// A number, or `null` when nil or not finite (as ``JSONValue/optional(_:)``).
    mutating func number(_ x: Double?) {
        guard let x, x.isFinite else { null(); return }
        buffer.appendRoundTrip(x)
    }

    private mutating func open(_ bracket: UInt8, inline isInline: Bool) {
        buffer.append(byte: bracket)
        counts.append(0)
        inline.append(isInline)
    }

    private mutating func next() {
        let level = counts.count - 1
        if inline[level] {
            if counts[level] > 0 { buffer.append(byte: UInt8(ascii: ",")); buffer.append(byte: UInt8(ascii: " ")) }
            counts[level] += 1
            return
        }
        if counts[level] > 0 { buffer.append(byte: UInt8(ascii: ",")) }
        buffer.append(byte: UInt8(ascii: "\n"))
        counts[level] += 1
        buffer.append(spaces: 2 * counts.count)
    }

    private mutating func close(_ bracket: UInt8) {
        let written = counts.removeLast()
        if !inline.removeLast(), written > 0 {
            buffer.append(byte: UInt8(ascii: "\n"))
            buffer.append(spaces: 2 * counts.count)
        }
        buffer.append(byte: bracket)
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or `\u00XX`.
    private mutating func writeString(_ s: String) {
        buffer.append(byte: UInt8(ascii: "\""))
        let plain = s.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if plain {
            buffer.append(s)
        } else {
            for byte in s.utf8 {
                switch byte {
                case UInt8(ascii: "\""): buffer.append("\\\"")
                case UInt8(ascii: "\\"): buffer.append("\\\\")
                case UInt8(ascii: "\n"): buffer.append("\\n")
                case UInt8(ascii: "\r"): buffer.append("\\r")
                case UInt8(ascii: "\t"): buffer.append("\\t")
                case ..<0x20:
                    let hex = String(byte, radix: 16)
                    buffer.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: buffer.append(byte: byte)
                }
            }
        }
        buffer.append(byte: UInt8(ascii: "\""))
    }
}

/// Where a report writes JSON member by member: the byte writer (``JSONStream``) or a tree
/// (``JSONTreeBuilder``), so a report that streams states its document once and still offers
/// the tree (`json()`) the ``Report`` protocol asks for.
protocol JSONSink {
    mutating func openObject()
    mutating func closeObject()
    mutating func openArray()
    mutating func closeArray()
    mutating func key(_ name: StaticString)
    mutating func element()
    mutating func string(_ s: String)
    mutating func int(_ i: Int)
    mutating func null()
    mutating func number(_ x: Double?)
}

/// Builds a ``JSONValue`` from the calls a report makes on a ``JSONSink``.
struct JSONTreeBuilder: JSONSink {
    private enum Level {
        case object([(String, JSONValue)], pendingKey: String?)
        case array([JSONValue])
    }

    private var levels: [Level] = []
    private var root: JSONValue?

    /// The tree, once every object and array is closed.
    var value: JSONValue {
        precondition(levels.isEmpty, "unclosed JSON object or array")
        return root ?? .null
    }

    mutating func openObject() { levels.append(.object([], pendingKey: nil)) }
    mutating func openArray() { levels.append(.array([])) }
    mutating func closeObject() {
        guard case .object(let members, _) = levels.removeLast() else { preconditionFailure("closeObject in an array") }
        add(.object(members))
    }
    mutating func closeArray() {
        guard case .array(let items) = levels.removeLast() else { preconditionFailure("closeArray in an object") }
        add(.array(items))
    }
    mutating func key(_ name: StaticString) {
        guard case .object(let members, _) = levels.removeLast() else { preconditionFailure("key in an array") }
        levels.append(.object(members, pendingKey: "\(name)"))
    }
    mutating func element() {}
    mutating func string(_ s: String) { add(.string(s)) }
    mutating func int(_ i: Int) { add(.int(i)) }
    mutating func null() { add(.null) }
    mutating func number(_ x: Double?) { add(.optional(x)) }

    private mutating func add(_ value: JSONValue) {
        guard let level = levels.popLast() else { root = value; return }
        switch level {
        case .object(var members, let key):
            members.append((key!, value))
            levels.append(.object(members, pendingKey: nil))
        case .array(var items):
            items.append(value)
            levels.append(.array(items))
        }
    }
}
