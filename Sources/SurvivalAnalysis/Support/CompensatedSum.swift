/// A running sum with Neumaier's compensation (Neumaier 1974, "Rundungsfehleranalyse einiger
/// Verfahren zur Summation endlicher Summen", ZAMM 54:39–51): the rounding error of every
/// addition is carried in a second term, so the result is as if summed in about twice the
/// precision.
///
/// Used where R's `sum()` accumulates in long double and a sum of many terms is compared with
/// a quantity it should equal exactly (the restricted mean of a curve that stays at 1 is τ,
/// and τ − RMST must not come out as −4e-15).
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    /// Adds `x`.
    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }

    /// The compensated total.
    var value: Double { sum + compensation }
}
