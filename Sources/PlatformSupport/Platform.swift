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
