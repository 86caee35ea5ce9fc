import Foundation
import SurvivalReports

/// Writes a report bundle into `--output-dir` all or nothing: every file goes into a fresh
/// temporary folder beside the target (written with AtomicFile), which is then renamed to the
/// target when it does not exist yet. When the target exists (e.g. it holds a hand-written
/// README.md), each file is renamed into it instead — each rename atomic — so other files
/// there are kept and an interrupted run leaves each bundle file whole, old or new.
enum BundleDirectory {
    static func write(_ bundle: ReportBundle, to directory: String) throws {
        let target = URL(fileURLWithPath: directory).standardized
        let parent = target.deletingLastPathComponent().path
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("--output-dir \(directory): the folder \(parent) does not exist")
        }
        let temporary = "\(parent)/.\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try? files.removeItem(atPath: temporary)
        guard mkdir(temporary, 0o755) == 0 else {
            throw UsageError("--output-dir \(directory): cannot create a folder in \(parent): \(String(cString: strerror(errno)))")
        }
        do {
            for file in bundle.files { try AtomicFile.write(file.contents, to: "\(temporary)/\(file.name)") }
            if files.fileExists(atPath: target.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else { throw UsageError("--output-dir \(directory): not a folder") }
                for file in bundle.files where rename("\(temporary)/\(file.name)", "\(target.path)/\(file.name)") != 0 {
                    throw UsageError("\(target.path)/\(file.name): cannot write the output: \(String(cString: strerror(errno)))")
                }
                rmdir(temporary)
            } else if rename(temporary, target.path) != 0 {
                throw UsageError("--output-dir \(directory): cannot write the output: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? files.removeItem(atPath: temporary)
            throw error
        }
    }
}
