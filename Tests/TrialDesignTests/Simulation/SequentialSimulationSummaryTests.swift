import Foundation
import Testing
@testable import TrialDesign

/// The simulated group-sequential trial against the analytic design: per-look rejection and
/// futility probabilities of ``DesignCharacteristics`` (the recursive integration of Armitage,
/// McPherson & Rowe, checked against rpact in GroupSequentialBoundariesTests) and its expected
/// events, within 4 Monte Carlo standard errors. With 200 events the log-rank Z is close to its
/// normal approximation Z_k ~ N(θ√t_k, 1), θ = −log HR·√(r D)/(1 + r); the hazard ratio is
/// chosen so that θ is the design's drift, i.e. the simulated trial is the design's alternative.
/// Fixed seeds: each check passes or fails the same way every run.
@Suite struct SequentialSimulationSummaryTests {
    /// Monte Carlo agreement: |simulated − analytic| ≤ 4 standard errors.
    static let standardErrors = 4.0
    static let maximumEvents = 200
    static let replicates = 20_000

    /// A trial of 260 patients over 12 months, control median 10, analysed at the looks of `design`
    /// with the hazard ratio that puts 200 events at drift `theta` (1 when theta is 0: the null).
    static func plan(_ boundaries: GroupSequentialBoundaries, theta: Double) throws -> SimulationPlan {
        let d = Double(maximumEvents)
        let ratio = exp(-2 * theta / d.squareRoot())
        let control = TrialAssumptions.hazard(median: 10)
        return try SimulationPlan(
            patients: 260, accrual: .uniform(duration: 12),
            survival: .exponential(hazardTreatment: control * ratio, hazardControl: control),
            cut: .events(maximumEvents), alpha: boundaries.design.alpha, sides: boundaries.design.sides,
            looks: SimulationLooks(boundaries: boundaries))
    }

    static func summary(_ plan: SimulationPlan, seed: UInt64 = 606) -> SimulationSummary {
        SimulationSummary(plan: plan, outcomes: MonteCarlo.run(plan: plan, seed: seed, range: 0..<replicates, threads: 2))
    }

    func expectProportion(_ simulated: Double, _ analytic: Double, _ what: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        // The standard error of a proportion at the analytic value (at least one event's worth).
        let se = max(analytic * (1 - analytic), 1.0 / Double(Self.replicates)).squareRoot() / Double(Self.replicates).squareRoot()
        #expect(abs(simulated - analytic) <= Self.standardErrors * se,
                "\(what): simulated \(simulated), analytic \(analytic) (SE \(se))", sourceLocation: sourceLocation)
    }

    /// Three looks (1/3, 2/3, 1 → 67, 134, 200 events), O'Brien–Fleming-type efficacy and
    /// futility, one-sided 0.025, power 0.8: per-look efficacy and futility stops and the expected
    /// events under the alternative.
    @Test func agreesWithTheDesignUnderTheAlternative() throws {
        let rates = try InformationRates([1.0 / 3, 2.0 / 3, 1])
        let design = try GroupSequentialDesign(informationRates: rates, alpha: 0.025, sides: 1, spending: .obrienFleming,
                                               futilitySpending: .obrienFleming, power: 0.8)
        let boundaries = try design.boundaries()
        let c = boundaries.characteristics
        let plan = try Self.plan(boundaries, theta: c.drift)
        #expect(plan.lookEvents == [67, 134, 200])
        let s = Self.summary(plan)
        let looks = try #require(s.sequential).looks
        // The information of the looks is D_k/D (67/200, not 1/3): the analytic probabilities
        // at the simulated looks, with the design's bounds and drift.
        let actual = plan.lookEvents.map { Double($0) / Double(Self.maximumEvents) }
        let p = CrossingProbabilities(informationRates: actual, lower: boundaries.futilityBounds! + [-.infinity],
                                      upper: boundaries.criticalValues, drift: c.drift)
        var cumulative = 0.0
        for k in 0..<3 {
            expectProportion(looks[k].efficacyProportion, p.upper[k], "look \(k + 1) efficacy stop")
            if k < 2 { expectProportion(looks[k].futilityProportion, p.lower[k], "look \(k + 1) futility stop") }
            cumulative += p.upper[k]
            expectProportion(looks[k].cumulativeRejection, cumulative, "rejection through look \(k + 1)")
            expectProportion(looks[k].stoppingProportion, p.stopping[k], "look \(k + 1) stop")
            // The design's own looks at exactly 1/3 and 2/3 differ from these by far less than the SE.
            expectProportion(looks[k].efficacyProportion, c.alternative.upperRejection[k], "look \(k + 1) vs the design")
            #expect(looks[k].meanEvents == Double(plan.lookEvents[k]))
        }
        expectProportion(s.power, 0.8, "power")
        #expect(s.rejections == looks.reduce(0) { $0 + $1.efficacyStops })
        // Expected events: D · E[t at stopping].
        let expected = Double(Self.maximumEvents) * p.expectedInformationRate
        let se = s.events.standardDeviation / Double(s.events.count).squareRoot()
        #expect(abs(s.events.mean - expected) <= Self.standardErrors * se, "expected events \(s.events.mean) vs \(expected)")
        // Later looks are later in calendar time.
        #expect(looks[0].meanAnalysisTime < looks[1].meanAnalysisTime && looks[1].meanAnalysisTime < looks[2].meanAnalysisTime)
        #expect(looks.map(\.stops).reduce(0, +) == Self.replicates)
        #expect(looks.map(\.reached) == [Self.replicates, Self.replicates - looks[0].stops,
                                         Self.replicates - looks[0].stops - looks[1].stops])
    }

    /// Under the null (HR = 1) a two-sided Pocock-type design rejects at each look with the alpha
    /// it spends there (both sides), and its overall level is alpha.
    @Test func spendsAlphaUnderTheNull() throws {
        let design = try GroupSequentialDesign(informationRates: InformationRates([0.5, 1]), alpha: 0.05, sides: 2,
                                               spending: .pocock, power: 0.8)
        let boundaries = try design.boundaries()
        let plan = try Self.plan(boundaries, theta: 0)
        let looks = try #require(Self.summary(plan, seed: 7).sequential).looks
        for k in 0..<2 {
            expectProportion(looks[k].efficacyProportion, boundaries.looks[k].alphaSpent, "look \(k + 1) alpha spent")
            #expect(looks[k].futilityStops == 0)
        }
        expectProportion(looks[1].cumulativeRejection, 0.05, "level")
    }

    /// The same outcomes with 1 and 2 threads, bit for bit; looks and decisions included.
    @Test func threadsDoNotChangeTheOutcomes() throws {
        let design = try GroupSequentialDesign(informationRates: InformationRates([0.5, 1]), alpha: 0.025, sides: 1,
                                               futilitySpending: .pocock, power: 0.8)
        let boundaries = try design.boundaries()
        let plan = try Self.plan(boundaries, theta: boundaries.characteristics.drift)
        let one = MonteCarlo.run(plan: plan, seed: 3, range: 0..<5000, threads: 1)
        let two = MonteCarlo.run(plan: plan, seed: 3, range: 0..<5000, threads: 2)
        #expect(zip(one, two).allSatisfy { $0.isIdentical(to: $1) })
        #expect(Set(one.map(\.look)) == [1, 2])
        #expect(Set(one.map(\.decision.rawValue)) == [0, 1, 2])
    }
}
