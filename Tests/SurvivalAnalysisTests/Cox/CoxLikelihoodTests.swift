import Foundation
import Testing
@testable import SurvivalAnalysis

/// The one-pass likelihood against the textbook sums, risk set by risk set.
@Suite struct CoxLikelihoodTests {
    /// Efron's ℓ, U, I computed directly: for a tied death time with d deaths and k = 0…d−1,
    /// S₀ₖ = S₀ − (k/d)D₀ etc., ℓ −= w̄ log S₀ₖ, U −= w̄ S₁ₖ/S₀ₖ, I += w̄ (S₂ₖ/S₀ₖ − S₁ₖ²/S₀ₖ²).
    @Test(arguments: [CoxTies.efron, .breslow])
    func matchesDirectSums(_ ties: CoxTies) throws {
        let time: [Double] = [1, 1, 1, 2, 2, 3, 4, 4, 4, 4, 5]
        let event = [true, true, false, true, true, false, true, true, true, false, true]
        let x: [Double] = [0.5, -1, 2, 0.3, 1.1, -0.7, 0.2, 0.9, -0.4, 1.5, 0]
        let w: [Double] = [1, 2, 1, 0.5, 1, 1, 1.5, 1, 1, 2, 1]
        let data = try CoxRiskSets(time: time, event: event, design: x, columns: 1, weights: w)
        var likelihood = CoxLikelihood(data: data, ties: ties)
        let beta = 0.7
        let loglik = likelihood.evaluate(at: [beta / data.scales[0]])

        var l = 0.0, u = 0.0, info = 0.0
        for t in Set(time).sorted() {
            let deaths = time.indices.filter { time[$0] == t && event[$0] }
            guard !deaths.isEmpty else { continue }
            let risk = time.indices.filter { time[$0] >= t }
            func sum(_ rows: [Int], _ f: (Int) -> Double) -> Double { rows.reduce(0) { $0 + w[$1] * exp(beta * x[$1]) * f($1) } }
            let s0 = sum(risk) { _ in 1 }, s1 = sum(risk) { x[$0] }, s2 = sum(risk) { x[$0] * x[$0] }
            let d0 = sum(deaths) { _ in 1 }, d1 = sum(deaths) { x[$0] }, d2 = sum(deaths) { x[$0] * x[$0] }
            let steps = ties == .efron ? deaths.count : 1
            let meanWeight = deaths.reduce(0) { $0 + w[$1] } / Double(steps)
            for i in deaths { l += w[i] * beta * x[i]; u += w[i] * x[i] }
            for k in 0..<steps {
                let c = ties == .efron ? Double(k) / Double(steps) : 0
                let a0 = s0 - c * d0, a1 = s1 - c * d1, a2 = s2 - c * d2
                l -= meanWeight * log(a0)
                u -= meanWeight * a1 / a0
                info += meanWeight * (a2 / a0 - a1 * a1 / (a0 * a0))
            }
        }
        // The kernel works on the centred, scaled axis: ℓ is unchanged, U and I rescale.
        #expect(abs(loglik - l) < 1e-12 * abs(l))
        #expect(abs(likelihood.score[0] / data.scales[0] - u) < 1e-12 * max(1, abs(u)))
        #expect(abs(likelihood.information[0] / (data.scales[0] * data.scales[0]) - info) < 1e-12 * info)
    }
}
