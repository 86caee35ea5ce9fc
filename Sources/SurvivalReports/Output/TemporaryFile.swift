import PlatformSupport

/// Temporary output files: created exclusively with a random name, and registered with
/// ``PendingTemporaries`` before they exist so an interrupt can remove them.
enum TemporaryFile {
    /// Creates `.NAME.tmp-XXXXXXXXXXXX` beside `target` with `O_CREAT|O_EXCL` (as `mkstemp`):
    /// two runs writing the same target — even with the same PID, in separate PID namespaces —
    /// never share a temporary file.
    /// - Parameters:
    ///   - mode: the permissions to give it (those of the file it replaces); a new file gets 0666
    ///     less the umask, as any created file.
    ///   - owner: the owner and group of the file it replaces, given to it when the process may
    ///     (see ``keepOwner(_:of:)``).
    static func create(beside target: String, mode: mode_t?,
                       owner: (uid: uid_t, gid: gid_t)? = nil) throws(AtomicFile.Failure) -> (path: String, descriptor: Int32) {
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let suffix = String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 36)
            let path = "\(directory.isEmpty ? "" : directory)/.\(name).tmp-\(suffix)"
            PendingTemporaries.add(path)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                // Owner before mode: chown clears the set-user/group-ID bits that fchmod restores.
                if let owner { keepOwner(owner, of: fd) }
                if let mode, fchmod(fd, mode) != 0 {
                    let reason = String(cString: strerror(errno))
                    close(fd); unlink(path); PendingTemporaries.remove(path)
                    throw AtomicFile.Failure(path: target, reason: reason)
                }
                return (path, fd)
            }
            let error = errno
            PendingTemporaries.remove(path)
            if error != EEXIST { throw AtomicFile.Failure(path: target, reason: String(cString: strerror(error))) }
        }
        throw AtomicFile.Failure(path: target, reason: "no free temporary file name beside it")
    }

    /// Gives the new file the owner and group of the file it replaces, as far as the process is
    /// allowed: root (or CAP_CHOWN) keeps both; an ordinary user can keep only a group it belongs
    /// to, and otherwise the file is theirs (EPERM is expected then, not an error: the content is
    /// what the run was asked to write, and refusing would lose it).
    static func keepOwner(_ owner: (uid: uid_t, gid: gid_t), of fd: Int32) {
        if owner.uid == geteuid() && owner.gid == getegid() { return }
        if fchown(fd, owner.uid, owner.gid) == 0 { return }
        // uid_t(bitPattern: -1): "leave the owner as it is".
        if owner.gid != getegid() { _ = fchown(fd, uid_t.max, owner.gid) }
    }

    /// Writes all of `text` to `fd`, retrying on EINTR and short writes.
    static func writeAll(_ text: String, to fd: Int32, path: String) throws(AtomicFile.Failure) {
        var text = text
        if let failure = text.withUTF8({ writeAll(UnsafeRawBufferPointer($0), to: fd, path: path) }) { throw failure }
    }

    /// Writes all of `bytes` to `fd` (a PNG or PDF figure), as the text version does.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(AtomicFile.Failure) {
        if let failure = bytes.withUnsafeBytes({ writeAll($0, to: fd, path: path) }) { throw failure }
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) -> AtomicFile.Failure? {
        var written = 0
        while written < bytes.count {
            let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return AtomicFile.Failure(path: path, reason: String(cString: strerror(errno)))
            }
            written += n
        }
        return nil
    }
}
