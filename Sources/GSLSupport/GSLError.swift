import CGSL

/// A GSL routine reported a failure status.
///
/// GSL's default error handler calls `abort()`. survkit switches it off once (``GSL/prepare()``)
/// and turns every non-zero status into this error instead, so a numerical failure becomes
/// a Swift error the caller can report rather than a crashed process.
public struct GSLError: Error, CustomStringConvertible, Sendable {
    public let status: Int32
    public let routine: String

    public init(status: Int32, routine: String) {
        self.status = status
        self.routine = routine
    }

    public var description: String {
        let reason = gsl_strerror(status).map { String(cString: $0) } ?? "status \(status)"
        return "\(routine) failed: \(reason)"
    }
}

/// Process-wide GSL setup.
public enum GSL {
    /// Switches GSL's aborting error handler off. Idempotent and thread-safe (a Swift global
    /// initialiser runs exactly once); every wrapper in this module calls it before touching GSL.
    public static func prepare() { _ = handlerSwitchedOff }

    /// Throws ``GSLError`` for a non-zero GSL status.
    @inlinable
    public static func check(_ status: Int32, _ routine: String) throws(GSLError) {
        if status != 0 { throw GSLError(status: status, routine: routine) }
    }
}

private let handlerSwitchedOff: Bool = {
    gsl_set_error_handler_off()
    return true
}()
