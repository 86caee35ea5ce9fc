internal import Foundation
import Plot

/// A ``ReportDocument`` as one self-contained HTML page (JohnSundell/Plot): inline CSS and
/// inline SVG, no scripts, no network, no dates, so the bytes depend on the inputs only. Every
/// element is closed (void elements self-closed), so the page also parses as XML.
public enum HTMLReport {
    /// The document as one self-contained HTML page (figures inlined, no external resources).
    public static func render(_ document: ReportDocument) -> String {
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: document.title),
                .style(css)
            ),
            .body(
                .main(
                    .h1(.text(document.title)),
                    .p(.class("subtitle"), .text(document.subtitle)),
                    .group(document.sections.map(section))
                )
            )
        )
        return html.render(indentedBy: .spaces(1)) + "\n"
    }

    private static func section(_ s: ReportDocument.Section) -> Node<HTML.BodyContext> {
        .section(.h2(.text(s.title)), .group(s.blocks.map(block)))
    }

    private static func block(_ b: ReportDocument.Block) -> Node<HTML.BodyContext> {
        switch b {
        case .paragraph(let text):
            return .p(.text(text))
        case let .table(header, rows, numeric):
            func cls(_ i: Int) -> String { numeric.contains(i) ? "num" : "txt" }
            return .table(
                .thead(.tr(.group(header.enumerated().map { i, h in .th(.class(cls(i)), .text(h)) }))),
                .tbody(.group(rows.map { row in
                    .tr(.group(row.enumerated().map { i, cell in .td(.class(cls(i)), .text(cell)) }))
                }))
            )
        case let .figure(file, svg, caption):
            return .element(named: "figure", nodes: [
                .raw(inlineSVG(svg, file: file)),
                .element(named: "figcaption", nodes: [.text(caption)]),
            ])
        case .preformatted(let text):
            return .pre(.text(text))
        case .files(let names):
            return .ul(.group(names.map { name in .li(.a(.href(name), .text(name))) }))
        }
    }

    /// The SVG without its XML declaration (not allowed inside a page), and with its clip path
    /// renamed after the figure's file: every figure declares `plot-area`, and ids must be unique
    /// in a page or later figures would clip to the first one's rectangle.
    static func inlineSVG(_ svg: String, file: String) -> String {
        var text = Substring(svg)
        if text.hasPrefix("<?xml"), let end = text.firstIndex(of: "\n") { text = text[text.index(after: end)...] }
        while text.last == "\n" { text.removeLast() }
        let id = file.split(separator: ".").first.map(String.init) ?? file
        return String(text)
            .replacingOccurrences(of: "id=\"plot-area\"", with: "id=\"\(id)-plot-area\"")
            .replacingOccurrences(of: "url(#plot-area)", with: "url(#\(id)-plot-area)")
    }

    /// Print-friendly, readable at 50% zoom; no external fonts.
    static let css = """
        body { font-family: Helvetica, Arial, sans-serif; color: #222222; background: #FFFFFF; margin: 0; }
        main { max-width: 820px; margin: 0 auto; padding: 24px; }
        h1 { font-size: 24px; margin: 0 0 4px 0; }
        h2 { font-size: 18px; margin: 28px 0 8px 0; border-bottom: 1px solid #DDDDDD; padding-bottom: 4px; }
        p.subtitle { color: #555555; margin-top: 0; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
        th, td { padding: 3px 10px; border-bottom: 1px solid #E5E5E5; }
        th { background: #F4F4F4; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.txt, th.txt { text-align: left; }
        figure { margin: 12px 0; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: 13px; color: #555555; }
        pre { font-size: 12px; background: #F7F7F7; padding: 8px; overflow-x: auto; }
        """
}
