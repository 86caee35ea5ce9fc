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
    /// - Parameters:
    ///   - notes: what the data layer did (filters, units), rendered with the report.
    ///   - inputs: the files the run read; an output that is one of them is refused.
    ///   - sideFiles: other outputs of the run (`--residuals`, `--replicates-csv`), committed
    ///     together with `--output` or not at all.
    func emit(_ report: some Report, notes: DataNotes? = nil, inputs: [String?] = [],
              sideFiles: [(text: String, path: String)] = []) throws {
        let text = notes.map { $0.render(report, as: format) } ?? report.rendered(as: format)
        try emit(text: text, inputs: inputs, sideFiles: sideFiles)
    }
    /// Writes already rendered text as ``emit(_:inputs:sideFiles:)`` does: staged with the run's
    /// other outputs (``RunOutputs``), put in place when the command has succeeded.
    func emit(text: String, inputs: [String?], sideFiles: [(text: String, path: String)] = []) throws {
        let inputs = inputs.compactMap { $0 }.filter { $0 != "-" }
        RunOutputs.protect(inputs: inputs)
        for side in sideFiles { try RunOutputs.stage(side.text, to: side.path, inputs: inputs) }
        if let output { try RunOutputs.stage(text, to: output, inputs: inputs) } else { RunOutputs.print(text) }
    }
}
