import PlatformSupport

/// Writes a whole output file or nothing.
///
/// For a regular file (or a new one) the text goes to a temporary file created exclusively
/// (`O_CREAT|O_EXCL`, random suffix) in the target's directory, is flushed, given the mode of the
/// file it replaces, and is renamed over the target (rename is atomic on POSIX), so a failed or
/// interrupted run never leaves a partial file. A symbolic link is followed: the file it points
/// to is replaced atomically and the link is kept. A target that exists and is not a regular file
/// (`/dev/null`, `/dev/stdout`, a FIFO, a device) is written directly: renaming over it would
/// replace the device node with a regular file. Several outputs of one run go through one
/// ``OutputTransaction`` so that they are committed together or not at all.
public enum AtomicFile {
    /// Why an output could not be written.
    public struct Failure: Error, CustomStringConvertible {
        /// What made the write fail: a system call, or an output naming an input or another output.
        public enum Kind: Sendable, Equatable {
            /// A system call failed; `reason` is its error text.
            case system
            /// The output is the same file (device and inode) as an input of the run.
            case sameAsInput(input: String)
            /// Two outputs of one run name the same file.
            case sameAsOtherOutput(other: String)
        }
        /// The output path that could not be written.
        public let path: String
        /// What made the write fail.
        public let kind: Kind
        /// Why, in words.
        public let reason: String

        /// A failure to write `path`.
        public init(path: String, kind: Kind = .system, reason: String) {
            self.path = path
            self.kind = kind
            self.reason = reason
        }

        /// `path: cannot write the output: reason`.
        public var description: String { "\(path): cannot write the output: \(reason)" }
    }

    /// Writes `text` to `path` (one output; see ``OutputTransaction`` for several).
    /// - Parameters:
    ///   - text: the whole output.
    ///   - path: where it goes: all or nothing (through a temporary file; devices and FIFOs directly).
    ///   - inputs: files the run reads; writing over one of them is refused.
    public static func write(_ text: String, to path: String, inputs: [String] = []) throws(Failure) {
        var transaction = OutputTransaction(inputs: inputs)
        try transaction.stage(text, to: path)
        try transaction.commit()
    }

    /// Deletes temporary files of writes in progress; the CLI's interrupt handler calls it on SIGINT or SIGTERM.
    public static func removePending() { PendingTemporaries.removeAll() }
}
