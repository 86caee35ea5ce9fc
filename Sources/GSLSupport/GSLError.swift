internal import CGSL

/// A GSL routine reported a failure status.
///
/// GSL's default error handler calls `abort()`. survkit switches it off once (``GSL/prepare()``)
/// and turns every non-zero status into this error instead, so a numerical failure becomes
/// a Swift error the caller can report rather than a crashed process.
package struct GSLError: Error, CustomStringConvertible, Sendable {
    /// GSL's status code (`GSL_EDOM`, `GSL_EMAXITER`, …).
    package let status: Int32
    /// The GSL routine that failed.
    package let routine: String

    /// A failure of `routine` with GSL `status`.
    package init(status: Int32, routine: String) {
        self.status = status
        self.routine = routine
    }

    /// The routine and GSL's wording of the status.
    package var description: String {
        let reason = gsl_strerror(status).map { String(cString: $0) } ?? "status \(status)"
        return "\(routine) failed: \(reason)"
    }
}

/// Process-wide GSL setup.
package enum GSL {
    /// Switches GSL's aborting error handler off. Idempotent and thread-safe (a Swift global
    /// initialiser runs exactly once); every wrapper in this module calls it before touching GSL.
    package static func prepare() { _ = handlerSwitchedOff }

    /// Throws ``GSLError`` for a non-zero GSL status.
    @inlinable
    package static func check(_ status: Int32, _ routine: String) throws(GSLError) {
        if status != 0 { throw GSLError(status: status, routine: routine) }
    }
}

private let handlerSwitchedOff: Bool = {
    gsl_set_error_handler_off()
    return true
}()
