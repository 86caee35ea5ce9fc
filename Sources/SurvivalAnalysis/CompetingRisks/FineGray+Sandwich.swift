import PlatformSupport

extension FineGrayModel {
    /// Fine & Gray's (1999, section 3) sandwich variance Ω⁻¹ Σᵢ (ηᵢ + ψᵢ)(ηᵢ + ψᵢ)ᵀ Ω⁻¹, as
    /// cmprsk's `crr` reports in `var`: ηᵢ is subject i's score residual in the weighted risk sets,
    /// ψᵢ the term from estimating the censoring distribution Ĝ.
    ///
    /// cmprsk's `crrvv` evaluates the sums with nested loops over subjects (O(n²) and more); every
    /// inner sum here is a prefix or suffix sum over the sorted rows, so the cost is O(n·p²).
    /// Inputs are those of ``evaluate(_:x:p:time:kind:g:)``, rows in time order.
    static func sandwich(_ beta: [Double], information: [Double], x: [Double], p: Int, time: [Double],
                         kind: [UInt8], g: [Double]) -> [Double] {
        let n = time.count
        var risk = [Double](repeating: 0, count: n)
        for r in 0..<n { var s = 0.0; for j in 0..<p { s += x[r * p + j] * beta[j] }; risk[r] = exp(s) }
        // Group boundaries: groupEnd[r] = one past the last row tied with r.
        var groupStart = [Int](repeating: 0, count: n), groupEnd = [Int](repeating: 0, count: n)
        var a = 0
        while a < n {
            var b = a
            while b < n && time[b] == time[a] { b += 1 }
            for r in a..<b { groupStart[r] = a; groupEnd[r] = b }
            a = b
        }
        // S0, S1 of the risk set at each row's time (used at failure rows): rows with T ≥ t, plus
        // other-cause failures with T < t weighted Ĝ(t−)/Ĝ(T−).
        var s0 = [Double](repeating: 0, count: n), s1 = [Double](repeating: 0, count: n * p)
        var back0 = 0.0, back1 = [Double](repeating: 0, count: p)
        var r = n - 1
        while r >= 0 {
            let start = groupStart[r]
            for k in stride(from: r, through: start, by: -1) {
                back0 += risk[k]
                for j in 0..<p { back1[j] += risk[k] * x[k * p + j] }
            }
            for k in start...r { s0[k] = back0; for j in 0..<p { s1[k * p + j] = back1[j] } }
            r = start - 1
        }
        var other0 = 0.0, other1 = [Double](repeating: 0, count: p)
        a = 0
        while a < n {
            let b = groupEnd[a]
            for k in a..<b {
                s0[k] += g[k] * other0
                for j in 0..<p { s1[k * p + j] += g[k] * other1[j] }
            }
            for k in a..<b where kind[k] == 2 {
                other0 += risk[k] / g[k]
                for j in 0..<p { other1[j] += risk[k] * x[k * p + j] / g[k] }
            }
            a = b
        }
        // Over failure rows j: a = 1/S0, b = S1/S0², c = Ĝ·a, d = Ĝ·b. Prefix sums up to and
        // including a row's time group; suffix sums of the rows after its time group.
        var preA = [Double](repeating: 0, count: n), preB = [Double](repeating: 0, count: n * p)
        var sufC = [Double](repeating: 0, count: n), sufD = [Double](repeating: 0, count: n * p)
        var accA = 0.0, accB = [Double](repeating: 0, count: p)
        a = 0
        while a < n {
            let b = groupEnd[a]
            for k in a..<b where kind[k] == 1 {
                accA += 1 / s0[k]
                for j in 0..<p { accB[j] += s1[k * p + j] / (s0[k] * s0[k]) }
            }
            for k in a..<b { preA[k] = accA; for j in 0..<p { preB[k * p + j] = accB[j] } }
            a = b
        }
        var accC = 0.0, accD = [Double](repeating: 0, count: p)
        r = n - 1
        while r >= 0 {
            let start = groupStart[r]
            for k in start...r { sufC[k] = accC; for j in 0..<p { sufD[k * p + j] = accD[j] } }
            for k in start...r where kind[k] == 1 {
                accC += g[k] / s0[k]
                for j in 0..<p { accD[j] += g[k] * s1[k * p + j] / (s0[k] * s0[k]) }
            }
            r = start - 1
        }
        // ψ: at each time with censorings, q(t) = A1·Σc − A0·Σd over failures at or after t, with
        // A the other-cause sums Σ e^η x/Ĝ(T−) before t; the running term falls by m·q/R² and a
        // subject censored at t adds q/R (R = number with T ≥ t).
        var meat = [Double](repeating: 0, count: p * p)
        var running = [Double](repeating: 0, count: p)
        var q = [Double](repeating: 0, count: p)
        var a0 = 0.0, a1 = [Double](repeating: 0, count: p)
        var term = [Double](repeating: 0, count: p)
        a = 0
        while a < n {
            let b = groupEnd[a]
            let atRisk = Double(n - a)
            let censored = (a..<b).reduce(0) { $0 + (kind[$1] == 0 ? 1 : 0) }
            if censored > 0 {
                // Failures at or after t: the suffix after this group plus this group's own.
                var sumC = sufC[a], sumD = Array(sufD[(a * p)..<(a * p + p)])
                for k in a..<b where kind[k] == 1 {
                    sumC += g[k] / s0[k]
                    for j in 0..<p { sumD[j] += g[k] * s1[k * p + j] / (s0[k] * s0[k]) }
                }
                for j in 0..<p {
                    q[j] = a1[j] * sumC - a0 * sumD[j]
                    running[j] -= Double(censored) * q[j] / (atRisk * atRisk)
                }
            }
            for i in a..<b {
                let e = risk[i]
                for j in 0..<p {
                    let xi = x[i * p + j]
                    var t = -e * (xi * preA[i] - preB[i * p + j])
                    if kind[i] == 2 { t -= e / g[i] * (xi * sufC[i] - sufD[i * p + j]) }
                    if kind[i] == 1 { t += xi - s1[i * p + j] / s0[i] }
                    t += running[j]
                    if kind[i] == 0 { t += q[j] / atRisk }
                    term[j] = t
                }
                for j in 0..<p { for k in 0..<p { meat[j * p + k] += term[j] * term[k] } }
            }
            for k in a..<b where kind[k] == 2 {
                a0 += risk[k] / g[k]
                for j in 0..<p { a1[j] += risk[k] * x[k * p + j] / g[k] }
            }
            a = b
        }
        let bread = TolerantCholesky(symmetric: information, dimension: p, tolerance: 1e-9).inverse()
        var left = [Double](repeating: 0, count: p * p), out = [Double](repeating: 0, count: p * p)
        for i in 0..<p { for j in 0..<p { var s = 0.0; for k in 0..<p { s += bread[i * p + k] * meat[k * p + j] }; left[i * p + j] = s } }
        for i in 0..<p { for j in 0..<p { var s = 0.0; for k in 0..<p { s += left[i * p + k] * bread[k * p + j] }; out[i * p + j] = s } }
        return out
    }
}
