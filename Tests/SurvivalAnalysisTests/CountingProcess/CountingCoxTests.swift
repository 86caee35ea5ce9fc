import Testing
@testable import SurvivalAnalysis
import TestSupport

/// Cox on (start, stop] data against R's coxph (agreg.fit) on heart, cgd and pbcseq
/// (scripts/fixtures/counting.R), and the R-free checks of issue 14.
@Suite struct CountingCoxTests {
    /// Issue 14: Cox coefficients and standard errors within 1e-8 (relative) of R.
    static let coefficients = Tolerance(relative: 1e-8)
    /// Log-likelihoods, tests and residuals: the same sums as R's, rounding apart.
    static let sums = Tolerance(relative: 1e-8, absolute: 1e-10)
    /// Splitting a subject's follow-up changes only the order of the sums (issue 14: 1e-12).
    static let split = Tolerance(relative: 1e-12, absolute: 1e-13)

    static let models = try! Fixture("counting/models.csv").rows
    static let coefficientRows = try! Fixture("counting/coefficients.csv").rows
    static let residualRows = try! Fixture("counting/residuals.csv").rows

    @Test(arguments: CountingFixtureCase.all)
    func matchesR(_ c: CountingFixtureCase) throws {
        let model = try CoxModel.fit(try c.load(), options: c.options)
        let r = Self.models.first { $0["case"] == c.id }!
        #expect(model.rowsUsed == r.int("n"))
        #expect(model.events == r.int("events"))
        #expect(model.estimate.converged)
        #expect(Self.sums.accepts(model.estimate.loglikNull, r.double("loglik_null")))
        #expect(Self.sums.accepts(model.estimate.loglik, r.double("loglik")))
        #expect(Self.sums.accepts(model.scoreTest.chisq, r.double("score")), "score \(model.scoreTest.chisq)")
        #expect(Self.sums.accepts(model.waldTest.chisq, r.double("wald")), "wald \(model.waldTest.chisq)")
        #expect(Self.sums.accepts(model.concordance.concordance, r.double("concordance")),
                "concordance \(model.concordance.concordance)")
        #expect(Self.sums.accepts(model.concordance.standardError, r.double("concordance_se")),
                "concordance se \(model.concordance.standardError)")
        let rows = Self.coefficientRows.filter { $0["case"] == c.id }
        #expect(rows.map { $0.string("term") } == model.coefficients.map(\.term))
        for (row, coefficient) in zip(rows, model.coefficients) {
            #expect(Self.coefficients.accepts(coefficient.coef, row.double("coef")), "\(coefficient.term) coef")
            #expect(Self.coefficients.accepts(coefficient.se, row.double("se")), "\(coefficient.term) se")
            #expect(Self.coefficients.accepts(coefficient.robustSE, row.double("robust_se")),
                    "\(coefficient.term) robust se \(coefficient.robustSE ?? .nan)")
        }
    }

    @Test(arguments: CountingFixtureCase.all)
    func residualsMatchR(_ c: CountingFixtureCase) throws {
        let model = try CoxModel.fit(try c.load(), options: c.options)
        let rows = Self.residualRows.filter { $0["case"] == c.id }
        let martingale = model.residuals().martingale
        #expect(martingale.count == rows.count)
        var worst = 0.0
        for (row, m) in zip(rows, martingale) {
            worst = max(worst, abs(m - row.double("martingale")!))
        }
        #expect(worst <= 1e-10, "largest martingale difference \(worst)")
        // First score-residual column, back on the covariate's units (the fit's axis is scaled).
        let data = model.riskSets
        let eta = data.linearPredictor(scaledBeta: model.estimate.scaledBeta)
        let scaled = CoxResiduals.scoreResiduals(data: data, eta: eta, ties: c.options.ties)
        var score = [Double](repeating: 0, count: data.count)
        for i in 0..<data.count { score[data.order[i]] = scaled[i * data.columns] / data.scales[0] }
        worst = 0
        for (row, s) in zip(rows, score) { worst = max(worst, abs(s - row.double("score_first")!)) }
        #expect(worst <= 1e-9, "largest score-residual difference \(worst)")
    }

    /// Start = 0 everywhere: the counting-process path must give the right-censored fit bit for bit.
    @Test func zeroStartIsTheRightCensoredFit() throws {
        let c = CountingFixtureCase.all.first { $0.id == "pbcseq_tdc" }!
        var plain = try c.load()
        // One row per subject: the last interval, with time from 0 (a right-censored data set).
        var keep: [Int] = []
        let subject = plain.subject!.codes
        for i in 0..<plain.count where i == plain.count - 1 || subject[i + 1] != subject[i] { keep.append(i) }
        plain = Self.rows(plain, keep)
        plain.start = nil
        plain.subject = nil
        let counting = try plain.withStart([Double](repeating: 0, count: plain.count))
        for ties in CoxTies.allCases {
            let a = try CoxModel.fit(plain, options: CoxOptions(ties: ties, robust: true))
            let b = try CoxModel.fit(counting, options: CoxOptions(ties: ties, robust: true))
            #expect(a.estimate.loglik == b.estimate.loglik)
            #expect(a.scoreTest.chisq == b.scoreTest.chisq)
            #expect(a.concordance == b.concordance)
            for (x, y) in zip(a.coefficients, b.coefficients) {
                #expect(x.coef == y.coef && x.se == y.se && x.robustSE == y.robustSE)
            }
            #expect(a.residuals().martingale == b.residuals().martingale)
        }
    }

    /// Splitting every subject's follow-up at arbitrary cuts (as survSplit) leaves the fit unchanged.
    @Test func splittingLeavesTheFitUnchanged() throws {
        for id in ["heart_efron", "cgd_ag_strata", "pbcseq_tdc"] {
            let c = CountingFixtureCase.all.first { $0.id == id }!
            let data = try c.load()
            let cuts: [Double] = [3.5, 17, 40.25, 100, 365, 1000, 2222.5]
            let pieces = Self.split(data, at: cuts)
            let a = try CoxModel.fit(data, options: c.options)
            let b = try CoxModel.fit(pieces, options: c.options)
            #expect(pieces.count > data.count)
            #expect(Self.split.accepts(a.estimate.loglik, b.estimate.loglik), "\(id) loglik")
            for (x, y) in zip(a.coefficients, b.coefficients) {
                #expect(Self.split.accepts(x.coef, y.coef), "\(id) \(x.term): \(x.coef) vs \(y.coef)")
                #expect(Self.split.accepts(x.se, y.se), "\(id) \(x.term) se")
            }
        }
    }

    @Test func overlappingIntervalsOfOneSubjectAreRefused() throws {
        var data = try SurvivalData(time: [5, 9, 4], event: [false, true, true])
        data.lines = [2, 3, 4]
        let subject = Factor(codes: [0, 0, 1], levels: ["a", "b"])
        #expect(throws: InputError.self) { try data.withStart([0, 4, 0], subject: subject) }
        do { _ = try data.withStart([0, 4, 0], subject: subject) } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("line 2") && error.message.contains("line 3"))
        }
        #expect(throws: InputError.self) { try data.withStart([0, 9, 0]) }   // stop not after start
        _ = try data.withStart([0, 5, 0], subject: subject)                  // touching is fine
    }

    /// The rows `keep` of `data` (all columns).
    static func rows(_ data: SurvivalData, _ keep: [Int]) -> SurvivalData {
        var out = data
        out.time = keep.map { data.time[$0] }
        out.recordedTime = keep.map { data.recordedTime[$0] }
        out.event = keep.map { data.event[$0] }
        out.start = data.start.map { s in keep.map { s[$0] } }
        out.lines = keep.map { data.lines[$0] }
        func pick(_ f: Factor) -> Factor { Factor(codes: keep.map { f.codes[$0] }, levels: f.levels) }
        out.covariates = data.covariates.map { c in (c.name, keep.map { c.values[$0] }) }
        out.factors = data.factors.map { f in (f.name, pick(f.factor)) }
        out.strata = data.strata.map(pick)
        out.subject = data.subject.map(pick)
        out.cluster = data.cluster.map(pick)
        out.weights = data.weights.map { w in keep.map { w[$0] } }
        return out
    }

    /// Every row's (start, stop] cut at each of `cuts` inside it: the pieces before a cut are
    /// censored, the last piece keeps the event (survSplit's episodes).
    static func split(_ data: SurvivalData, at cuts: [Double]) -> SurvivalData {
        var keep: [Int] = [], start: [Double] = [], stop: [Double] = [], event: [Bool] = []
        for i in 0..<data.count {
            var s = data.start![i]
            for c in cuts where c > s && c < data.time[i] {
                keep.append(i); start.append(s); stop.append(c); event.append(false)
                s = c
            }
            keep.append(i); start.append(s); stop.append(data.time[i]); event.append(data.event[i])
        }
        var out = rows(data, keep)
        out.start = start
        out.time = stop
        out.recordedTime = stop
        out.event = event
        return out
    }
}
