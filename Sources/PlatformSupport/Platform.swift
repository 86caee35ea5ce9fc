// The one place that chooses the C library: Glibc on Linux, Darwin on macOS (the package
// declares macOS 13). Every other file imports PlatformSupport for the C math functions
// (`exp`, `lgamma`, `erfc`, ...) and POSIX calls, and calls `Platform.read/write/exit` rather
// than `Glibc.read`, which does not exist on macOS.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#else
#error("survkit builds on Linux (Glibc) and macOS (Darwin)")
#endif

/// POSIX calls under one name on every platform.
package enum Platform {
    /// `read(2)`: bytes read, 0 at end of file, -1 on error (`errno` set).
    @inlinable
    package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }

    /// `write(2)`: bytes written, -1 on error (`errno` set).
    @inlinable
    package static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
        #else
        Darwin.write(fd, buffer, count)
        #endif
    }

    /// `exit(3)`: flushes C stdio and ends the process.
    package static func exit(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }
}

/// The process's allocator policy for large arrays.
package enum AllocatorPolicy {
    /// Lets glibc's `malloc` serve large blocks from its heap and keep freed heap memory,
    /// instead of mapping a fresh region for each large block (128 KiB up to 32 MiB, by glibc's sliding threshold) and unmapping it on
    /// `free`.
    ///
    /// Why: a 1e7-row `logrank` or `km` builds and frees several arrays of 40–80 MB one after
    /// the other (decoded columns, the tie-rule and sort buffers). Each fresh mapping is
    /// zero-filled page by page on first touch, and a page fault costs about 4 µs on the virtual
    /// machines survkit is benchmarked on: 322,000 faults were 0.8–1.4 s of system time in a
    /// 2 s `logrank`. Reusing freed heap pages removes about a third of them with the same peak
    /// RSS (docs/performance.md, "Page faults at 1e7 rows"). Not for every command: `cox` keeps
    /// more arrays alive at once, and there the heap's holes raised peak RSS by 27% with no
    /// fewer faults. glibc's `M_MMAP_MAX`/`M_TRIM_THRESHOLD` (mallopt(3)); a no-op elsewhere.
    /// Call before the data are loaded.
    package static func keepLargeBlocksInHeap() {
        #if canImport(Glibc)
        // mallopt(3) is declared in <malloc.h>, which the Glibc module does not import; it is
        // looked up by name instead. M_MMAP_MAX (-4) and M_TRIM_THRESHOLD (-1) as there.
        // M_MMAP_MAX 0 sends every block to the heap (mallopt caps M_MMAP_THRESHOLD at 32 MiB,
        // below the arrays that matter); a thread arena that cannot hold a block retries in the
        // main arena, and a heap that cannot grow still falls back to mmap (malloc.c).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let mmapMax: Int32 = -4, trimThreshold: Int32 = -1
        _ = mallopt(mmapMax, 0)
        _ = mallopt(trimThreshold, Int32.max)
        #endif
    }
}
