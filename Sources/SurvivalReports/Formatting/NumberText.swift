import PlatformSupport

/// How numbers are spelled in survkit's outputs.
public enum NumberText {
    /// Shortest text that reads back to the same double (Swift's `description`), used by CSV
    /// and JSON so a pipeline loses no precision. Integral values print without ".0".
    public static func roundTrip(_ x: Double) -> String { x.roundTripText }

    /// `digits` significant digits, as R's `format(x, digits = d)` / `%.{d}g` for people.
    public static func significant(_ x: Double?, digits: Int = 4) -> String {
        guard let x, !x.isNaN else { return "NA" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return cFormat("%.\(digits)g", x)
    }

    /// Fixed decimals (`%.{d}f`), NA for nil/NaN.
    public static func fixed(_ x: Double?, decimals: Int) -> String {
        guard let x, !x.isNaN else { return "NA" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        return cFormat("%.\(decimals)f", x)
    }

    /// A p-value as R's `format.pval`: below 2e-16 prints "<2e-16".
    public static func pValue(_ p: Double?, digits: Int = 3) -> String {
        guard let p, !p.isNaN else { return "NA" }
        if p < 2e-16 { return "<2e-16" }
        return cFormat("%.\(digits)g", p)
    }

    private static func cFormat(_ format: String, _ x: Double) -> String { CFormat.string(format, x) }
}
