import GSLSupport

extension FutilityBoundaries {
    /// Efficacy and futility bounds together when the futility bounds are binding, as rpact's
    /// `getDesignGroupSequential(typeBetaSpending = "bs…", bindingFutility = TRUE)`.
    ///
    /// A binding futility bound removes the paths below it from every later look, so the
    /// efficacy bound c_k spends the alpha α(t_k) − (spent so far) over the continuation region
    /// (u_j, c_j), j < k, under H0 — it depends on the futility bounds, which depend on the drift
    /// θ. For a given θ the bounds are built look by look: c_k by alpha spending at drift 0, then
    /// u_k by beta spending at θ (as ``betaSpending(informationRates:criticalValues:beta:spending:gridSize:)``);
    /// θ is chosen so that the total type II error through look K is exactly β (u_K = c_K).
    /// One-sided designs only.
    /// - Parameters:
    ///   - informationRates: t_1 < … < t_K = 1, K ≥ 2.
    ///   - cumulativeAlpha: α(t_k) per look, the last the total α.
    ///   - beta: the type II error to spend.
    ///   - spending: the beta-spending function.
    ///   - gridSize: Jennison & Turnbull's grid parameter r of the numerical integration
    ///     (about 12·r points per look; larger is slower and more accurate).
    /// - Returns: the efficacy critical values c_1 … c_K and the futility bounds u_1 … u_{K−1} with θ.
    /// - Complexity: O(K·m²) per root-finding step, nested: each θ tried runs 2K root searches.
    public static func bindingBetaSpending(
        informationRates: [Double], cumulativeAlpha: [Double], beta: Double, spending: SpendingFunction,
        gridSize: Int = GroupSequentialDesign.defaultGridSize
    ) throws(GroupSequentialError) -> (criticalValues: [Double], solution: Solution) {
        let rates = informationRates
        precondition(rates.count == cumulativeAlpha.count && rates.count >= 2, "two or more looks")
        let cumulativeBeta = rates.map { spending.spent(beta, at: $0, sides: 1) }

        // `short` marks a drift whose futility bounds leave too few paths to spend the alpha due
        // (θ far above the root while bracketing): the excess is still informative there (no
        // paths reach the end, so the type II error is below β), but such bounds are never returned.
        func bounds(_ theta: Double, _ r: Int) throws(GroupSequentialError) -> (excess: Double, critical: [Double], futility: [Double], short: Bool) {
            let null = SequentialIntegrator(drift: 0, gridSize: r)
            let alternative = SequentialIntegrator(drift: theta, gridSize: r)
            var densityNull: SubDensity? = nil, densityAlternative: SubDensity? = nil
            var alphaSpent = 0.0, betaSpent = 0.0
            var critical: [Double] = [], futility: [Double] = []
            var short = false
            for k in rates.indices {
                let t = rates[k]
                // Efficacy: spend the alpha still due at this look over the paths still running.
                let alphaTarget = cumulativeAlpha[k] - alphaSpent
                let c: Double
                if !(alphaTarget > 0) {
                    c = .infinity
                } else if densityNull == nil {
                    c = Normal.upperQuantile(alphaTarget)
                } else {
                    if null.probabilityAbove(-40, rate: t, after: densityNull) < alphaTarget {
                        short = true
                        c = -40
                    } else {
                    do {
                        c = try RootFinder.brent(lower: -40, upper: 40, absoluteTolerance: 1e-13, relativeTolerance: 1e-13) {
                            null.probabilityAbove($0, rate: t, after: densityNull) - alphaTarget
                        }
                    } catch {
                        throw .numericalFailure("look \(k + 1): critical value search failed: \(error)")
                    }
                    }
                }
                alphaSpent += null.probabilityAbove(c, rate: t, after: densityNull)
                critical.append(c)
                if k == rates.count - 1 {
                    let finalMiss = alternative.probabilityBelow(c, rate: t, after: densityAlternative)
                    return (betaSpent + finalMiss - beta, critical, futility, short)
                }
                // Futility: spend the beta due at this look under θ.
                let betaTarget = cumulativeBeta[k] - betaSpent
                let u: Double
                if !(betaTarget > 0) {
                    u = -.infinity
                } else if alternative.probabilityBelow(c, rate: t, after: densityAlternative) <= betaTarget {
                    u = c
                } else if densityAlternative == nil {
                    u = min(c, Normal.quantile(betaTarget) + theta * t.squareRoot())
                } else {
                    let low = theta * t.squareRoot() - 40
                    let high = min(c, theta * t.squareRoot() + 40)
                    do {
                        u = try RootFinder.brent(lower: low, upper: high, absoluteTolerance: 1e-13, relativeTolerance: 1e-13) {
                            alternative.probabilityBelow($0, rate: t, after: densityAlternative) - betaTarget
                        }
                    } catch {
                        throw .numericalFailure("look \(k + 1): futility bound search failed: \(error)")
                    }
                }
                betaSpent += alternative.probabilityBelow(u, rate: t, after: densityAlternative)
                futility.append(u)
                densityNull = null.advance(from: densityNull, rate: t, lower: u, upper: c)
                densityAlternative = alternative.advance(from: densityAlternative, rate: t, lower: u, upper: c)
            }
            fatalError("unreachable: the last look returns")
        }

        let coarse = max(8, gridSize / 2)
        var high = max(1, 1.5 * (Normal.upperQuantile(cumulativeAlpha[rates.count - 1]) + Normal.upperQuantile(beta)))
        var tries = 0
        while try bounds(high, coarse).excess > 0 {
            high *= 2
            tries += 1
            if tries > 10 { throw .numericalFailure("no drift gives power \(1 - beta) with these binding futility bounds") }
        }
        guard try bounds(0, coarse).excess > 0 else {
            throw .invalidParameter("beta \(beta) is too large for this design: the futility bounds cannot spend it")
        }
        let theta = try DriftSearch.root(lower: 0, upper: high, gridSize: gridSize) { x, r throws(GroupSequentialError) in
            try bounds(x, r).excess
        }
        let final = try bounds(theta, gridSize)
        guard !final.short else {
            throw .numericalFailure("the binding futility bounds leave too few paths to spend the alpha: check the spending and beta")
        }
        return (final.critical, Solution(bounds: final.futility, drift: theta))
    }
}
