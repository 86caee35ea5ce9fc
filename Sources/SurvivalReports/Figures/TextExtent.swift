/// An estimate of the box a line of text occupies, from its font size alone, so figures can
/// place labels without overlaps and tests can check that none overlap without a font engine.
///
/// Widths are per-character advances of a Helvetica/Arial-like sans-serif in em, rounded up
/// (narrow letters 0.3, wide 0.9, capitals 0.72, the rest 0.6): an over-estimate, so two
/// boxes that do not overlap here do not overlap on screen either.
package struct TextBox: Sendable, Equatable {
    /// The box's corners in SVG units.
    package var minX: Double, minY: Double, maxX: Double, maxY: Double

    /// A box from its corners.
    package init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }

    /// The box of `text` drawn at (x, baseline y) with `anchor` (start, middle, end).
    package init(text: String, x: Double, y: Double, fontSize: Double, anchor: TextAnchor) {
        let width = TextBox.width(text, fontSize: fontSize)
        let left: Double
        switch anchor {
        case .start: left = x
        case .middle: left = x - width / 2
        case .end: left = x - width
        }
        // Ascenders reach 0.8 em above the baseline, descenders 0.2 em below.
        self.init(minX: left, minY: y - 0.8 * fontSize, maxX: left + width, maxY: y + 0.2 * fontSize)
    }

    /// True when the interiors intersect (touching edges do not count).
    package func overlaps(_ other: TextBox) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// Estimated advance width of `text` at `fontSize` px.
    package static func width(_ text: String, fontSize: Double) -> Double {
        var em = 0.0
        for c in text {
            if "il.,:;'|!jtfI()[] ".contains(c) { em += 0.3 }
            else if "mwMW%@".contains(c) { em += 0.9 }
            else if c.isUppercase { em += 0.72 }
            else { em += 0.6 }
        }
        return em * fontSize
    }
}

/// SVG's `text-anchor`.
package enum TextAnchor: String, Sendable {
    case start, middle, end
}
