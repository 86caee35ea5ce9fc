/// The files of a report bundle, in a fixed order: `index.html`, `report.md`, the figures and the
/// data tables. Written into `--output-dir` by the command.
public struct ReportBundle: Sendable {
    /// The bundle's files (name relative to the output directory, contents) in the order written.
    public private(set) var files: [(name: String, contents: String)] = []

    /// The document's HTML, Markdown and figure files, then `tables` (CSV/JSON) as given.
    public init(_ document: ReportDocument, tables: [(name: String, contents: String)]) {
        files.append(("index.html", HTMLReport.render(document)))
        files.append(("report.md", MarkdownReport.render(document)))
        for figure in document.figures { files.append((figure.file, figure.svg)) }
        files += tables
    }
}
