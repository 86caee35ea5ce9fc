/// A small SVG writer: elements are appended in drawing order to one string, attributes in a
/// fixed order, numbers through ``SVGNumber``, so the same calls give the same bytes.
///
/// The canvas also keeps the box of every text it draws (``TextBox``), so a figure can avoid
/// overlaps and tests can find them. Data marks go through the figure's clamping, and the plot
/// area is also declared as an SVG clip path (`#plot-area`) for groups that ask for it.
package struct SVGCanvas: Sendable {
    /// Width of the drawing in SVG units.
    package let width: Double
    /// Height of the drawing in SVG units.
    package let height: Double
    /// The extents of the text drawn so far (for overlap checks in tests).
    package private(set) var textBoxes: [TextBox] = []
    private var body: String = ""
    private var clip: (x: Double, y: Double, width: Double, height: Double)?

    /// Default font size of labels in px (readable at 50% zoom on a 720 px figure).
    package static let fontSize = 13.0

    /// An empty canvas of the given size.
    package init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Declares the plot area as the clip path `plot-area`.
    package mutating func setPlotArea(x: Double, y: Double, width: Double, height: Double) {
        clip = (x, y, width, height)
    }

    private static func n(_ x: Double) -> String { SVGNumber.text(x) }

    /// Escapes text for XML character data and attribute values.
    package static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Opens `<g>` with a class, optionally clipped to the plot area.
    package mutating func beginGroup(class name: String, clipped: Bool = false, extra: String = "") {
        body += "<g class=\"\(name)\"\(clipped ? " clip-path=\"url(#plot-area)\"" : "")\(extra)>\n"
    }

    /// Closes the group opened last.
    package mutating func endGroup() { body += "</g>\n" }

    /// Draws a rectangle.
    package mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              stroke: String? = nil, opacity: Double? = nil, cls: String? = nil) {
        body += "<rect\(Self.cls(cls)) x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\"" }
        if let opacity { body += " fill-opacity=\"\(Self.n(opacity))\"" }
        body += "/>\n"
    }

    /// Draws a line segment from (x1, y1) to (x2, y2).
    package mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil, cls: String? = nil) {
        body += "<line\(Self.cls(cls)) x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        body += "/>\n"
    }

    /// A path from drawing commands (see ``PathData``).
    package mutating func path(_ data: PathData, stroke: String?, fill: String? = nil, width: Double = 1,
                              opacity: Double? = nil, dash: String? = nil, cls: String? = nil, extra: String = "") {
        body += "<path\(Self.cls(cls))\(extra) d=\"\(data.text)\" fill=\"\(fill ?? "none")\""
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"" }
        if let opacity { body += " fill-opacity=\"\(Self.n(opacity))\"" }
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        body += "/>\n"
    }

    /// Draws a circle.
    package mutating func circle(cx: Double, cy: Double, r: Double, fill: String, cls: String? = nil) {
        body += "<circle\(Self.cls(cls)) cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\"/>\n"
    }

    /// Text at (x, baseline y); its estimated box is recorded.
    package mutating func text(_ string: String, x: Double, y: Double, size: Double = SVGCanvas.fontSize,
                              anchor: TextAnchor = .start, fill: String = Palette.ink, bold: Bool = false,
                              rotate: Bool = false, cls: String? = nil) {
        body += "<text\(Self.cls(cls)) x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        if fill != Palette.ink { body += " fill=\"\(fill)\"" }
        if bold { body += " font-weight=\"bold\"" }
        if rotate {
            body += " transform=\"rotate(-90 \(Self.n(x)) \(Self.n(y)))\""
        } else {
            textBoxes.append(TextBox(text: string, x: SVGNumber.printed(x), y: SVGNumber.printed(y),
                                     fontSize: size, anchor: anchor))
        }
        body += ">\(Self.escaped(string))</text>\n"
    }

    /// Raw markup for `<title>`/`<desc>` (escaped).
    package mutating func title(_ text: String) { body += "<title>\(Self.escaped(text))</title>\n" }

    private static func cls(_ name: String?) -> String { name.map { " class=\"\($0)\"" } ?? "" }

    /// The first pair of recorded text boxes that overlap, if any.
    package func firstOverlap() -> (TextBox, TextBox)? {
        for i in textBoxes.indices {
            for j in textBoxes.indices where j > i && textBoxes[i].overlaps(textBoxes[j]) {
                return (textBoxes[i], textBoxes[j])
            }
        }
        return nil
    }

    /// The whole document: XML declaration, `<svg>` with a viewBox, the clip path, a white
    /// background, then the elements in drawing order.
    package func rendered() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        if let clip {
            out += "<defs><clipPath id=\"plot-area\"><rect x=\"\(Self.n(clip.x))\" y=\"\(Self.n(clip.y))\" width=\"\(Self.n(clip.width))\" height=\"\(Self.n(clip.height))\"/></clipPath></defs>\n"
        }
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n"
        out += body
        out += "</svg>\n"
        return out
    }
}

/// SVG path commands with numbers through ``SVGNumber``.
package struct PathData: Sendable {
    /// The path's `d` attribute so far.
    package private(set) var text: String = ""
    /// An empty path.
    package init() {}
    /// True when nothing has been drawn.
    package var isEmpty: Bool { text.isEmpty }
    /// Moves to (x, y) without drawing (`M`).
    package mutating func move(_ x: Double, _ y: Double) { append("M\(SVGNumber.text(x)) \(SVGNumber.text(y))") }
    /// Draws a line to (x, y) (`L`).
    package mutating func line(_ x: Double, _ y: Double) { append("L\(SVGNumber.text(x)) \(SVGNumber.text(y))") }
    /// Draws a horizontal line to x (`H`).
    package mutating func horizontal(_ x: Double) { append("H\(SVGNumber.text(x))") }
    /// Draws a vertical line to y (`V`).
    package mutating func vertical(_ y: Double) { append("V\(SVGNumber.text(y))") }
    /// Closes the path (`Z`).
    package mutating func close() { append("Z") }
    private mutating func append(_ command: String) {
        if !text.isEmpty { text += " " }
        text += command
    }
}
