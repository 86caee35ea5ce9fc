import PlatformSupport

/// Whole-file reads with POSIX calls: one allocation, no Foundation `Data` copy.
enum FileBytes {
    struct Failure: Error { let message: String }

    /// The bytes of `path`, or of standard input for `-`.
    static func read(path: String) throws(Failure) -> [UInt8] {
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
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let n = bytes.withUnsafeMutableBytes { raw in
                Platform.read(fd, raw.baseAddress! + filled, raw.count - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            filled += n
        }
        size = filled
        bytes.removeSubrange(size...)
        return bytes
    }
}
