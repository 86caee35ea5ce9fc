import PlatformSupport

/// Whole-file reads with POSIX calls: one allocation, no Foundation `Data` copy.
enum FileBytes {
    struct Failure: Error {
        let message: String
        /// The physical line the failure is on, when it is about the content.
        var line: Int? = nil
    }

    /// The longest line accepted while reading, in bytes (64 MiB). Endless input without line
    /// breaks (`/dev/zero`, a binary file) is refused naming the line, instead of growing memory
    /// until the process is killed.
    static let maximumLineBytes = 64 << 20

    /// The bytes of `path`, or of standard input for `-`.
    static func read(path: String, maximumLineBytes: Int = FileBytes.maximumLineBytes) throws(Failure) -> [UInt8] {
        let fd: Int32 = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(message: "cannot open the file: \(String(cString: strerror(errno)))") }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(message: "is a directory, not a CSV file")
        }
        var size = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
        // One byte more than the file so the loop sees end-of-file without growing the buffer.
        var bytes = [UInt8](repeating: 0, count: max(size + 1, 1 << 16))
        var filled = 0
        // Where the current line began.
        var lineStart = 0
        while true {
            if filled == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
            let n = bytes.withUnsafeMutableBytes { raw in
                Platform.read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            // Only the last line feed of each block matters, found scanning backwards (a few
            // bytes for CSV text); lines are counted only to word the error.
            // memchr first: a block with no line feed at all (/dev/zero) is rejected by libc's
            // vectorised search instead of a byte loop.
            let lastFeed = bytes.withUnsafeBufferPointer { b -> Int? in
                guard memchr(b.baseAddress! + filled, 0x0A, n) != nil else { return nil }
                return b[filled..<(filled + n)].lastIndex(of: 0x0A)
            }
            if let lastFeed { lineStart = lastFeed + 1 }
            filled += n
            if filled - lineStart > maximumLineBytes {
                let line = bytes[..<lineStart].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                throw Failure(message: "line longer than \(maximumLineBytes >> 20) MiB without a line break: not CSV text (binary data, /dev/zero?)",
                              line: line)
            }
        }
        size = filled
        bytes.removeSubrange(size...)
        return bytes
    }
}
