/// A JSON document with keys kept in the order they were added, so output is deterministic
/// and reads in the order the contract lists the keys.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// Finite doubles print in Swift's shortest round-trip form; NaN and ±∞ print as `null`
    /// (R's NA), since JSON has no spelling for them.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Equal when both render to the same JSON text.
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// `.number(x)` or `.null` for nil / non-finite.
    public static func optional(_ x: Double?) -> JSONValue {
        guard let x, x.isFinite else { return .null }
        return .number(x)
    }

    /// The document as text, two-space indented, with a trailing newline (written by the
    /// package's one JSON writer, `JSONStream`: arrays of scalars on one line, one member or object per line).
    public func rendered() -> String {
        var out = JSONStream()
        write(to: &out)
        return out.finish()
    }

    /// Writes the value at the stream's position (after a key or an element mark).
    func write(to out: inout JSONStream) {
        switch self {
        case .null: out.null()
        case .bool(let b): out.bool(b)
        case .int(let i): out.int(i)
        case .number(let x): out.number(x)
        case .string(let s): out.string(s)
        case .array(let items):
            if items.allSatisfy(\.isScalar) { out.openInlineArray() } else { out.openArray() }
            for item in items {
                out.element()
                item.write(to: &out)
            }
            out.closeArray()
        case .object(let members):
            out.openObject()
            for (key, value) in members {
                out.key(key)
                value.write(to: &out)
            }
            out.closeObject()
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
