import PlatformSupport

/// The outputs of one run (say `--residuals` and `--output`), committed together or not at all.
///
/// ``stage(_:to:)`` checks the target and writes each regular-file output completely to its own
/// temporary file; only when every output is staged does ``commit()`` rename them into place
/// (and write the non-regular targets). A failure at any stage removes every temporary file, so a
/// failing run leaves no side file behind. Dropping an uncommitted transaction leaves temporary
/// files until ``rollBack()``; commands call one of the two.
public struct OutputTransaction {
    private struct Staged {
        let target: String
        /// The temporary file to rename over `renameTo`, or nil for a direct write.
        let temporary: String?
        let renameTo: String
        let contents: Contents
        let identity: FileIdentity?
    }

    /// What an output holds: report text, or the bytes of a PNG/PDF figure.
    private enum Contents {
        case text(String), bytes([UInt8])
        static let none = Contents.bytes([])

        func write(to fd: Int32, path: String) throws(AtomicFile.Failure) {
            switch self {
            case .text(let text): try TemporaryFile.writeAll(text, to: fd, path: path)
            case .bytes(let bytes): try TemporaryFile.writeAll(bytes, to: fd, path: path)
            }
        }
    }

    private var inputs: [(path: String, identity: FileIdentity)]
    private var staged: [Staged] = []

    /// - Parameter inputs: files the run reads (data, design file, shards); an output that is the
    ///   same file as one of them (same device and inode, whatever the path) is refused.
    public init(inputs: [String] = []) {
        self.inputs = inputs.compactMap { path in FileIdentity(path: path).map { (path, $0) } }
    }

    /// Adds files the run reads, once it knows them (a figure staged before the report).
    public mutating func protect(inputs paths: [String]) {
        for path in paths {
            guard let identity = FileIdentity(path: path), !inputs.contains(where: { $0.identity == identity }) else { continue }
            inputs.append((path, identity))
        }
    }

    /// Checks `path` and, for a regular file, writes `text` to a new temporary file beside it.
    public mutating func stage(_ text: String, to path: String) throws(AtomicFile.Failure) {
        try stage(.text(text), to: path)
    }

    /// Stages binary contents (a PNG or PDF figure) as ``stage(_:to:)`` stages text.
    public mutating func stage(bytes: [UInt8], to path: String) throws(AtomicFile.Failure) {
        try stage(.bytes(bytes), to: path)
    }

    private mutating func stage(_ contents: Contents, to path: String) throws(AtomicFile.Failure) {
        do {
            try stageChecked(contents, to: path)
        } catch {
            rollBack()
            throw error
        }
    }

    private mutating func stageChecked(_ contents: Contents, to path: String) throws(AtomicFile.Failure) {
        let identity = FileIdentity(path: path)
        if let identity {
            if let input = inputs.first(where: { $0.identity == identity }) {
                throw AtomicFile.Failure(path: path, kind: .sameAsInput(input: input.path),
                                         reason: "it is the input file \(input.path); refusing to overwrite an input")
            }
            if let other = staged.first(where: { $0.identity == identity }) {
                throw AtomicFile.Failure(path: path, kind: .sameAsOtherOutput(other: other.target),
                                         reason: "it is also the output \(other.target) of this run")
            }
        }
        if let identity, !identity.isRegular {
            staged.append(Staged(target: path, temporary: nil, renameTo: path, contents: contents, identity: identity))
            return
        }
        // A symbolic link is followed, so the link survives and the file it names is replaced.
        let destination = OutputTransaction.resolvedLinkTarget(path) ?? path
        let temporary = try TemporaryFile.create(beside: destination, mode: identity?.permissions,
                                                 owner: identity.map { ($0.owner, $0.group) })
        do throws(AtomicFile.Failure) {
            try contents.write(to: temporary.descriptor, path: path)
            if fsync(temporary.descriptor) != 0 { throw AtomicFile.Failure(path: path, reason: String(cString: strerror(errno))) }
        } catch {
            close(temporary.descriptor)
            unlink(temporary.path)
            PendingTemporaries.remove(temporary.path)
            throw error
        }
        if close(temporary.descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            PendingTemporaries.remove(temporary.path)
            throw AtomicFile.Failure(path: path, reason: reason)
        }
        staged.append(Staged(target: path, temporary: temporary.path, renameTo: destination, contents: .none, identity: identity))
    }

    /// Puts every staged output in place: direct writes first (they can fail), then the renames.
    public mutating func commit() throws(AtomicFile.Failure) {
        defer { staged = [] }
        for output in staged where output.temporary == nil {
            do {
                try OutputTransaction.writeDirectly(output.contents, to: output.target)
            } catch {
                rollBack()
                throw error
            }
        }
        var firstFailure: AtomicFile.Failure?
        for output in staged {
            guard let temporary = output.temporary else { continue }
            if firstFailure == nil, rename(temporary, output.renameTo) != 0 {
                firstFailure = AtomicFile.Failure(path: output.target, reason: String(cString: strerror(errno)))
            }
            if firstFailure != nil { unlink(temporary) }
            PendingTemporaries.remove(temporary)
        }
        if let firstFailure { throw firstFailure }
    }

    /// Removes every staged temporary file (nothing has been put in place yet).
    public mutating func rollBack() {
        for output in staged {
            if let temporary = output.temporary {
                unlink(temporary)
                PendingTemporaries.remove(temporary)
            }
        }
        staged = []
    }

    /// Writes to an existing non-regular file (device, FIFO, terminal) as it is, without
    /// truncating or replacing it. `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` use the
    /// descriptor the process already has.
    private static func writeDirectly(_ contents: Contents, to path: String) throws(AtomicFile.Failure) {
        var inherited: Int32? = nil
        if path == "/dev/stdout" { inherited = STDOUT_FILENO }
        if path == "/dev/stderr" { inherited = STDERR_FILENO }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            inherited = Int32(path.dropFirst(prefix.count))
        }
        if let fd = inherited {
            fflush(nil)
            try contents.write(to: fd, path: path)
            return
        }
        let fd = open(path, O_WRONLY | O_NOCTTY)
        guard fd >= 0 else { throw AtomicFile.Failure(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try contents.write(to: fd, path: path)
    }

    /// The file a symbolic link finally names (nil when `path` is not a link).
    private static func resolvedLinkTarget(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        // A dangling link: write the file it names (relative to the link's folder).
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, Int(PATH_MAX))
        guard n > 0 else { return nil }
        let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        return folder + "/" + target
    }
}

/// The device and inode of an existing file (following symbolic links), and its kind, mode and
/// owner.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    let isRegular: Bool
    let permissions: mode_t
    /// Owner and group, given to the file that replaces it (when the process may).
    let owner: uid_t
    let group: gid_t

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        isRegular = (info.st_mode & S_IFMT) == S_IFREG
        permissions = info.st_mode & 0o7777
        owner = info.st_uid
        group = info.st_gid
    }

    static func == (a: FileIdentity, b: FileIdentity) -> Bool { a.device == b.device && a.inode == b.inode }
}
