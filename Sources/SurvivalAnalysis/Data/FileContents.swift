import PlatformSupport

/// The bytes of an input, read-only: a regular file memory-mapped, anything else (standard
/// input, a pipe, bytes already in memory) held in one owned allocation.
///
/// Mapping instead of reading saves the copy and the zero-filling of a buffer the size of the
/// file (4% of a 1e6-row load, docs/performance.md) and leaves the pages in the kernel's page
/// cache: they count in RSS only while touched and are never a second copy of the CSV.
/// Immutable after creation, so it is shared by the decoding threads.
final class FileContents: @unchecked Sendable {
    /// The first byte (a valid pointer even when `count` is 0).
    let base: UnsafePointer<UInt8>
    /// The number of bytes.
    let count: Int
    /// The length passed to `mmap`, or nil for an owned allocation.
    private let mappedLength: Int?

    /// A copy of `bytes` (tests and callers that already hold the text).
    init(copying bytes: [UInt8]) {
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBufferPointer { b in
            if let source = b.baseAddress { storage.initialize(from: source, count: b.count) }
        }
        base = UnsafePointer(storage)
        count = bytes.count
        mappedLength = nil
    }

    /// `length` bytes of the open file `fd`, mapped read-only; nil if the system refuses.
    init?(mapping fd: Int32, length: Int) {
        guard length > 0 else { return nil }
        let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else { return nil }
        // The decoders walk their stretches front to back: ask for aggressive read-ahead.
        _ = madvise(address, length, MADV_SEQUENTIAL)
        base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
        count = length
        mappedLength = length
    }

    deinit {
        if let mappedLength {
            munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
        } else {
            UnsafeMutablePointer(mutating: base).deallocate()
        }
    }

    /// The bytes as a buffer, valid while `self` is alive.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Calls `body` with the bytes; `self` is kept alive for the call.
    @inline(__always)
    func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try withExtendedLifetime(self) { () throws(E) -> R in try body(buffer) }
    }

    /// Says the bytes `[start, end)` will not be read again soon: the whole pages among them
    /// of a mapped file leave the resident set (touched again, they are read back from the page
    /// cache, unchanged). Lets a decoder bound the resident mapping to the stretch it is on
    /// instead of the whole file (issue 15's peak-RSS bound). No effect on owned bytes.
    func release(from start: Int, to end: Int) {
        guard mappedLength != nil else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (start + page - 1) / page * page
        let last = end / page * page
        guard last > first else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base) + first, last - first, MADV_DONTNEED)
    }

    /// A copy as an array (the SAS transport reader works on one).
    var array: [UInt8] { Array(buffer) }

    subscript(_ i: Int) -> UInt8 { base[i] }
}
