import Foundation
import SurvivalReports

/// A figure file: SVG as it is, PNG and PDF converted by `rsvg-convert` (librsvg); staged with
/// the run's other outputs, so a failed conversion — or a failed run — leaves no file.
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

    /// Stages the figure with the run's other outputs (``RunOutputs``): it is put in place only
    /// when the whole command succeeds.
    static func write(_ svg: String, to path: String) throws {
        let kind = try Kind(path: path)
        if kind == .svg { return try RunOutputs.stage(svg, to: path, inputs: []) }
        try RunOutputs.stage(bytes: try converted(svg, to: kind, for: path), to: path)
    }

    /// The PNG or PDF bytes of `svg`, converted by `rsvg-convert` in a private temporary folder.
    private static func converted(_ svg: String, to kind: Kind, for path: String) throws -> [UInt8] {
        guard let converter = executable(named: "rsvg-convert") else {
            throw UsageError("--plot \(path): rsvg-convert is not on PATH; install it (Debian package librsvg2-bin) or write a .svg")
        }
        var template = Array((NSTemporaryDirectory() + "/survkit-figure-XXXXXX").utf8CString)
        guard let folder = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw UsageError("--plot \(path): cannot make a temporary folder: \(String(cString: strerror(errno)))")
        }
        let source = folder + "/figure.svg", target = folder + "/figure." + (kind == .png ? "png" : "pdf")
        defer { unlink(source); unlink(target); rmdir(folder) }
        try AtomicFile.write(svg, to: source)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: converter)
        process.arguments = ["-f", kind == .png ? "png" : "pdf", "-o", target, source]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let bytes = FileManager.default.contents(atPath: target) else {
            let line = message.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw UsageError("--plot \(path): rsvg-convert failed: \(line)")
        }
        return [UInt8](bytes)
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
