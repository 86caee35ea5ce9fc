import Foundation
import SurvivalReports

/// Writes a figure atomically: SVG as it is, PNG and PDF converted by `rsvg-convert` (librsvg)
/// from a temporary SVG, then renamed into place, so a failed conversion leaves no file.
enum FigureFile {
    enum Kind {
        case svg, png, pdf

        init(path: String) throws {
            switch (path as NSString).pathExtension.lowercased() {
            case "svg": self = .svg
            case "png": self = .png
            case "pdf": self = .pdf
            default: throw UsageError("--plot \(path): the figure must be a .svg, .png or .pdf file")
            }
        }
    }

    static func write(_ svg: String, to path: String) throws {
        let kind = try Kind(path: path)
        if kind == .svg { return try AtomicFile.write(svg, to: path) }
        guard let converter = executable(named: "rsvg-convert") else {
            throw UsageError("--plot \(path): rsvg-convert is not on PATH; install it (Debian package librsvg2-bin) or write a .svg")
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let pid = ProcessInfo.processInfo.processIdentifier
        let source = "\(directory)/.\(url.lastPathComponent).svg-\(pid)"
        let converted = "\(directory)/.\(url.lastPathComponent).tmp-\(pid)"
        try AtomicFile.write(svg, to: source)
        defer { unlink(source); unlink(converted) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: converter)
        process.arguments = ["-f", kind == .png ? "png" : "pdf", "-o", converted, source]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let line = message.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw UsageError("--plot \(path): rsvg-convert failed: \(line)")
        }
        guard rename(converted, path) == 0 else {
            throw UsageError("\(path): cannot write the output: \(String(cString: strerror(errno)))")
        }
    }

    /// The first executable `name` on PATH.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
