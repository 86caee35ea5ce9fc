/// A report as sections of paragraphs, tables, figures and preformatted text, independent of
/// how it is written out: ``HTMLReport`` renders it as a self-contained page and
/// ``MarkdownReport`` as GitHub-flavoured Markdown with the figures as files beside it.
public struct ReportDocument: Sendable {
    /// A piece of a section: paragraph, preformatted text, table or figure.
    public enum Block: Sendable {
        case paragraph(String)
        /// A table; `numeric` marks the columns aligned right.
        case table(header: [String], rows: [[String]], numeric: Set<Int>)
        /// A figure: its file name in the bundle, the SVG text and a caption.
        case figure(file: String, svg: String, caption: String)
        case preformatted(String)
        /// A list of links to the bundle's data files.
        case files([String])
    }

    /// A titled section of the report.
    public struct Section: Sendable {
        /// The section's heading.
        public var title: String
        /// The section's content in order.
        public var blocks: [Block]
        /// A section with `title` and `blocks`.
        public init(_ title: String, _ blocks: [Block]) { self.title = title; self.blocks = blocks }
    }

    /// The report's title.
    public var title: String
    /// One line under the title (what was analysed, with which tool).
    public var subtitle: String
    /// The report's sections in order.
    public var sections: [Section]

    /// A document with a title, a subtitle and sections.
    public init(title: String, subtitle: String, sections: [Section]) {
        self.title = title; self.subtitle = subtitle; self.sections = sections
    }

    /// The figures' files, in order.
    public var figures: [(file: String, svg: String)] {
        sections.flatMap(\.blocks).compactMap { block in
            if case let .figure(file, svg, _) = block { return (file, svg) }
            return nil
        }
    }
}
