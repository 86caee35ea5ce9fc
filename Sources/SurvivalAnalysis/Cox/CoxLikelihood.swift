import PlatformSupport

/// The log partial likelihood of a Cox model with its score vector and information matrix,
/// evaluated in one backward pass over the sorted risk sets (R's `coxfit6_iter`).
///
/// Walking from the largest time down, each row joins the running risk-set sums
/// S₀ = Σ wᵢ rᵢ, S₁ = Σ wᵢ rᵢ xᵢ, S₂ = Σ wᵢ rᵢ xᵢxᵢᵀ (rᵢ = exp(β·xᵢ)); at each distinct time with
/// deaths the tie rule of ``CoxTies`` turns them into ℓ = Σ_deaths wᵢβ·xᵢ − Σ w̄ log S₀,
/// U = Σ_deaths wᵢxᵢ − Σ w̄ S₁/S₀ and I = Σ w̄ (S₂/S₀ − S₁S₁ᵀ/S₀²). The sums restart at each
/// stratum. Cost per evaluation: O(n·p²) for n rows and p columns, no allocation.
///
/// (start, stop] data (R's `agfit4`): the same backward sweep over the stops, and a second
/// pointer over the rows ordered by start (``CoxRiskSets/byStart``) removes from the sums,
/// before the deaths at t are taken, every row whose start is ≥ t (at risk only when
/// start < t ≤ stop). Each row is added once and removed at most once, so the cost stays
/// O(n·p²); when the risk set empties the sums are set to 0 exactly, as `agfit4` does, so
/// rounding does not carry over. With every start below every event time nothing is removed
/// and the arithmetic is that of the right-censored sweep, operation for operation.
///
/// Right-censored data, and (start, stop] data from which no row leaves, are evaluated by
/// ``CoxChunkedSweep``: this sweep run on fixed chunks of rows on all cores, each chunk's debt
/// to the rows above it settled afterwards (the same result up to rounding; to the bit with
/// one chunk).
struct CoxLikelihood {
    let data: CoxRiskSets
    let ties: CoxTies
    /// U(β), on the scaled axis.
    private(set) var score: [Double]
    /// I(β), full symmetric, row-major p × p, on the scaled axis.
    private(set) var information: [Double]

    // Running sums of the risk set (a, cmat) and of the deaths at the current time (a2, cmat2);
    // the p×p sums are packed lower triangles, entry (i, j ≤ i) at i(i+1)/2 + j.
    private var a: [Double]
    private var a2: [Double]
    private var cmat: [Double]
    private var cmat2: [Double]
    private var packedInformation: [Double]
    /// w·exp(β·x) of each row, filed at its place in start order when it is added and read
    /// there, in sequence, when it leaves ((start, stop] data only).
    private var rowRisk: [Double]
    /// The parallel evaluation, for right-censored data and for (start, stop] data from which
    /// no row ever leaves; nil for the serial sweep.
    private let chunked: CoxChunkedSweep?

    /// - Parameter chunkRows: rows a chunk of the parallel evaluation aims at (tests use small
    ///   chunks to exercise the cuts); nil for the serial sweep (the tests' reference).
    init(data: CoxRiskSets, ties: CoxTies, chunkRows: Int? = CoxRiskSetChunks.targetRows) {
        self.data = data
        self.ties = ties
        let p = data.columns
        let packed = p * (p + 1) / 2
        score = [Double](repeating: 0, count: p)
        information = [Double](repeating: 0, count: p * p)
        a = [Double](repeating: 0, count: p)
        a2 = a
        cmat = [Double](repeating: 0, count: packed)
        cmat2 = cmat
        packedInformation = cmat
        if let chunkRows, data.noRowLeaves {
            chunked = CoxChunkedSweep(data: data, targetRows: chunkRows)
            rowRisk = []
        } else {
            chunked = nil
            rowRisk = [Double](repeating: 0, count: data.entry == nil ? 0 : data.count)
        }
    }

    /// ℓ(β) for β on the scaled axis; also sets ``score`` and ``information``.
    /// - Complexity: O(n·p²).
    mutating func evaluate(at beta: [Double]) -> Double {
        if let chunked {
            let loglik = score.withUnsafeMutableBufferPointer { u in
                packedInformation.withUnsafeMutableBufferPointer { imat in
                    chunked.evaluate(data, beta: beta, efron: ties == .efron, score: u, information: imat)
                }
            }
            unpackInformation()
            return loglik
        }
        let p = data.columns
        let n = data.count
        let efron = ties == .efron
        var loglik = 0.0
        for k in 0..<p { score[k] = 0; a2[k] = 0 }
        for k in cmat2.indices { cmat2[k] = 0; packedInformation[k] = 0 }

        data.x.withUnsafeBufferPointer { x in
        data.time.withUnsafeBufferPointer { time in
        data.event.withUnsafeBufferPointer { event in
        data.weight.withUnsafeBufferPointer { weight in
        data.lastInStratum.withUnsafeBufferPointer { last in
        beta.withUnsafeBufferPointer { b in
        data.offset.withUnsafeBufferPointer { offset in
        score.withUnsafeMutableBufferPointer { u in
        a.withUnsafeMutableBufferPointer { a in
        a2.withUnsafeMutableBufferPointer { a2 in
        cmat.withUnsafeMutableBufferPointer { cmat in
        cmat2.withUnsafeMutableBufferPointer { cmat2 in
        packedInformation.withUnsafeMutableBufferPointer { imat in
        rowRisk.withUnsafeMutableBufferPointer { rowRisk in
            let counting = data.entry != nil
            let starts = data.startSorted, startRank = data.startRank
            let xLeaving = data.xByStart
            var denom = 0.0
            var person = n - 1
            var leaving = n - 1       // next row (in start order) to leave the risk set
            var floor = 0             // first position of the current stratum
            var atRisk = 0
            while person >= 0 {
                if last[person] {
                    denom = 0
                    for k in 0..<p { a[k] = 0 }
                    for k in 0..<cmat.count { cmat[k] = 0 }
                    leaving = person
                    floor = data.stratumFirst[Int(data.stratum[person])]
                    atRisk = 0
                }
                let deathTime = time[person]
                if counting {
                    // Rows starting at or after t are not at risk at t (agfit4's removal step).
                    // Read in start order (copies laid out for this sweep): sequential memory.
                    xLeaving.withUnsafeBufferPointer { xLeaving in
                        while leaving >= floor && starts[leaving] >= deathTime {
                            let position = leaving
                            leaving -= 1
                            atRisk -= 1
                            if atRisk == 0 {
                                denom = 0
                                for k in 0..<p { a[k] = 0 }
                                for k in 0..<cmat.count { cmat[k] = 0 }
                            } else {
                                denom -= rowRisk[position]
                                CoxLikelihood.accumulate(xLeaving.baseAddress! + position * p, risk: -rowRisk[position], p: p,
                                                         into: a, cmat)
                            }
                        }
                    }
                }
                var deaths = CoxLikelihood.TiedDeaths()
                while person >= 0 && time[person] == deathTime {
                    let row = x.baseAddress! + person * p
                    var zbeta = offset.isEmpty ? 0.0 : offset[person]
                    for k in 0..<p { zbeta += b[k] * row[k] }
                    let risk = exp(zbeta) * weight[person]
                    if counting { rowRisk[Int(startRank[person])] = risk; atRisk += 1 }
                    CoxLikelihood.addRow(row, risk: risk, weight: weight[person], eta: zbeta, isDeath: event[person],
                                         p: p, deaths: &deaths, denom: &denom, loglik: &loglik,
                                         a: a, a2: a2, cmat: cmat, cmat2: cmat2, u: u)
                    person -= 1
                    if person >= 0 && last[person] { break }  // ties do not cross strata
                }
                guard deaths.count > 0 else { continue }
                CoxLikelihood.addDeaths(deaths.count, deadWeight: deaths.weight, deadRisk: deaths.risk, efron: efron, p: p,
                                        denom: &denom, loglik: &loglik,
                                        a: a, a2: a2, cmat: cmat, cmat2: cmat2, u: u, imat: imat)
            }
        }}}}}}}}}}}}}}
        unpackInformation()
        return loglik
    }

    private mutating func unpackInformation() {
        let p = data.columns
        for i in 0..<p {
            for j in 0...i {
                let v = packedInformation[i * (i + 1) / 2 + j]
                information[i * p + j] = v
                information[j * p + i] = v
            }
        }
    }

    /// a += r·x, C += r·x xᵀ (packed lower triangle; row i of C is contiguous).
    ///
    /// This is the O(p²) step done once per row per iteration, so it is written two lanes at a
    /// time: the rows of the triangle are 1…p long, too short for the compiler's vectoriser to
    /// enter its vector body, and the binary targets baseline x86-64 (SSE2, two doubles a lane).
    /// Each entry still gets one multiply and one add, in the same order, so the sums are bit
    /// for bit those of the scalar loop.
    @inline(__always)
    static func accumulate(_ row: UnsafePointer<Double>, risk: Double, p: Int,
                           into a: UnsafeMutableBufferPointer<Double>,
                           _ cmat: UnsafeMutableBufferPointer<Double>) {
        var c = cmat.baseAddress!
        let x = UnsafeRawPointer(row)
        for i in 0..<p {
            let ri = risk * row[i]
            a[i] += ri
            let r2 = SIMD2(repeating: ri)
            let target = UnsafeMutableRawPointer(c)
            let length = i &+ 1
            var j = 0
            while j &+ 2 <= length {
                let offset = j &* 8
                let sum = target.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
                    + r2 * x.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
                target.storeBytes(of: sum, toByteOffset: offset, as: SIMD2<Double>.self)
                j &+= 2
            }
            if j < length { c[j] += ri * row[j] }
            c += length
        }
    }
}
