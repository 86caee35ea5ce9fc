import PlatformSupport

/// C's `printf` formatting of one double, whatever the length of the result.
///
/// `%.4f` of 1e300 is 305 characters: a fixed buffer would truncate it silently (1e64 printed
/// as a 63-digit integer), so the buffer grows to the length `vsnprintf` reports.
enum CFormat {
    static func string(_ format: String, _ x: Double) -> String {
        var size = 64
        while true {
            var buffer = [CChar](repeating: 0, count: size)
            let n = buffer.withUnsafeMutableBufferPointer { b in
                withVaList([x]) { vsnprintf(b.baseAddress, size, format, $0) }
            }
            guard n >= 0 else { return "" }
            if Int(n) < size {
                return String(decoding: buffer[0..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            size = Int(n) + 1
        }
    }
}
