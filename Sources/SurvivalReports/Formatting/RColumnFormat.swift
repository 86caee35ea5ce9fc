import PlatformSupport

/// Formats one numeric column the way R's `print` formats a matrix column (`formatReal`):
/// every value to `digits` significant digits, then the whole column with the same number of
/// decimals (the most any value needs, trailing zeros of a value not counted), or in
/// scientific notation when that is narrower. NaN prints as `NaN`, nil as `NA`.
///
/// So 91.6, 73.4 and 0.750, 1.333, 0.917 print as R's `print.survdiff` shows them.
enum RColumnFormat {
    /// The column's cells, not padded (``TextTable`` aligns them).
    static func format(_ values: [Double?], digits: Int = 3) -> [String] {
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        let parts = finite.map { significantParts($0, digits: digits) }
        let negative = finite.contains { $0 < 0 } ? 1 : 0
        var decimals = 0, leftDigits = 1, mantissaDigits = 1, exponentDigits = 2
        for p in parts {
            decimals = max(decimals, p.significant - p.exponent - 1)
            leftDigits = max(leftDigits, p.exponent + 1)
            mantissaDigits = max(mantissaDigits, p.significant)
            exponentDigits = max(exponentDigits, String(abs(p.exponent)).count)
        }
        let fixedWidth = negative + leftDigits + (decimals > 0 ? decimals + 1 : 0)
        let scientificWidth = negative + (mantissaDigits > 1 ? mantissaDigits + 1 : 1) + 2 + exponentDigits
        let scientific = !parts.isEmpty && fixedWidth > scientificWidth
        return values.map { value in
            guard let x = value else { return "NA" }
            if x.isNaN { return "NaN" }
            if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
            return scientific ? cFormat("%.\(mantissaDigits - 1)e", x) : cFormat("%.\(decimals)f", x)
        }
    }

    /// Significant digits needed (at most `digits`, trailing zeros dropped) and the decimal
    /// exponent of `x` rounded to `digits` significant digits.
    static func significantParts(_ x: Double, digits: Int) -> (significant: Int, exponent: Int) {
        if x == 0 { return (1, 0) }
        // "%.{d-1}e" rounds as R does: d.ddde±XX.
        let text = cFormat("%.\(digits - 1)e", abs(x))
        let pieces = text.split(separator: "e")
        let mantissa = pieces[0].filter { $0 != "." }
        let exponent = Int(pieces[1]) ?? 0
        var significant = mantissa.count
        for c in mantissa.reversed() {
            if c == "0" && significant > 1 { significant -= 1 } else { break }
        }
        return (significant, exponent)
    }

    static func cFormat(_ format: String, _ x: Double) -> String { CFormat.string(format, x) }
}
