/// Harrell's concordance of a risk score with censored survival times and its standard error,
/// as R's `concordance()` reports them for a `coxph` fit (`fit$concordance`, `reverse = TRUE`).
///
/// A pair is comparable when subject i has an event at tᵢ and subject j is still at risk then
/// (tⱼ > tᵢ, or tⱼ = tᵢ and j censored), within one stratum; it has weight wᵢwⱼ and is
/// concordant when ηᵢ > ηⱼ (the earlier death had the higher risk), discordant when ηᵢ < ηⱼ,
/// tied when ηᵢ = ηⱼ. C = (concordant + tied/2)/(concordant + discordant + tied).
/// The standard error is R's infinitesimal jackknife: with N the comparable weight, Somers'
/// d = (C − D)/N and, per subject, cₖ, dₖ, tₖ the weight of its comparable partners,
/// Dₖ = wₖ[(cₖ − dₖ)/N − d·(cₖ + dₖ + tₖ)/N] summed within clusters, se = √(ΣDₖ²)/2.
///
/// Counting uses Fenwick trees over the ranks of η, walking times downwards: one tree holds the
/// subjects at risk (queried by each death), the other the deaths seen so far (queried when a
/// subject enters and once more at the end, so each subject learns the deaths it was at risk
/// for). O(n log n), never O(n²).
public struct Concordance: Sendable, Equatable {
    public let concordance: Double
    public let standardError: Double
    /// Weighted counts of comparable pairs.
    public let concordant: Double
    public let discordant: Double
    public let tiedRisk: Double

    /// - Parameters:
    ///   - time, event, weight, stratum: per row, sorted by stratum and ascending time with
    ///     strata contiguous (as ``CoxRiskSets`` lays them out).
    ///   - score: the risk score η per row (higher = earlier event expected).
    ///   - cluster: cluster code per row, or nil for each row its own cluster.
    /// - Complexity: O(n log n).
    static func harrell(time: [Double], event: [Bool], weight: [Double], stratum: [Int32],
                        score: [Double], cluster: [Int32]?, clusterCount: Int) -> Concordance {
        let n = time.count
        var partnerConcordant = [Double](repeating: 0, count: n)
        var partnerDiscordant = [Double](repeating: 0, count: n)
        var partnerTied = [Double](repeating: 0, count: n)
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        var rank = [Int](repeating: 0, count: n)

        var stratumEnd = n
        while stratumEnd > 0 {
            var stratumStart = stratumEnd - 1
            while stratumStart > 0 && stratum[stratumStart - 1] == stratum[stratumEnd - 1] { stratumStart -= 1 }
            // Dense ranks of the score within the stratum (exact equality is a tie, as R's
            // match(risk, sort(unique(risk)))).
            let byScore = RadixSort.order(Array(score[stratumStart..<stratumEnd]))
            var distinct = 0
            var previous = 0.0
            for (k, offset) in byScore.enumerated() {
                let i = stratumStart + Int(offset)
                if k > 0 && score[i] != previous { distinct += 1 }
                previous = score[i]
                rank[i] = distinct
            }
            var atRisk = FenwickTree(count: distinct + 1)
            var deaths = FenwickTree(count: distinct + 1)
            var end = stratumEnd
            while end > stratumStart {
                var start = end - 1
                while start > stratumStart && time[start - 1] == time[end - 1] { start -= 1 }
                // Censored at this time: at risk for the deaths at this time and before.
                for j in start..<end where !event[j] {
                    let s = deaths.split(at: rank[j])
                    partnerConcordant[j] -= s.above
                    partnerDiscordant[j] -= s.below
                    partnerTied[j] -= s.equal
                    atRisk.add(weight[j], at: rank[j])
                }
                // Deaths: compare with everyone still at risk, then become deaths for them.
                for i in start..<end where event[i] {
                    let s = atRisk.split(at: rank[i])
                    partnerConcordant[i] += s.below
                    partnerDiscordant[i] += s.above
                    partnerTied[i] += s.equal
                    concordant += weight[i] * s.below
                    discordant += weight[i] * s.above
                    tied += weight[i] * s.equal
                }
                for i in start..<end where event[i] { deaths.add(weight[i], at: rank[i]) }
                // The deaths join the risk set for earlier deaths (not for each other).
                for i in start..<end where event[i] {
                    let s = deaths.split(at: rank[i])
                    partnerConcordant[i] -= s.above
                    partnerDiscordant[i] -= s.below
                    partnerTied[i] -= s.equal
                    atRisk.add(weight[i], at: rank[i])
                }
                end = start
            }
            for j in stratumStart..<stratumEnd {
                let s = deaths.split(at: rank[j])
                partnerConcordant[j] += s.above
                partnerDiscordant[j] += s.below
                partnerTied[j] += s.equal
            }
            stratumEnd = stratumStart
        }

        let pairs = concordant + discordant + tied
        let somers = (concordant - discordant) / pairs
        let groups = cluster == nil ? n : clusterCount
        var dfbeta = [Double](repeating: 0, count: groups)
        for k in 0..<n {
            let d = weight[k] * ((partnerConcordant[k] - partnerDiscordant[k]) / pairs
                - (somers / pairs) * (partnerConcordant[k] + partnerDiscordant[k] + partnerTied[k]))
            dfbeta[cluster.map { Int($0[k]) } ?? k] += d
        }
        var sumSquares = 0.0
        for d in dfbeta { sumSquares += d * d }
        return Concordance(concordance: (somers + 1) / 2, standardError: (sumSquares / 4).squareRoot(),
                           concordant: concordant, discordant: discordant, tiedRisk: tied)
    }
}
