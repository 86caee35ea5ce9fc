/// Steps 3 and 4 of ``CoxRiskSets``' layout: each column's centre and scale computed on the
/// columns as read (for term columns, contiguous, one column per worker; step 3 runs beside
/// the sort by time), then the values written to their sorted rows already centred and
/// scaled, in parallel blocks. The matrix is written once and never re-read here (a gather
/// followed by centring and scaling in place passed over it four times on one thread).
///
/// The numbers are R's `coxfit6` centring and scaling (see ``CoxRiskSets``): the same
/// operations, with the column sums taken in input order instead of sorted order (rounding
/// only). Work is split by column and by fixed row blocks, so the result does not depend on
/// the number of threads.
extension CoxRiskSets {
    /// Rows of one block of the scatter: the block's target rows stay in the L2 cache while
    /// its columns are written one after another.
    static let scatterBlock = 4096

    /// Step 4: the covariates in sorted order, row-major (`n × columns`), centred and scaled
    /// with the means and multipliers of ``columnCentres(_:columns:weights:unweightedMeans:)``.
    /// - Complexity: O(n·p).
    static func centredGather(_ covariates: Covariates, columns p: Int, order: [Int],
                              means: [Double], scales: [Double]) -> [Double] {
        let n = order.count
        // Every value is written below, by the workers: no zero-filling pass on this thread,
        // and the matrix's pages are first touched (faulted in) in parallel.
        let x = [Double](unsafeUninitializedCapacity: n * p) { xBuffer, initialized in
            nonisolated(unsafe) let x = xBuffer
            switch covariates {
            case .rowMajor(let design):
                // Gather: one contiguous row read per sorted position, blocks of positions.
                forEachBlock(n) { rows in
                    for i in rows {
                        let source = order[i] * p, target = i * p
                        for j in 0..<p { x[target + j] = (design[source + j] - means[j]) * scales[j] }
                    }
                }
            case .terms(let sources):
                // Scatter: the term columns read in row order, each row written at its sorted
                // place; a block of rows at a time, so the block's target rows stay in cache
                // while its columns are filled in one after another.
                var inverse = [Int](repeating: 0, count: n)
                for (i, row) in order.enumerated() { inverse[row] = i }
                let position = inverse
                let firstColumn = firstColumns(sources)
                forEachBlock(n) { rows in
                    for (term, source) in sources.enumerated() {
                        let column = firstColumn[term]
                        switch source {
                        case .numeric(let v):
                            let mean = means[column], scale = scales[column]
                            for row in rows { x[position[row] * p + column] = (v[row] - mean) * scale }
                        case .factor(let codes, let levels):
                            for row in rows {
                                let place = position[row] * p + column
                                for level in 1..<levels { x[place + level - 1] = codes[row] == level ? 1 : 0 }
                            }
                        }
                    }
                }
            }
            initialized = n * p
        }
        return x
    }

    /// Runs `body` on fixed blocks of `0..<n`, dealt to the workers (``ParallelLoop``). Every
    /// block writes only its own rows' places, so the result does not depend on the workers.
    private static func forEachBlock(_ n: Int, _ body: @Sendable (Range<Int>) -> Void) {
        ParallelLoop.dealt((n + scatterBlock - 1) / scatterBlock, values: n) { block in
            body((block * scatterBlock)..<min(n, (block + 1) * scatterBlock))
        }
    }

    private static func firstColumns(_ sources: [CoxDesignSource]) -> [Int] {
        var starts: [Int] = []
        var column = 0
        for source in sources {
            starts.append(column)
            column += source.width
        }
        return starts
    }

    /// Step 3: R's `coxfit6` centring and scaling of every design column (see ``CoxRiskSets``): (0, 1)
    /// for a column whose values all lie in {−1, 0, 1} (factor columns among them); otherwise
    /// x̄ = Σwx / Σw (or the plain mean) and s = Σw / Σw|x − x̄| (1 when that is 0). Each
    /// column's sums run over the rows in input order, whatever the layout, so the term
    /// columns (one column per worker) and a row-major matrix (row by row) give the same bits.
    /// - Parameters:
    ///   - weights: case weights in input order, or nil for 1; Σw (in input order) divides the
    ///     weighted means and multiplies the scales.
    ///   - unweightedMeans: plain column means, as R's `agreg.fit` centres (start, stop] data
    ///     (its `fit$means` ignore the case weights; `coxph.fit`'s do not). The same numbers
    ///     when there are no weights.
    static func columnCentres(_ covariates: Covariates, columns p: Int, weights: [Double]?,
                              unweightedMeans: Bool) -> (means: [Double], scales: [Double]) {
        var sumOfWeights = 0.0
        if let weights { for w in weights { sumOfWeights += w } } else { sumOfWeights = Double(covariates.rows(p)) }
        let totalWeight = sumOfWeights
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        let meanWeights = unweightedMeans ? nil : weights
        @Sendable func divisor(_ n: Int) -> Double { unweightedMeans ? Double(n) : totalWeight }
        @Sendable func centred(_ value: Double) -> Bool { value != 0 && value != 1 && value != -1 }
        switch covariates {
        case .terms(let sources):
            let firstColumn = firstColumns(sources)
            let numeric = sources.indices.filter { if case .numeric = sources[$0] { true } else { false } }
            means.withUnsafeMutableBufferPointer { meanBuffer in
            scales.withUnsafeMutableBufferPointer { scaleBuffer in
                nonisolated(unsafe) let meanOut = meanBuffer, scaleOut = scaleBuffer
                ParallelLoop.run(numeric.count, values: numeric.count * covariates.rows(p)) { k in
                    guard case .numeric(let v) = sources[numeric[k]], v.contains(where: centred) else { return }
                    var sum = 0.0
                    if let meanWeights {
                        for i in v.indices { sum += meanWeights[i] * v[i] }
                    } else {
                        for value in v { sum += value }
                    }
                    let mean = sum / divisor(v.count)
                    var absolute = 0.0
                    if let weights {
                        for i in v.indices { absolute += weights[i] * abs(v[i] - mean) }
                    } else {
                        for value in v { absolute += abs(value - mean) }
                    }
                    meanOut[firstColumn[numeric[k]]] = mean
                    scaleOut[firstColumn[numeric[k]]] = absolute > 0 ? totalWeight / absolute : 1
                }
            }}
        case .rowMajor(let design):
            let n = p == 0 ? 0 : design.count / p
            var isCentred = [Bool](repeating: false, count: p)
            for k in design.indices where centred(design[k]) { isCentred[k % p] = true }
            guard isCentred.contains(true) else { break }
            var sum = [Double](repeating: 0, count: p)
            for i in 0..<n {
                for j in 0..<p {
                    if let meanWeights { sum[j] += meanWeights[i] * design[i * p + j] } else { sum[j] += design[i * p + j] }
                }
            }
            for j in 0..<p where isCentred[j] { means[j] = sum[j] / divisor(n) }
            var absolute = [Double](repeating: 0, count: p)
            for i in 0..<n {
                for j in 0..<p {
                    let d = abs(design[i * p + j] - means[j])
                    if let weights { absolute[j] += weights[i] * d } else { absolute[j] += d }
                }
            }
            for j in 0..<p where isCentred[j] { scales[j] = absolute[j] > 0 ? totalWeight / absolute[j] : 1 }
        }
        return (means, scales)
    }
}

extension CoxRiskSets.Covariates {
    /// The number of rows (the length of any term column, or the matrix's rows).
    func rows(_ columns: Int) -> Int {
        switch self {
        case .rowMajor(let design): return columns == 0 ? 0 : design.count / columns
        case .terms(let sources):
            switch sources.first {
            case .numeric(let v)?: return v.count
            case .factor(let codes, _)?: return codes.count
            case nil: return 0
            }
        }
    }
}
