/// How coordinates are spelled in survkit's SVG: at most two decimals (1/100 px, finer than any
/// screen or printer resolves), trailing zeros dropped, no exponent, no "-0". Built from integer
/// arithmetic, not `printf`, so the bytes never depend on the C locale or platform.
package enum SVGNumber {
    /// Decimals printed: coordinates are exact to ±0.005 px.
    package static let decimals = 2

    /// `x` rounded to 1/100 and written without trailing zeros, e.g. 12.5, 3, 0.07.
    /// - Precondition: `x` is finite.
    package static func text(_ x: Double) -> String {
        precondition(x.isFinite, "SVG coordinates must be finite")
        // A point far off the canvas (a value far outside an axis) is drawn at ±1e15 px, where it
        // is clipped all the same: Int64 would trap past 9.2e16 px.
        let hundredths = Int64((Swift.min(Swift.max(x, -1e15), 1e15) * 100).rounded())
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The value `text(x)` stands for (what a reader of the file sees).
    package static func printed(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
