import PlatformSupport

/// Whole-file input with POSIX calls: a regular file mapped, a stream read into one allocation.
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

    /// The bytes of `path`, or of standard input for `-`: a regular file is memory-mapped (and
    /// checked for over-long lines without being copied), anything else is read.
    static func contents(path: String, maximumLineBytes: Int = FileBytes.maximumLineBytes) throws(Failure) -> FileContents {
        let fd: Int32 = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(message: "cannot open the file: \(String(cString: strerror(errno)))") }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(message: "is a directory, not a CSV file")
        }
        if (info.st_mode & S_IFMT) == S_IFREG, let mapped = FileContents(mapping: fd, length: Int(info.st_size)) {
            try checkLineLengths(mapped, maximumLineBytes: maximumLineBytes)
            return mapped
        }
        return FileContents(copying: try read(fd: fd, info: info, maximumLineBytes: maximumLineBytes))
    }

    /// The bytes of `path` as an array (``contents(path:maximumLineBytes:)`` copied).
    static func read(path: String, maximumLineBytes: Int = FileBytes.maximumLineBytes) throws(Failure) -> [UInt8] {
        try contents(path: path, maximumLineBytes: maximumLineBytes).array
    }

    /// Refuses a mapped file holding a line longer than `maximumLineBytes`, as reading would.
    /// Each window of `maximumLineBytes + 1` bytes must hold a line feed; searching for the last
    /// one backwards from the window's end costs a text file a few bytes per 64 MiB, not a pass.
    static func checkLineLengths(_ file: FileContents, maximumLineBytes: Int) throws(Failure) {
        let p = file.base
        var lineStart = 0
        while file.count - lineStart > maximumLineBytes {
            var feed = lineStart + maximumLineBytes
            while feed >= lineStart, p[feed] != 0x0A { feed -= 1 }
            guard feed >= lineStart else {
                let line = file.buffer[..<lineStart].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                throw Failure(message: "line longer than \(maximumLineBytes >> 20) MiB without a line break: not CSV text (binary data, /dev/zero?)",
                              line: line)
            }
            lineStart = feed + 1
        }
    }

    /// Reads `fd` to its end (standard input, a pipe, a device), refusing over-long lines.
    private static func read(fd: Int32, info: stat, maximumLineBytes: Int) throws(Failure) -> [UInt8] {
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
