/// The bytes of a report being written, for tables of millions of rows: cells are appended
/// in place instead of being built as Strings, with numbers spelled exactly as ``NumberText``
/// spells them (`roundTrip`, `fixed`).
struct ReportBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    /// The bytes as a String (they are UTF-8 by construction).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ other: ReportBuffer) { bytes.append(contentsOf: other.bytes) }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    mutating func append(spaces: Int) {
        if spaces > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces)) }
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Decimal digits of `value`.
    mutating func append(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var limit: UInt = 10
        while magnitude >= limit, digits < 20 {
            digits += 1
            let (next, overflow) = limit.multipliedReportingOverflow(by: 10)
            if overflow { break }
            limit = next
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var position = start + digits - 1
        repeat {
            bytes[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            position -= 1
        } while magnitude > 0
    }

    /// ``NumberText/roundTrip(_:)``: shortest round-trip text, integral values without ".0".
    mutating func appendRoundTrip(_ x: Double) {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 {
            append(Int(Int64(x)))
        } else if x.isFinite {
            append(x.description)
        } else {
            append(NumberText.roundTrip(x))
        }
    }

    /// ``NumberText/fixed(_:decimals:)`` (C's `%.{d}f`): exact digit arithmetic where the
    /// rounding direction is unambiguous, the C library otherwise (near-ties, huge values, NA).
    mutating func appendFixed(_ x: Double, decimals: Int) {
        guard x.isFinite, decimals >= 0, decimals < ReportBuffer.powersOfTen.count else {
            append(NumberText.fixed(x, decimals: decimals))
            return
        }
        let scale = ReportBuffer.powersOfTen[decimals]
        let scaled = abs(x) * scale
        let whole = scaled.rounded(.down)
        let fraction = scaled - whole
        // Beyond 2^40 the product's rounding error could reach the fraction; near 0.5 it could
        // flip the rounding: let printf decide from the exact binary value.
        guard scaled < 0x1p40, abs(fraction - 0.5) > 0x1p-20 else {
            append(NumberText.fixed(x, decimals: decimals))
            return
        }
        let rounded = UInt64(whole) + (fraction > 0.5 ? 1 : 0)
        let unit = UInt64(scale)
        if x.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        append(Int(rounded / unit))
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var rest = rounded % unit
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals))
        var position = start + decimals - 1
        while rest > 0 {
            bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        }
    }

    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }
}
