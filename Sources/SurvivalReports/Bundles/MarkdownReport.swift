/// A ``ReportDocument`` as GitHub-flavoured Markdown: pipe tables, the figures as `![](file.svg)`
/// images beside the file, preformatted text in fenced blocks.
public enum MarkdownReport {
    /// The document as Markdown (`report.md`), figures referenced by file name.
    public static func render(_ document: ReportDocument) -> String {
        var out = "# \(document.title)\n\n\(escape(document.subtitle))\n"
        for section in document.sections {
            out += "\n## \(section.title)\n"
            for block in section.blocks {
                out += "\n"
                switch block {
                case .paragraph(let text):
                    out += escape(text) + "\n"
                case let .table(header, rows, numeric):
                    out += "| " + header.map(cell).joined(separator: " | ") + " |\n"
                    out += "|" + header.indices.map { numeric.contains($0) ? "---:" : ":---" }.joined(separator: "|") + "|\n"
                    for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
                case let .figure(file, _, caption):
                    out += "![\(cell(caption))](\(file))\n\n*\(escape(caption))*\n"
                case .preformatted(let text):
                    out += "```\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "```\n"
                case .files(let names):
                    out += names.map { "- [\($0)](\($0))" }.joined(separator: "\n") + "\n"
                }
            }
        }
        return out
    }

    /// A table cell: pipes escaped, no line breaks.
    static func cell(_ text: String) -> String {
        text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }

    /// Characters that would start Markdown syntax mid-text.
    static func escape(_ text: String) -> String {
        text.replacingAll("*", with: "\\*").replacingAll("_", with: "\\_")
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
