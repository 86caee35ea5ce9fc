import Dispatch
internal import Foundation
import PlatformSupport

/// ℓ(β), U(β) and I(β) of right-censored risk sets evaluated chunk by chunk on all cores.
///
/// The serial sweep of ``CoxLikelihood`` carries S₂ = Σ rᵢxᵢxᵢᵀ down the times, O(p²) a row,
/// one row after another. Here the sums are reordered so that almost all of the work is a
/// weighted Gram matrix over independent rows. At a group of tied times g with deaths, the
/// tie rule contributes (see ``CoxLikelihood/tieWeights(deaths:deadWeight:deadRisk:denom:efron:loglik:)``)
///   U −= α₁S₁ + β₁D₁,   I += α₁S₂ + β₁D₂ − (α₂S₁S₁ᵀ + β₂(S₁D₁ᵀ + D₁S₁ᵀ) + γ₂D₁D₁ᵀ),
/// with S the sums over the rest of the risk set and D over the deaths. Row i enters the S₂
/// of every group of its stratum with a smaller time, and its own group's S₂ (censored) or
/// D₂ (a death), so Σ_g (α₁S₂ + β₁D₂) = Σᵢ cᵢ rᵢ xᵢxᵢᵀ with cᵢ = Σ_{g < gᵢ} α₁(g) + α₁(gᵢ) or
/// β₁(gᵢ). The passes:
/// 1. (parallel) ηᵢ, rᵢ = wᵢ exp(ηᵢ), and each chunk's sums of r and r·x over its lowest
///    stratum;
/// 2. (serial, per chunk) the S₀ and S₁ each chunk's top inherits from the chunks above it;
/// 3. (parallel) each chunk's own sweep down its groups with S₀ and S₁ only (O(p) a row): ℓ,
///    U, the outer-product part of I, and α₁, β₁ of every group;
/// 4. (serial, per group) cᵢ's cumulative part, Σ α₁ over the earlier groups of a stratum;
/// 5. (parallel) the Gram matrix Σ cᵢrᵢxᵢxᵢᵀ.
/// Every chunk writes its own partial sums, which are added in chunk order: the result does
/// not depend on the number of threads. It equals the serial sweep's up to rounding.
final class CoxChunkedSweep: @unchecked Sendable {
    let chunks: CoxRiskSetChunks
    private let p: Int
    private let packed: Int
    /// Per chunk: ℓ, U (p), packed I (p(p+1)/2).
    private let totalsWidth: Int
    private let totals: UnsafeMutablePointer<Double>
    /// Per chunk: S₀ and S₁ of its lowest stratum segment (pass 1), then what its top inherits (pass 2).
    private let bottom: UnsafeMutablePointer<Double>
    private let carry: UnsafeMutablePointer<Double>
    /// η and w·exp(η) of each sorted row.
    private let rowEta: UnsafeMutablePointer<Double>
    private let rowRisk: UnsafeMutablePointer<Double>
    /// Per group: α₁, β₁, and Σ α₁ over the earlier groups of its stratum.
    private let alpha: UnsafeMutablePointer<Double>
    private let beta: UnsafeMutablePointer<Double>
    private let before: UnsafeMutablePointer<Double>

    init(data: CoxRiskSets, targetRows: Int = CoxRiskSetChunks.targetRows) {
        chunks = CoxRiskSetChunks(time: data.time, lastInStratum: data.lastInStratum, targetRows: targetRows)
        p = data.columns
        packed = p * (p + 1) / 2
        totalsWidth = 1 + p + packed
        let c = chunks.count
        totals = .allocate(capacity: c * totalsWidth)
        bottom = .allocate(capacity: c * (1 + p))
        carry = .allocate(capacity: c * (1 + p))
        rowEta = .allocate(capacity: max(1, data.count))
        rowRisk = .allocate(capacity: max(1, data.count))
        alpha = .allocate(capacity: max(1, chunks.groupCount))
        beta = .allocate(capacity: max(1, chunks.groupCount))
        before = .allocate(capacity: max(1, chunks.groupCount))
    }

    deinit {
        for buffer in [totals, bottom, carry, rowEta, rowRisk, alpha, beta, before] { buffer.deallocate() }
    }

    /// ℓ(β); writes U into `score` (p) and the packed lower triangle of I into `information`.
    func evaluate(_ data: CoxRiskSets, beta b: [Double], efron: Bool,
                  score: UnsafeMutableBufferPointer<Double>, information: UnsafeMutableBufferPointer<Double>) -> Double {
        totals.initialize(repeating: 0, count: chunks.count * totalsWidth)
        data.x.withUnsafeBufferPointer { x in
        data.time.withUnsafeBufferPointer { time in
        data.event.withUnsafeBufferPointer { event in
        data.weight.withUnsafeBufferPointer { weight in
        data.lastInStratum.withUnsafeBufferPointer { last in
        data.offset.withUnsafeBufferPointer { offset in
        chunks.group.withUnsafeBufferPointer { group in
        b.withUnsafeBufferPointer { b in
            let rows = Rows(x: x.baseAddress!, time: time.baseAddress!, event: event.baseAddress!,
                            weight: weight.baseAddress!, last: last.baseAddress!,
                            offset: offset.isEmpty ? nil : offset.baseAddress!, group: group.baseAddress!,
                            beta: b.baseAddress!)
            let bounds = chunks.bounds
            forEachChunk { c in self.riskAndBottom(rows, c, bounds[c]..<bounds[c + 1]) }
            inheritSums()
            forEachChunk { c in self.sweepGroups(rows, efron: efron, c, bounds[c]..<bounds[c + 1]) }
            accumulateAlpha()
            forEachChunk { c in self.addGram(rows, c, bounds[c]..<bounds[c + 1]) }
        }}}}}}}}

        var loglik = 0.0
        for k in 0..<p { score[k] = 0 }
        for k in 0..<packed { information[k] = 0 }
        for c in 0..<chunks.count {
            let part = totals + c * totalsWidth
            loglik += part[0]
            for k in 0..<p { score[k] += part[1 + k] }
            for k in 0..<packed { information[k] += part[1 + p + k] }
        }
        return loglik
    }

    /// The sorted rows' columns, as pointers the workers share (read only).
    private struct Rows: @unchecked Sendable {
        let x: UnsafePointer<Double>, time: UnsafePointer<Double>, event: UnsafePointer<Bool>
        let weight: UnsafePointer<Double>, last: UnsafePointer<Bool>, offset: UnsafePointer<Double>?
        let group: UnsafePointer<Int32>
        let beta: UnsafePointer<Double>
    }

    /// Runs `body` for every chunk, the chunks dealt to the workers in turn; on the calling
    /// thread alone when there is one chunk.
    private func forEachChunk(_ body: @Sendable (Int) -> Void) {
        let count = chunks.count
        let workers = min(count, ProcessInfo.processInfo.activeProcessorCount)
        if workers <= 1 {
            for c in 0..<count { body(c) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var c = worker
            while c < count {
                body(c)
                c += workers
            }
        }
    }

    /// Pass 1: η and r = w·exp(η) of every row; S₀ and S₁ of the chunk's rows up to the end of
    /// its first stratum (what the chunk below inherits).
    private func riskAndBottom(_ rows: Rows, _ c: Int, _ range: Range<Int>) {
        let b = rows.beta
        let sums = bottom + c * (1 + p)
        sums.initialize(repeating: 0, count: 1 + p)
        var inBottom = true
        for i in range {
            let row = rows.x + i * p
            var zbeta = rows.offset?[i] ?? 0
            for k in 0..<p { zbeta += b[k] * row[k] }
            let risk = exp(zbeta) * rows.weight[i]
            rowEta[i] = zbeta
            rowRisk[i] = risk
            if inBottom {
                sums[0] += risk
                for k in 0..<p { sums[1 + k] += risk * row[k] }
                inBottom = !rows.last[i]
            }
        }
    }

    /// Pass 2: the S₀ and S₁ over the rows above each chunk in its top stratum, top chunk first.
    private func inheritSums() {
        let width = 1 + p
        let count = chunks.count
        for c in stride(from: count - 1, through: 0, by: -1) {
            let into = carry + c * width
            guard chunks.continues[c] else {
                into.initialize(repeating: 0, count: width)
                continue
            }
            let above = bottom + (c + 1) * width
            let aboveCarry = carry + (c + 1) * width
            let whole = chunks.oneStratum[c + 1]
            for k in 0..<width { into[k] = whole ? above[k] + aboveCarry[k] : above[k] }
        }
    }

    /// Pass 3: down the chunk's groups from the inherited sums, with S₀ and S₁ only. Each group
    /// with deaths adds its log terms to ℓ, −(α₁S₁ + β₁D₁) to U and the outer-product part of I
    /// (``CoxLikelihood/tieWeights(deaths:deadWeight:deadRisk:denom:efron:loglik:)``), and leaves its
    /// α₁ and β₁ for the Gram pass; a group without deaths leaves 0s.
    private func sweepGroups(_ rows: Rows, efron: Bool, _ c: Int, _ range: Range<Int>) {
        let p = self.p
        let part = totals + c * totalsWidth
        let inherited = carry + c * (1 + p)
        // Local sums, stored once at the end: the chunks' slots of `totals` are adjacent.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * p + packed + 2) { scratch in
            let a = scratch.baseAddress!, a2 = a + p, u = a2 + p, imat = u + p
            // S₀ of the rest of the risk set [0] and of the deaths [1], indexed by the event flag.
            let s0 = imat + packed
            for k in 0..<p { a[k] = inherited[1 + k]; u[k] = 0 }
            for k in 0..<packed { imat[k] = 0 }
            s0[0] = inherited[0]
            var loglik = 0.0
            var person = range.upperBound - 1
            while person >= range.lowerBound {
                if rows.last[person] {
                    s0[0] = 0
                    for k in 0..<p { a[k] = 0 }
                }
                let deathTime = rows.time[person]
                let g = Int(rows.group[person])
                var deaths = 0
                var deadWeight = 0.0
                s0[1] = 0
                for k in 0..<p { a2[k] = 0 }
                while person >= range.lowerBound && rows.time[person] == deathTime {
                    // Without a branch on the event flag (deaths and censored rows alternate at
                    // random within a time): a censored row adds w = 0 to the deaths' terms,
                    // which leaves them unchanged to the bit. ℓ and U collect the deaths' terms
                    // in R's order (coxfit6_iter): near separation ℓ is a small difference of
                    // large sums.
                    let row = rows.x + person * p
                    let risk = rowRisk[person]
                    let isDeath = rows.event[person]
                    let w = isDeath ? rows.weight[person] : 0
                    let target = isDeath ? a2 : a
                    deaths &+= isDeath ? 1 : 0
                    deadWeight += w
                    s0[isDeath ? 1 : 0] += risk
                    loglik += w * rowEta[person]
                    for k in 0..<p {
                        target[k] += risk * row[k]
                        u[k] += w * row[k]
                    }
                    person -= 1
                    if person >= range.lowerBound && rows.last[person] { break }
                }
                let denom = s0[0], deadRisk = s0[1]
                guard deaths > 0 else {
                    alpha[g] = 0
                    beta[g] = 0
                    continue
                }
                let t = CoxLikelihood.tieWeights(deaths: deaths, deadWeight: deadWeight, deadRisk: deadRisk,
                                                 denom: denom, efron: efron, loglik: &loglik)
                alpha[g] = t.alpha1
                beta[g] = t.beta1
                var k = 0
                for i in 0..<p {
                    u[i] -= t.alpha1 * a[i] + t.beta1 * a2[i]
                    for j in 0...i {
                        imat[k] += t.alpha2 * a[i] * a[j] + t.beta2 * (a[i] * a2[j] + a2[i] * a[j])
                            + t.gamma2 * a2[i] * a2[j]
                        k += 1
                    }
                }
                s0[0] = denom + deadRisk
                for k in 0..<p { a[k] += a2[k] }
            }
            part[0] = loglik
            for k in 0..<p { part[1 + k] = u[k] }
            for k in 0..<packed { part[1 + p + k] = -imat[k] }
        }
    }

    /// Pass 4: Σ α₁ over the groups of a stratum before each group, in time order.
    private func accumulateAlpha() {
        var sum = 0.0
        for g in 0..<chunks.groupCount {
            if chunks.firstOfStratum[g] { sum = 0 } else { sum += alpha[g - 1] }
            before[g] = sum
        }
    }

    /// Pass 5: I += Σ cᵢ rᵢ xᵢxᵢᵀ, cᵢ = (Σ α₁ of the earlier groups) + α₁ of its own group for a
    /// censored row, β₁ for a death.
    private func addGram(_ rows: Rows, _ c: Int, _ range: Range<Int>) {
        let part = totals + c * totalsWidth
        withUnsafeTemporaryAllocation(of: Double.self, capacity: packed) { gram in
            let gram = gram.baseAddress!
            gram.initialize(repeating: 0, count: packed)
            // Two rows at a time: each entry of the triangle is loaded and stored once a pair.
            var pending = -1
            var pendingWeight = 0.0
            for i in range {
                let g = Int(rows.group[i])
                let own = rows.event[i] ? beta[g] : alpha[g]
                let weight = (before[g] + own) * rowRisk[i]
                if weight == 0 { continue }
                if pending < 0 {
                    pending = i
                    pendingWeight = weight
                } else {
                    CoxLikelihood.addOuterProducts(rows.x + pending * p, weight: pendingWeight,
                                                   rows.x + i * p, weight: weight, p: p, into: gram)
                    pending = -1
                }
            }
            if pending >= 0 { CoxLikelihood.addOuterProduct(rows.x + pending * p, weight: pendingWeight, p: p, into: gram) }
            for k in 0..<packed { part[1 + p + k] += gram[k] }
        }
    }
}
