import PlatformSupport
import Dispatch
import SurvivalReports

/// The process's edges: stderr messages, exit, and Ctrl-C.
enum Terminal {
    static func fail(_ message: String, status: Int32) -> Never {
        let line = message.split(separator: "\n", omittingEmptySubsequences: false)
        // The contract asks for one line for bad input; usage errors from the parser may carry
        // a usage hint on following lines, which is kept.
        writeStandardError("survkit: " + line.joined(separator: "\n") + "\n")
        exit(status)
    }

    static func exit(_ status: Int32) -> Never {
        fflush(nil)
        Platform.exit(status)
    }

    /// Writes straight to file descriptor 2 (the C `stderr` global is not concurrency-safe in Swift 6).
    static func writeStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { break }
            done += n
        }
        bytes.removeAll()
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// SIGINT (Ctrl-C) and SIGTERM remove temporary output files and exit 130 / 143, so no partial
/// output is left.
///
/// The signals are ignored at the process level and delivered through dispatch signal sources:
/// their handlers run on a dispatch thread, not in signal context, so they may take locks and
/// allocate (a C signal handler may call only async-signal-safe functions, and the registry of
/// temporary files is behind a mutex).
enum Interrupts {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let queue = DispatchQueue(label: "survkit.interrupts")

    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                AtomicFile.removePending()
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}

extension Terminal {
    /// A warning on standard error: the output is still produced.
    static func warn(_ message: String) { writeStandardError("survkit: warning: " + message + "\n") }
    /// Information on standard error (e.g. --list-omitted).
    static func note(_ message: String) { writeStandardError("survkit: " + message + "\n") }
}
