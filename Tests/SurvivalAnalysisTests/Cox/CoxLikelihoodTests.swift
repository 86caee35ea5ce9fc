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

/// The chunked, parallel evaluation against the serial sweep (R's `coxfit6_iter` order), with
/// chunks small enough that every kind of cut occurs: inside a stratum, at a stratum's edge,
/// a chunk holding several strata, tied groups longer than a chunk; and equal to it to the
/// bit when there is one chunk.
@Suite struct CoxChunkedSweepTests {
    /// Relative agreement of two summation orders of the same sums (≈ 10⁻¹⁵ seen; a wrong
    /// inherited sum or a missing correction moves them by far more than this).
    static let tolerance = 1e-11

    struct Case {
        let data: CoxRiskSets
        let beta: [Double]
    }

    /// Seeded data: heavy ties (times on a grid of 6), weights, a few strata, an offset.
    static func makeCase(rows n: Int, columns p: Int, strata: Int, seed: UInt64, offset: Bool) throws -> Case {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var time: [Double] = [], event: [Bool] = [], x: [Double] = [], w: [Double] = [], s: [Int32] = []
        for _ in 0..<n {
            time.append(Double(Int(next() * 6)))
            event.append(next() < 0.6)
            for _ in 0..<p { x.append(next() * 4 - 2) }
            w.append(0.5 + next())
            s.append(Int32(Int(next() * Double(strata))))
        }
        if !event.contains(true) { event[0] = true }
        var data = try CoxRiskSets(time: time, event: event, design: x, columns: p,
                                   strata: strata > 1 ? s : nil, weights: w)
        if offset { data = data.withOffset((0..<n).map { Double($0 % 5) * 0.1 }) }
        let beta = (0..<p).map { 0.3 * Double($0 + 1) / Double(p) - 0.1 }
        return Case(data: data, beta: beta)
    }

    @Test(arguments: [CoxTies.efron, .breslow])
    func chunkedEqualsTheSerialSweep(_ ties: CoxTies) throws {
        for (n, p, strata, offset) in [(40, 1, 1, false), (57, 3, 4, true), (300, 5, 3, false), (9, 2, 9, false)] {
            let c = try Self.makeCase(rows: n, columns: p, strata: strata, seed: UInt64(n * 31 + p), offset: offset)
            var serial = CoxLikelihood(data: c.data, ties: ties, chunkRows: nil)
            let reference = serial.evaluate(at: c.beta)
            for chunkRows in [1, 2, 3, 7, 16, 1000] {
                var chunked = CoxLikelihood(data: c.data, ties: ties, chunkRows: chunkRows)
                let loglik = chunked.evaluate(at: c.beta)
                let label = "n \(n) p \(p) strata \(strata) chunk \(chunkRows)"
                #expect(abs(loglik - reference) <= Self.tolerance * abs(reference), "\(label) loglik")
                let scale = max(1, serial.information.map(abs).max()!)
                for k in 0..<p {
                    #expect(abs(chunked.score[k] - serial.score[k]) <= Self.tolerance * scale, "\(label) U[\(k)]")
                }
                for k in 0..<(p * p) {
                    #expect(abs(chunked.information[k] - serial.information[k]) <= Self.tolerance * scale,
                            "\(label) I[\(k)]")
                }
                // Evaluating again (scratch reused) gives the same numbers to the bit.
                let again = chunked.evaluate(at: c.beta)
                #expect(again == loglik)
                // One chunk is the serial sweep, operation for operation.
                if chunkRows >= n {
                    #expect(loglik == reference && chunked.score == serial.score
                            && chunked.information == serial.information, "\(label) one chunk")
                }
            }
        }
    }

    /// The cuts: inside the targets, never through a tied group, flags matching the strata.
    @Test func chunksNeverSplitATiedGroup() throws {
        let c = try Self.makeCase(rows: 200, columns: 1, strata: 3, seed: 7, offset: false)
        for target in [1, 4, 13, 500] {
            let chunks = CoxRiskSetChunks(time: c.data.time, lastInStratum: c.data.lastInStratum, targetRows: target)
            #expect(chunks.bounds.first == 0 && chunks.bounds.last == 200)
            for b in chunks.bounds.dropFirst().dropLast() {
                #expect(c.data.lastInStratum[b - 1] || c.data.time[b] != c.data.time[b - 1])
            }
            for ch in 0..<chunks.count {
                let rows = chunks.bounds[ch]..<chunks.bounds[ch + 1]
                let strata = Set(rows.map { c.data.stratum[$0] })
                #expect(chunks.oneStratum[ch] == (strata.count == 1))
                if ch + 1 < chunks.count {
                    #expect(chunks.continues[ch] == (c.data.stratum[rows.upperBound - 1] == c.data.stratum[rows.upperBound]))
                }
            }
        }
    }
}
