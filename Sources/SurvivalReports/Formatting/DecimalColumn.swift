import PlatformSupport

/// A numeric column printed with one number of decimals for every cell, as R's `print` lays out
/// a numeric column (`formatReal`): each value needs enough decimals to show `significant`
/// digits once trailing zeros are dropped; the column takes the most any cell needs.
public struct DecimalColumn: Sendable {
    /// Digits after the decimal point shared by the column.
    public let decimals: Int

    /// - Complexity: O(n).
    public init(_ values: some Sequence<Double>, significant: Int, maximumDecimals: Int = 10) {
        var most = 0
        // A value at or above 10^(significant − 1 − most) needs at most `most` decimals: skip it
        // without the logarithm (most cells of a long column).
        var needsLook = pow(10, Double(significant - 1))
        for x in values where x.isFinite && x != 0 && abs(x) < needsLook {
            let needed = DecimalColumn.decimalsNeeded(x, significant: significant)
            if needed > most {
                most = needed
                if most >= maximumDecimals { break }
                needsLook = pow(10, Double(significant - 1 - most))
            }
        }
        decimals = min(most, maximumDecimals)
    }

    /// The cell text: fixed decimals, `NA` for NaN.
    public func format(_ x: Double) -> String { NumberText.fixed(x, decimals: decimals) }

    /// The cell appended in place (same text as ``format(_:)``).
    func write(_ x: Double, to buffer: inout ReportBuffer) { buffer.appendFixed(x, decimals: decimals) }

    /// Decimals that show |x| to `significant` digits, without trailing zeros.
    static func decimalsNeeded(_ x: Double, significant: Int) -> Int {
        var exponent = Int(floor(log10(abs(x))))
        var digits = (abs(x) / pow(10, Double(exponent - significant + 1))).rounded()
        if digits >= pow(10, Double(significant)) {
            // Rounding carried into a new leading digit (9.996 → 10.0).
            exponent += 1
            digits = (digits / 10).rounded()
        }
        var kept = significant
        while kept > 1, digits.truncatingRemainder(dividingBy: 10) == 0 {
            digits /= 10
            kept -= 1
        }
        return max(0, kept - 1 - exponent)
    }
}
