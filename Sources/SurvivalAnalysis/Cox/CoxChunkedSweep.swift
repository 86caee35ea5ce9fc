import PlatformSupport

/// ℓ(β), U(β) and I(β) of right-censored risk sets evaluated chunk by chunk on all cores.
///
/// The serial sweep of ``CoxLikelihood`` (R's `coxfit6_iter`) carries S₀ = Σr, S₁ = Σr·x and
/// S₂ = Σr·xxᵀ down the times, one row after another. Here each chunk of rows runs that same
/// sweep on its own, with S₁ and S₂ started at 0; only S₀ starts at the value it would have
/// had (the sum of r over the rows above the chunk in its stratum), because the tie rule
/// divides by it. What the chunk is missing is then added once: at a group of tied times with
/// deaths the tie rule contributes (``CoxLikelihood/TieWeights``)
///   U −= α₁S₁ + β₁D₁,   I += α₁S₂ + β₁D₂ − (α₂S₁S₁ᵀ + β₂(S₁D₁ᵀ + D₁S₁ᵀ) + γ₂D₁D₁ᵀ),
/// which is linear in S₂ and quadratic in S₁. With S₁ = s + A and S₂ = c + C (the chunk's own
/// sums and the rows above it), the groups of the chunk's top stratum owe
///   U: −(Σα₁)A,   I: (Σα₁)C − (vAᵀ + Avᵀ) − (Σα₂)AAᵀ − (wAᵀ + Awᵀ),  v = Σα₂s, w = Σβ₂D₁,
/// O(p²) a chunk once A and C are known. The passes:
/// 1. (parallel) η and r = w·exp(η) of every row, and the S₀ of each chunk's lowest stratum;
/// 2. (serial, per chunk) the S₀ each chunk's top inherits from the chunks above it;
/// 3. (parallel) each chunk's sweep, O(p²) a row, keeping Σα₁, Σα₂, v, w of its top stratum and
///    the S₁, S₂ of its lowest;
/// 4. (serial, per chunk) A and C of every chunk, top first, and each chunk's correction.
/// Every chunk writes its own partial sums, added in chunk order: the result does not depend
/// on the number of threads. With one chunk it is the serial sweep's, to the bit.
final class CoxChunkedSweep: @unchecked Sendable {
    let chunks: CoxRiskSetChunks
    private let p: Int
    private let packed: Int
    /// Rows × columns: the work's size, for ``ParallelLoop``.
    private let values: Int
    /// Per chunk: ℓ, U (p), packed I (p(p+1)/2).
    private let totalsWidth: Int
    private let totals: UnsafeMutablePointer<Double>
    /// Per chunk: S₀ of its lowest stratum segment (pass 1), then what its top inherits (pass 2).
    private let bottom: UnsafeMutablePointer<Double>
    private let carry: UnsafeMutablePointer<Double>
    /// Per chunk (pass 3): Σα₁, Σα₂, v (p), w (p) of its top stratum's groups, then the S₁ (p)
    /// and S₂ (packed) of its lowest stratum segment.
    private let owedWidth: Int
    private let owed: UnsafeMutablePointer<Double>
    /// η and w·exp(η) of each sorted row.
    private let rowEta: UnsafeMutablePointer<Double>
    private let rowRisk: UnsafeMutablePointer<Double>

    init(data: CoxRiskSets, targetRows: Int = CoxRiskSetChunks.targetRows) {
        chunks = CoxRiskSetChunks(time: data.time, lastInStratum: data.lastInStratum, targetRows: targetRows)
        p = data.columns
        packed = p * (p + 1) / 2
        values = data.count * max(p, 1)
        totalsWidth = 1 + p + packed
        owedWidth = 2 + 3 * p + packed
        let c = chunks.count
        totals = .allocate(capacity: c * totalsWidth)
        bottom = .allocate(capacity: c)
        carry = .allocate(capacity: c)
        owed = .allocate(capacity: c * owedWidth)
        rowEta = .allocate(capacity: max(1, data.count))
        rowRisk = .allocate(capacity: max(1, data.count))
    }

    deinit {
        for buffer in [totals, bottom, carry, owed, rowEta, rowRisk] { buffer.deallocate() }
    }

    /// ℓ(β); writes U into `score` (p) and the packed lower triangle of I into `information`.
    func evaluate(_ data: CoxRiskSets, beta b: [Double], efron: Bool,
                  score: UnsafeMutableBufferPointer<Double>, information: UnsafeMutableBufferPointer<Double>) -> Double {
        data.x.withUnsafeBufferPointer { x in
        data.time.withUnsafeBufferPointer { time in
        data.event.withUnsafeBufferPointer { event in
        data.weight.withUnsafeBufferPointer { weight in
        data.lastInStratum.withUnsafeBufferPointer { last in
        data.offset.withUnsafeBufferPointer { offset in
        b.withUnsafeBufferPointer { b in
            let rows = Rows(x: x.baseAddress!, time: time.baseAddress!, event: event.baseAddress!,
                            weight: weight.baseAddress!, last: last.baseAddress!,
                            offset: offset.isEmpty ? nil : offset.baseAddress!, beta: b.baseAddress!)
            let bounds = chunks.bounds
            forEachChunk { c in self.riskAndBottom(rows, c, bounds[c]..<bounds[c + 1]) }
            inheritDenominators()
            forEachChunk { c in self.sweep(rows, efron: efron, c, bounds[c]..<bounds[c + 1]) }
            settleCarries()
        }}}}}}}

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
        let beta: UnsafePointer<Double>
    }

    /// Runs `body` for every chunk, the chunks dealt to the workers in turn (``ParallelLoop``).
    private func forEachChunk(_ body: @Sendable (Int) -> Void) {
        ParallelLoop.dealt(chunks.count, values: values, body)
    }

    /// Pass 1: η and r = w·exp(η) of every row (as the serial sweep computes them); S₀ of the
    /// chunk's rows up to the end of its first stratum (what the chunk below inherits).
    private func riskAndBottom(_ rows: Rows, _ c: Int, _ range: Range<Int>) {
        let b = rows.beta
        var sum = 0.0
        var inBottom = true
        for i in range {
            let row = rows.x + i * p
            var zbeta = rows.offset?[i] ?? 0
            for k in 0..<p { zbeta += b[k] * row[k] }
            let risk = exp(zbeta) * rows.weight[i]
            rowEta[i] = zbeta
            rowRisk[i] = risk
            if inBottom {
                sum += risk
                inBottom = !rows.last[i]
            }
        }
        bottom[c] = sum
    }

    /// Pass 2: the S₀ over the rows above each chunk in its top stratum, top chunk first.
    private func inheritDenominators() {
        let count = chunks.count
        for c in stride(from: count - 1, through: 0, by: -1) {
            guard chunks.continues[c] else {
                carry[c] = 0
                continue
            }
            carry[c] = chunks.oneStratum[c + 1] ? bottom[c + 1] + carry[c + 1] : bottom[c + 1]
        }
    }

    /// Pass 3: the serial sweep (``CoxLikelihood/evaluate(at:)``'s loop, the same operations in
    /// the same order) down the chunk's rows, S₀ starting at the inherited value and S₁, S₂ at 0.
    /// Keeps what the groups of its top stratum owe the rows above (Σα₁, Σα₂, v, w) and the
    /// S₁, S₂ its lowest stratum hands down.
    private func sweep(_ rows: Rows, efron: Bool, _ c: Int, _ range: Range<Int>) {
        let p = self.p, packed = self.packed
        let part = totals + c * totalsWidth
        let debt = owed + c * owedWidth
        // Local sums, stored once at the end: the chunks' slots are adjacent.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * p + 4 * packed + 2 * p) { scratch in
            let base = scratch.baseAddress!
            func buffer(_ offset: Int, _ count: Int) -> UnsafeMutableBufferPointer<Double> {
                UnsafeMutableBufferPointer(start: base + offset, count: count)
            }
            let a = buffer(0, p), a2 = buffer(p, p), u = buffer(2 * p, p)
            let cmat = buffer(3 * p, packed), cmat2 = buffer(3 * p + packed, packed)
            let imat = buffer(3 * p + 2 * packed, packed)
            let v = buffer(3 * p + 3 * packed, p), w = buffer(4 * p + 3 * packed, p)
            scratch.initialize(repeating: 0)
            var denom = carry[c]
            var loglik = 0.0
            var alpha1 = 0.0, alpha2 = 0.0
            var top = true              // still in the stratum the rows above belong to
            var person = range.upperBound - 1
            while person >= range.lowerBound {
                if rows.last[person] {
                    denom = 0
                    for k in 0..<p { a[k] = 0 }
                    for k in 0..<packed { cmat[k] = 0 }
                    top = false
                }
                let deathTime = rows.time[person]
                var deaths = CoxLikelihood.TiedDeaths()
                while person >= range.lowerBound && rows.time[person] == deathTime {
                    CoxLikelihood.addRow(rows.x + person * p, risk: rowRisk[person], weight: rows.weight[person],
                                         eta: rowEta[person], isDeath: rows.event[person], p: p, deaths: &deaths,
                                         denom: &denom, loglik: &loglik, a: a, a2: a2, cmat: cmat, cmat2: cmat2, u: u)
                    person -= 1
                    if person >= range.lowerBound && rows.last[person] { break }
                }
                guard deaths.count > 0 else { continue }
                let (deadWeight, deadRisk) = (deaths.weight, deaths.risk)
                if top {
                    // What this group owes the rows above (the tie scalars, as the step below uses them).
                    var ignored = 0.0
                    let t = CoxLikelihood.tieWeights(deaths: deaths.count, deadWeight: deadWeight, deadRisk: deadRisk,
                                                     denom: denom, efron: efron, loglik: &ignored)
                    alpha1 += t.alpha1
                    alpha2 += t.alpha2
                    for k in 0..<p {
                        v[k] += t.alpha2 * a[k]
                        w[k] += t.beta2 * a2[k]
                    }
                }
                CoxLikelihood.addDeaths(deaths.count, deadWeight: deadWeight, deadRisk: deadRisk, efron: efron, p: p,
                                        denom: &denom, loglik: &loglik,
                                        a: a, a2: a2, cmat: cmat, cmat2: cmat2, u: u, imat: imat)
            }
            part[0] = loglik
            for k in 0..<p { part[1 + k] = u[k] }
            for k in 0..<packed { part[1 + p + k] = imat[k] }
            debt[0] = alpha1
            debt[1] = alpha2
            for k in 0..<p {
                debt[2 + k] = v[k]
                debt[2 + p + k] = w[k]
                debt[2 + 2 * p + k] = a[k]
            }
            for k in 0..<packed { debt[2 + 3 * p + k] = cmat[k] }
        }
    }

    /// Pass 4: top chunk first, the S₁ (A) and S₂ (C) over the rows above each chunk in its top
    /// stratum, and what the chunk's groups owe them:
    /// U −= (Σα₁)A, I += (Σα₁)C − (vAᵀ + Avᵀ) − (Σα₂)AAᵀ − (wAᵀ + Awᵀ).
    private func settleCarries() {
        let p = self.p, packed = self.packed
        let count = chunks.count
        let width = p + packed
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * width) { scratch in
            // The carry into the chunk being settled, and into the one above it.
            let into = scratch.baseAddress!, above = into + width
            above.initialize(repeating: 0, count: width)
            for c in stride(from: count - 1, through: 0, by: -1) {
                if chunks.continues[c] {
                    // Rows above: chunk c + 1's lowest stratum segment, and what lay above it
                    // when that segment is the whole chunk.
                    let handed = owed + (c + 1) * owedWidth + 2 + 2 * p
                    let whole = chunks.oneStratum[c + 1]
                    for k in 0..<width { into[k] = whole ? handed[k] + above[k] : handed[k] }
                } else {
                    into.initialize(repeating: 0, count: width)
                }
                defer { above.update(from: into, count: width) }
                guard chunks.continues[c] else { continue }
                let debt = owed + c * owedWidth
                let alpha1 = debt[0], alpha2 = debt[1]
                let v = debt + 2, w = debt + 2 + p
                let carriedS1 = into, carriedS2 = into + p
                let part = totals + c * totalsWidth
                var k = 0
                for i in 0..<p {
                    part[1 + i] -= alpha1 * carriedS1[i]
                    for j in 0...i {
                        part[1 + p + k] += alpha1 * carriedS2[k]
                            - (v[i] * carriedS1[j] + carriedS1[i] * v[j])
                            - alpha2 * carriedS1[i] * carriedS1[j]
                            - (w[i] * carriedS1[j] + carriedS1[i] * w[j])
                        k += 1
                    }
                }
            }
        }
    }
}
