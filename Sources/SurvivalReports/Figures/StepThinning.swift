/// The corner points of a right-continuous step function drawn in pixels, with at most one step
/// (a horizontal run, then a vertical drop) per pixel column.
///
/// Why: a Kaplan–Meier curve of 10⁶ rows has up to 10⁶ steps but the plot is ~600 px wide, so
/// drawing each would add megabytes and seconds without changing a pixel. Steps whose times fall
/// in the same pixel column (⌊x⌋ equal) are merged into one vertical segment from the value
/// before the first of them to the value after the last; the horizontal runs between columns
/// are exact. The drawn curve therefore passes through every estimate, and is identical to the
/// unthinned one wherever steps are at least one pixel apart.
/// - Complexity: O(m) for m steps; output O(min(m, plot width)) points.
package enum StepThinning {
    /// Corners of the step function that starts at `start` (value `startValue`), jumps to
    /// `values[i]` at `times[i]` (ascending), and ends at `end`. Times after `end` are ignored;
    /// a NaN value ends the curve there (R's NA: an undefined confidence limit).
    package static func corners(startTime: Double, startValue: Double, times: [Double], values: [Double],
                               end: Double, x: LinearScale, y: LinearScale) -> [(x: Double, y: Double)] {
        var points: [(x: Double, y: Double)] = [(x.clamped(startTime), y.clamped(startValue))]
        var current = startValue
        var lastColumn = Double.nan
        var pending: Double? = nil  // value after the vertical drop in the current column
        var stopAt = end
        func flush() {
            if let p = pending {
                points.append((points[points.count - 1].x, y.clamped(p)))
                pending = nil
            }
        }
        for i in times.indices {
            let t = times[i]
            if t > end { break }
            let v = values[i]
            if v.isNaN { stopAt = t; break }
            if v == current { continue }
            current = v
            let px = x.clamped(t)
            let column = px.rounded(.down)
            if column == lastColumn, pending != nil {
                pending = v
            } else {
                flush()
                points.append((px, points[points.count - 1].y))
                pending = v
                lastColumn = column
            }
        }
        flush()
        let last = points[points.count - 1]
        let endX = x.clamped(stopAt)
        if endX > last.x { points.append((endX, last.y)) }
        return points
    }

    /// The corners as a path: M to the first, then H or V (L if neither coordinate is shared).
    package static func path(_ points: [(x: Double, y: Double)], into path: inout PathData) {
        guard let first = points.first else { return }
        path.move(first.x, first.y)
        var previous = first
        for p in points.dropFirst() {
            if p.y == previous.y { path.horizontal(p.x) } else if p.x == previous.x { path.vertical(p.y) } else { path.line(p.x, p.y) }
            previous = p
        }
    }
}
