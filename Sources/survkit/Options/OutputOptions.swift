import ArgumentParser
import SurvivalReports

extension OutputFormat: ExpressibleByArgument {}

/// `--format text|csv|json` and `--output PATH` (written atomically).
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(help: "Write to this file (atomically: all or nothing) instead of standard output.")
    var output: String?

    /// Renders the report and writes it to `--output` or standard output.
    func emit(_ report: some Report, notes: DataNotes? = nil) throws {
        let text = notes.map { $0.render(report, as: format) } ?? report.rendered(as: format)
        if let output {
            try AtomicFile.write(text, to: output)
        } else {
            print(text, terminator: "")
        }
    }
}
