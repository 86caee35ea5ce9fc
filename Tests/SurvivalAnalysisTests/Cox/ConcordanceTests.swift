import Testing
@testable import SurvivalAnalysis
import TestSupport

/// The O(n log n) Fenwick count against the O(n²) definition, with weights, strata, tied
/// times (censored and events at the same time) and tied scores.
@Suite struct ConcordanceTests {
    /// Unit weights are counted in an Int32 tree, other weights in a Double tree: the counts
    /// are the pairwise ones exactly, and weights of 2 everywhere (the Double tree; every sum
    /// scaled by a power of 2, so exactly) give the same C and standard error to the bit.
    @Test func unitWeightsCountedInIntegersAgreeWithTheDoubleTree() {
        var state: UInt64 = 5
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let n = 400
        var rows = (0..<n).map { _ in
            (time: Double(Int(uniform() * 30)), event: uniform() < 0.5, stratum: Int32(uniform() < 0.4 ? 1 : 0),
             score: Double(Int(uniform() * 25)) / 8)
        }
        rows.sort { ($0.stratum, $0.time) < ($1.stratum, $1.time) }
        func harrell(_ w: Double) -> Concordance {
            Concordance.harrell(time: rows.map(\.time), event: rows.map(\.event),
                                weight: [Double](repeating: w, count: n), stratum: rows.map(\.stratum),
                                score: rows.map(\.score), cluster: nil, clusterCount: 0)
        }
        let unit = harrell(1), doubled = harrell(2)
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        for i in 0..<n where rows[i].event {
            for j in 0..<n where j != i && rows[j].stratum == rows[i].stratum
                && (rows[j].time > rows[i].time || (rows[j].time == rows[i].time && !rows[j].event)) {
                if rows[i].score > rows[j].score { concordant += 1 }
                else if rows[i].score < rows[j].score { discordant += 1 }
                else { tied += 1 }
            }
        }
        #expect(unit.concordant == concordant && unit.discordant == discordant && unit.tiedRisk == tied)
        #expect(doubled.concordant == 4 * concordant)
        #expect(unit.concordance == doubled.concordance)
        #expect(unit.standardError == doubled.standardError)
    }

    @Test func fenwickCountMatchesPairwiseDefinition() throws {
        var state: UInt64 = 99
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let n = 300
        var rows = (0..<n).map { _ in
            (time: Double(Int(uniform() * 20)), event: uniform() < 0.6, weight: 0.5 + uniform(),
             stratum: Int32(uniform() < 0.3 ? 1 : 0), score: Double(Int(uniform() * 15)) / 4,
             cluster: Int32(uniform() * 40))
        }
        rows.sort { ($0.stratum, $0.time) < ($1.stratum, $1.time) }
        let c = Concordance.harrell(time: rows.map(\.time), event: rows.map(\.event), weight: rows.map(\.weight),
                                    stratum: rows.map(\.stratum), score: rows.map(\.score),
                                    cluster: rows.map(\.cluster), clusterCount: 40)

        // Pairwise: i an event, j at risk at tᵢ (later, or censored at tᵢ), same stratum.
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        var partner = [(c: Double, d: Double, t: Double)](repeating: (0, 0, 0), count: n)
        for i in 0..<n where rows[i].event {
            for j in 0..<n where j != i && rows[j].stratum == rows[i].stratum
                && (rows[j].time > rows[i].time || (rows[j].time == rows[i].time && !rows[j].event)) {
                let w = rows[i].weight * rows[j].weight
                if rows[i].score > rows[j].score {
                    concordant += w; partner[i].c += rows[j].weight; partner[j].c += rows[i].weight
                } else if rows[i].score < rows[j].score {
                    discordant += w; partner[i].d += rows[j].weight; partner[j].d += rows[i].weight
                } else {
                    tied += w; partner[i].t += rows[j].weight; partner[j].t += rows[i].weight
                }
            }
        }
        let t = Tolerance(relative: 1e-12)
        #expect(t.accepts(c.concordant, concordant))
        #expect(t.accepts(c.discordant, discordant))
        #expect(t.accepts(c.tiedRisk, tied))
        let pairs = concordant + discordant + tied
        #expect(t.accepts(c.concordance, (concordant + tied / 2) / pairs))
        let somers = (concordant - discordant) / pairs
        var byCluster = [Double](repeating: 0, count: 40)
        for k in 0..<n {
            byCluster[Int(rows[k].cluster)] += rows[k].weight * ((partner[k].c - partner[k].d) / pairs
                - somers / pairs * (partner[k].c + partner[k].d + partner[k].t))
        }
        #expect(t.accepts(c.standardError, (byCluster.reduce(0) { $0 + $1 * $1 } / 4).squareRoot()))
    }
}
