import Foundation
import Testing
import TestSupport

/// One survkit invocation of the differential fixtures (`scripts/fixtures/differential.R`):
/// the arguments, and what R did with the same rows (an answer, an error, warnings).
struct DifferentialRun: Sendable, CustomTestStringConvertible {
    let id: String
    let set: String
    let command: String
    let arguments: [String]
    /// "ok" or "error": whether R's call returned or stopped.
    let rStatus: String
    let rMessage: String
    /// R's warnings, " | "-separated; empty when R gave none.
    let rWarnings: String
    /// Set by the R script for runs whose R answer is not comparable (e.g. "no events").
    let note: String
    /// The rows R analysed: those without a missing value in the command's columns (na.omit).
    let rowsUsed: Int

    var testDescription: String { id }

    /// The runs of one command, in the fixture's order; `directory` is the fixture set
    /// (`differential`: scripts/fixtures/differential.R, `differential2`: differential2.R).
    static func load(_ command: String, directory: String = "differential") -> [DifferentialRun] {
        guard let fixture = try? Fixture("\(directory)/runs.csv") else { return [] }
        return fixture.rows(where: "command", is: command).map { row in
            DifferentialRun(id: row.string("run"), set: row.string("set"), command: command,
                            arguments: row.string("args").split(separator: ";").map(String.init),
                            rStatus: row.string("r_status"), rMessage: row.string("r_message"),
                            rWarnings: row.string("r_warnings"), note: row.string("note"),
                            rowsUsed: row.int("rows_used") ?? -1)
        }
    }

    /// Runs the built survkit from the repository root (the fixture paths are relative to it)
    /// with `extra` arguments and `--format json`.
    func run(_ extra: [String] = []) throws -> CommandResult {
        try Survkit.run(arguments + extra + ["--format", "json"], in: Fixtures.root)
    }
}

/// The rows of a differential fixture table, grouped by run, read once.
final class DifferentialTable: Sendable {
    let byRun: [String: [[String: String]]]

    init(_ name: String, directory: String = "differential") {
        let rows = (try? Fixture("\(directory)/\(name)").rows) ?? []
        byRun = Dictionary(grouping: rows, by: { $0["run"] ?? "" })
    }

    func rows(_ run: String) -> [[String: String]] { byRun[run] ?? [] }
}

/// A number from JSONSerialization output: nil for `null` (R's NA) and for a missing key.
/// swift-corelibs-foundation keeps long decimals as NSDecimalNumber, whose `doubleValue` is not
/// correctly rounded (1.8057869041465537 came back one ulp low); the number's own digits,
/// parsed by `Double(String)`, are the double survkit wrote.
func jsonNumber(_ value: Any?) -> Double? {
    switch value {
    case let n as NSNumber: return Double(n.description) ?? n.doubleValue
    case let d as Double: return d
    case let i as Int: return Double(i)
    default: return nil
    }
}

/// Parses a command's JSON output.
func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// Compares survkit's numbers of one run with R's and collects every difference, so a failing
/// run names all its mismatches at once. Relative differences are logged (to the file named by
/// the environment variable `SURVKIT_DIFFERENTIAL_LOG`, when set) for the largest-difference
/// summary in docs/reliability.md.
struct DifferentialComparison {
    let run: DifferentialRun
    private(set) var failures: [String] = []
    private var largest: [String: Double] = [:]

    init(_ run: DifferentialRun) { self.run = run }

    /// `got` and `want` agree within `tolerance` (nil = R's NA = JSON null).
    mutating func close(_ field: String, _ got: Double?, _ want: Double?, _ tolerance: Tolerance) {
        if let g = got, let w = want, g.isFinite, w.isFinite {
            largest[field] = max(largest[field] ?? 0, relativeDifference(g, w))
        }
        if !tolerance.accepts(got, want) {
            failures.append("\(field): survkit \(got.map { "\($0)" } ?? "null"), R \(want.map { "\($0)" } ?? "NA")")
        }
    }

    /// Counts, times and labels: equal.
    mutating func equal<T: Equatable>(_ field: String, _ got: T?, _ want: T?) {
        if got != want {
            failures.append("\(field): survkit \(got.map { "\($0)" } ?? "nil"), R \(want.map { "\($0)" } ?? "nil")")
        }
    }

    mutating func fail(_ message: String) { failures.append(message) }

    /// Records the outcome as one expectation, and the largest differences in the log.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        if let path = ProcessInfo.processInfo.environment["SURVKIT_DIFFERENTIAL_LOG"], !largest.isEmpty {
            let lines = largest.map { "\(run.command),\(run.id),\($0.key),\($0.value)\n" }.joined()
            Self.append(lines, to: path)
        }
        let message = "\(run.id) (\(run.arguments.joined(separator: " "))):\n"
            + failures.prefix(12).joined(separator: "\n")
        #expect(failures.isEmpty, Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    private static let lock = NSLock()
    private static func append(_ text: String, to path: String) {
        lock.lock(); defer { lock.unlock() }
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
    }
}

/// The outcome survkit must have where R has one: R answered → exit 0; R stopped → exit 2 with
/// one line on stderr. Returns the JSON when both answered.
func matchOutcome(_ run: DifferentialRun, _ result: CommandResult, _ comparison: inout DifferentialComparison,
                  survkitRefusesByContract: Bool = false) throws -> [String: Any]? {
    if run.rStatus == "error" || survkitRefusesByContract {
        comparison.equal("exit status (R: \(run.rMessage.isEmpty ? run.note : run.rMessage))", result.status, 2)
        if result.status == 2 {
            comparison.equal("stderr lines", result.stderr.split(separator: "\n").count, 1)
        }
        return nil
    }
    comparison.equal("exit status (stderr: \(result.stderr))", result.status, 0)
    guard result.status == 0 else { return nil }
    let object = try jsonObject(result.stdout)
    comparison.equal("rows_used", jsonNumber(object["rows_used"]), Double(run.rowsUsed))
    return object
}
