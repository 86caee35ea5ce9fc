import Foundation
import SurvivalReports

/// Everything one run writes — `--output`, side files (`--residuals`, `--replicates-csv`) and
/// `--plot` figures — staged as the command produces it and put in place together only after the
/// command has finished without error; standard output is printed last.
///
/// So a `--plot` that fails (rsvg-convert missing, a figure path in a missing folder) leaves no
/// `--output` behind, and a failed report leaves no figure: a failed run writes nothing, as the
/// contract asks. ``SurvKit/main()`` calls ``commit()`` after the command and ``rollBack()`` on error.
enum RunOutputs {
    nonisolated(unsafe) private static var transaction = OutputTransaction()
    nonisolated(unsafe) private static var standardOutput = ""
    /// Commands run on one thread; the lock keeps the rule true if one ever stages from another.
    private static let lock = NSLock()

    /// Files the run reads: no output of the run (a figure staged later included) may replace one.
    static func protect(inputs: [String]) {
        lock.withLock { transaction.protect(inputs: inputs) }
    }

    /// Stages report text for `path`, refusing a path that is one of `inputs` or another output.
    static func stage(_ text: String, to path: String, inputs: [String]) throws {
        try lock.withLock {
            transaction.protect(inputs: inputs)
            try transaction.stage(text, to: path)
        }
    }

    /// Stages a binary figure (PNG, PDF).
    static func stage(bytes: [UInt8], to path: String) throws {
        try lock.withLock { try transaction.stage(bytes: bytes, to: path) }
    }

    /// Text for standard output, printed after every file is in place.
    static func print(_ text: String) {
        lock.withLock { standardOutput += text }
    }

    /// Puts every staged file in place, then prints standard output.
    static func commit() throws {
        let text: String = try lock.withLock {
            try transaction.commit()
            defer { standardOutput = "" }
            return standardOutput
        }
        Swift.print(text, terminator: "")
    }

    /// Removes every staged temporary file and forgets standard output (the run failed).
    static func rollBack() {
        lock.withLock {
            transaction.rollBack()
            standardOutput = ""
        }
    }
}
