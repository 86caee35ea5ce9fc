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

    mutating func append(raw: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: raw) }

    mutating func append(spaces: Int) {
        var left = spaces
        while left > 0 {
            bytes.append(UInt8(ascii: " "))
            left -= 1
        }
    }

    /// Right-aligns the text written since `start` in a field of `width` bytes.
    mutating func padLeft(from start: Int, to width: Int) {
        let pad = width - (bytes.count - start)
        guard pad > 0 else { return }
        append(spaces: pad)
        bytes.withUnsafeMutableBufferPointer { b in
            var i = b.count - 1
            while i >= start + pad {
                b[i] = b[i - pad]
                i -= 1
            }
            for j in start..<(start + pad) { b[j] = UInt8(ascii: " ") }
        }
    }

    /// Decimal digits of `value`.
    mutating func append(_ value: Int) {
        var scratch = Scratch()
        var end = Scratch.size
        scratch.writeDigits(value.magnitude, before: &end)
        if value < 0 { scratch.write(UInt8(ascii: "-"), before: &end) }
        scratch.append(from: end, to: &bytes)
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
        var scratch = Scratch()
        var end = Scratch.size
        if decimals > 0 {
            var rest = rounded % unit
            for _ in 0..<decimals {
                scratch.write(UInt8(ascii: "0") + UInt8(rest % 10), before: &end)
                rest /= 10
            }
            scratch.write(UInt8(ascii: "."), before: &end)
        }
        scratch.writeDigits(UInt(rounded / unit), before: &end)
        if x.sign == .minus { scratch.write(UInt8(ascii: "-"), before: &end) }
        scratch.append(from: end, to: &bytes)
    }

    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// 40 bytes on the stack, filled from the end, for one number's text.
    private struct Scratch {
        static let size = 40
        private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)

        mutating func write(_ byte: UInt8, before end: inout Int) {
            end -= 1
            let position = end
            withUnsafeMutableBytes(of: &storage) { $0[position] = byte }
        }

        mutating func writeDigits(_ value: UInt, before end: inout Int) {
            var m = value
            repeat {
                write(UInt8(ascii: "0") + UInt8(m % 10), before: &end)
                m /= 10
            } while m > 0
        }

        func append(from start: Int, to bytes: inout [UInt8]) {
            withUnsafeBytes(of: storage) { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[start..<Scratch.size])) }
        }
    }
}
