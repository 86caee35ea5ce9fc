import PlatformSupport
import GSLSupport

/// What to fit and how to report it.
public struct CoxOptions: Sendable {
    /// How tied event times enter the partial likelihood (R's `ties =`, default Efron).
    public var ties: CoxTies
    /// Convergence criteria of the Newton–Raphson iteration (R's `coxph.control`).
    public var settings: CoxSettings
    /// Robust (sandwich) variance. R also switches it on for a cluster column and for
    /// non-integer case weights; so does survkit.
    public var robust: Bool
    /// Level of the confidence intervals of exp(β).
    public var confidenceLevel: Double
    /// A ridge penalty on every design column (R's `ridge(..., theta =)`), or nil.
    public var ridge: CoxRidgePenalty? = nil
    /// Firth's penalised likelihood (Heinze & Schemper 2001), finite under separation; needs
    /// Breslow ties, no weights, no robust variance, no offset, no ridge, at most 20 columns.
    public var firth = false

    /// Options of a Cox fit; the defaults are R's `coxph` defaults.
    public init(ties: CoxTies = .efron, settings: CoxSettings = .rDefault, robust: Bool = false,
                confidenceLevel: Double = 0.95) {
        self.ties = ties
        self.settings = settings
        self.robust = robust
        self.confidenceLevel = confidenceLevel
    }
}

/// One row of the coefficient table (R's `summary(coxph)`). NaN marks an aliased term (R's NA).
public struct CoxCoefficient: Sendable {
    /// The design column's name: the covariate, or `factor=level`.
    public let term: String
    /// The estimated log hazard ratio β; NaN when the column is aliased (R's NA).
    public let coef: Double
    /// The hazard ratio exp(β).
    public let expCoef: Double
    /// Model-based standard error √diag I⁻¹ (R's `se(coef)`).
    public let se: Double
    /// Sandwich standard error when the robust variance is used.
    public let robustSE: Double?
    /// β / se, with the robust se when used, and its two-sided normal p-value.
    public let z: Double
    /// Two-sided Wald p-value, 2Φ(−|z|) (R's `Pr(>|z|)`).
    public let pValue: Double
    /// exp(β ∓ z₁₋α/₂·se), with the robust se when used.
    public let lower: Double
    /// Upper confidence limit of exp(β) at the options' confidence level.
    public let upper: Double
    /// True when the column is a linear combination of earlier ones and has no estimate (R's NA).
    public var aliased: Bool { coef.isNaN }
}

/// A chi-square test statistic with its degrees of freedom and upper-tail p-value.
public struct CoxTest: Sendable, Equatable {
    /// The test statistic, χ² under the null.
    public let chisq: Double
    /// Degrees of freedom: the number of non-aliased coefficients.
    public let df: Int
    /// Upper-tail χ² p-value of the statistic.
    public let pValue: Double

    init(_ chisq: Double, df: Int) {
        self.chisq = chisq
        self.df = df
        pValue = df > 0 && chisq.isFinite ? ChiSquared.upperTail(max(chisq, 0), degreesOfFreedom: Double(df)) : .nan
    }
}

/// A Cox proportional hazards model fitted to a data set, with the inference of R's
/// `summary(coxph(...))`: coefficients, (robust) standard errors, confidence intervals of
/// exp(β), the likelihood-ratio, Wald and score tests, and Harrell's concordance.
public struct CoxModel: Sendable {
    /// The data file the model was fitted to.
    public let source: String
    /// The options the model was fitted with.
    public let options: CoxOptions
    /// The model's terms (covariates, then factors) and their design columns.
    public let terms: [CoxTerm]
    /// One name per design column, as in R's `names(coef(fit))` (`factor=level` for factor columns).
    public let columnNames: [String]
    /// Coefficients, variance, log-likelihoods and iteration history of the fit.
    public let estimate: CoxEstimate
    /// Rows that entered the fit (R's `fit$n`).
    public let rowsUsed: Int
    /// Rows left out for missing values, by column (R's `na.action`).
    public let omissions: Omissions
    /// Number of rows left out for missing values.
    public var rowsOmitted: Int { omissions.rows }
    /// Number of events in the fit (R's `fit$nevent`).
    public var events: Int { estimate.eventCount }
    /// True when the robust variance is reported (asked for, a cluster column, or non-integer weights).
    public let robust: Bool
    /// One row per design column of `summary(coxph(...))$coefficients` and `$conf.int`.
    public let coefficients: [CoxCoefficient]
    /// The likelihood-ratio test 2(ℓ(β̂) − ℓ(0)) of `summary.coxph`.
    public let likelihoodRatioTest: CoxTest
    /// Wald test; with the robust variance when used (R's `fit$wald.test`).
    public let waldTest: CoxTest
    /// Score (log-rank) test at β = 0.
    public let scoreTest: CoxTest
    /// Robust score test (R's `fit$rscore`) when the robust variance is used.
    public let robustScoreTest: CoxTest?
    /// Harrell's concordance of the linear predictor with the outcome (R's `fit$concordance`).
    public let concordance: Concordance
    /// Things the reader must know: aliased terms, possibly infinite coefficients,
    /// non-convergence, choices made for them.
    public let warnings: [CoxWarning]
    /// Labels of the strata (`inst=1`, …) and the columns that define them.
    public let strataLevels: [String]
    /// The strata columns (R's `strata()` terms); empty for an unstratified model.
    public let strataColumns: [String]

    /// The ridge fit's own numbers (R's `se2`, effective df, penalty), when fitted with a ridge
    /// penalty. Then ``CoxEstimate/variance`` is the penalised (I + K)⁻¹, the score test is
    /// not defined (NaN, as R reports none), and ``likelihoodRatioTest`` carries the nominal
    /// df; ``CoxRidgeSummary/likelihoodRatioChisq`` and ``CoxRidgeSummary/likelihoodRatioPValue``
    /// use R's effective df.
    public let ridge: CoxRidgeSummary?
    /// Firth's penalised fit's own numbers, when fitted with ``CoxOptions/firth``. Then the
    /// coefficients' p-values and limits are coxphf's penalised-likelihood ones, the
    /// likelihood-ratio test is 2[ℓ*(β̂) − ℓ*(0)], and the score test is not defined (NaN).
    public let firth: CoxFirthSummary?
    /// True when the linear predictor carries an offset.
    public let hasOffset: Bool

    let riskSets: CoxRiskSets
    /// Robust variance on the scaled axis, when used.
    let robustScaledVariance: [Double]?

    /// Fits the model the data's columns describe.
    /// - Throws: ``InputError`` (file, line, column) for no events, a weight ≤ 0, a factor with
    ///   one level, or invalid settings.
    /// - Complexity: O(n log n) once, O(n·p²) per iteration, O(n log n) for the concordance.
    public static func fit(_ data: SurvivalData, options: CoxOptions = CoxOptions()) throws(InputError) -> CoxModel {
        try CoxModel(data, options: options, offset: nil)
    }

    /// Fits the model with a fixed `offset` added to every linear predictor (R's `+ offset(o)`),
    /// one finite value per row of `data` (the CLI's `--offset` column supplies it from a loaded data set).
    /// - Throws: ``InputError`` as ``fit(_:options:)``, and for an offset of the wrong length.
    public static func fit(_ data: SurvivalData, options: CoxOptions = CoxOptions(),
                           offset: [Double]) throws(InputError) -> CoxModel {
        guard offset.count == data.count else {
            throw InputError(file: data.source, message: "the offset has \(offset.count) values for \(data.count) rows")
        }
        if let bad = offset.firstIndex(where: { !$0.isFinite }) {
            var e = InputError(file: data.source, line: bad < data.lines.count ? Int(data.lines[bad]) : nil,
                               message: "offset value \(offset[bad]) is not a finite number")
            e.lineIsObservation = data.linesAreObservations
            throw e
        }
        return try CoxModel(data, options: options, offset: offset)
    }

    private init(_ data: SurvivalData, options: CoxOptions, offset: [Double]?) throws(InputError) {
        do { try options.settings.validate() } catch { throw InputError(file: data.source, message: error.description) }
        guard options.confidenceLevel > 0, options.confidenceLevel < 1 else {
            throw InputError(file: data.source, message: "the confidence level must lie in (0, 1), got \(options.confidenceLevel)")
        }
        let design = try CoxDesign(data)
        guard data.eventCount > 0 else {
            throw InputError(file: data.source, columnName: data.spec.event,
                             message: "no events among \(data.count) rows: the Cox model needs at least one event")
        }
        var riskSets: CoxRiskSets
        do {
            riskSets = try CoxRiskSets(time: data.time, event: data.event, sources: design.sources,
                                       strata: data.strata?.codes, weights: data.weights, start: data.start)
        } catch {
            throw CoxModel.inputError(error, data: data)
        }
        if let offset { riskSets = riskSets.withOffset(offset) }
        let estimate: CoxEstimate
        var ridgeSummary: CoxRidgeSummary?
        var firthSummary: CoxFirthSummary?
        if options.firth { try CoxModel.checkFirth(data, options: options, offset: offset, columns: design.columns) }
        do {
            if options.firth {
                (estimate, firthSummary) = try CoxFirthSummary.fit(riskSets, settings: options.settings,
                                                                   confidenceLevel: options.confidenceLevel)
            } else if let ridge = options.ridge {
                (estimate, ridgeSummary) = try CoxRidgeSummary.fit(riskSets, ridge: ridge, ties: options.ties,
                                                                   settings: options.settings)
            } else {
                estimate = try CoxRegression.fit(riskSets, ties: options.ties, settings: options.settings)
            }
        } catch {
            throw CoxModel.inputError(error, data: data)
        }

        var warnings: [CoxWarning] = []
        let nonIntegerWeights = data.weights?.contains { $0 != $0.rounded() } ?? false
        let robust = options.robust || data.cluster != nil || nonIntegerWeights
        if nonIntegerWeights && !options.robust && data.cluster == nil {
            warnings.append(.fractionalWeights)
        }
        var robustVariance: [Double]?
        var robustScore: CoxTest?
        if robust && estimate.degreesOfFreedom > 0 {
            let r = CoxRobustVariance(data: riskSets, estimate: estimate, ties: options.ties,
                                      cluster: data.cluster?.codes, clusterCount: data.cluster?.levels.count ?? 0,
                                      tolerance: options.settings.cholTolerance)
            robustVariance = r.variance
            robustScore = CoxTest(r.scoreTest, df: estimate.degreesOfFreedom)
        }

        let p = design.columns
        let z = Normal.quantile((1 + options.confidenceLevel) / 2)
        var coefficients: [CoxCoefficient] = []
        for j in 0..<p {
            let beta = estimate.coefficients[j]
            let se = estimate.standardErrors[j]
            let robustSE = robustVariance.map { v in
                estimate.aliased[j] ? Double.nan : estimate.scales[j] * v[j * p + j].squareRoot()
            }
            let used = robustSE ?? se
            let zValue = beta / used
            coefficients.append(CoxCoefficient(
                term: design.columnNames[j], coef: beta, expCoef: exp(beta), se: se, robustSE: robustSE,
                z: zValue, pValue: zValue.isNaN ? .nan : Normal.twoSidedP(zValue),
                lower: exp(beta - z * used), upper: exp(beta + z * used)))
        }

        if let firth = firthSummary {
            // coxphf's inference: penalised-likelihood-ratio p-values and profile limits.
            coefficients = coefficients.enumerated().map { j, c in
                CoxCoefficient(term: c.term, coef: c.coef, expCoef: c.expCoef, se: c.se, robustSE: nil, z: c.z,
                               pValue: firth.termPValues[j], lower: firth.lower[j], upper: firth.upper[j])
            }
        }

        let df = estimate.degreesOfFreedom
        let wald = robustVariance.map {
            CoxEstimate.waldStatistic(beta: estimate.scaledBeta, variance: $0, aliased: estimate.aliased,
                                      tolerance: options.settings.cholTolerance)
        } ?? estimate.waldTest

        let eta = riskSets.linearPredictor(scaledBeta: estimate.scaledBeta)
        let cluster = data.cluster.map { c in riskSets.order.map { c.codes[$0] } }
        let concordance = Concordance.harrell(time: riskSets.time, event: riskSets.event, weight: riskSets.weight,
                                              stratum: riskSets.stratum, score: eta, cluster: cluster,
                                              clusterCount: data.cluster?.levels.count ?? 0,
                                              entry: riskSets.entry, byStart: riskSets.byStart)

        warnings += CoxModel.fitWarnings(estimate, names: design.columnNames, riskSets: riskSets,
                                         settings: options.settings)

        self.source = data.source
        self.options = options
        self.terms = design.terms
        self.columnNames = design.columnNames
        self.estimate = estimate
        self.rowsUsed = data.count
        self.omissions = data.omissions
        self.robust = robust
        self.coefficients = coefficients
        self.likelihoodRatioTest = firthSummary.map { CoxTest(2 * ($0.penalisedLoglik - $0.penalisedLoglikNull), df: df) }
            ?? CoxTest(2 * (estimate.loglik - estimate.loglikNull), df: df)
        self.waldTest = CoxTest(wald, df: df)
        self.scoreTest = CoxTest(estimate.scoreTest, df: df)
        self.robustScoreTest = robustScore
        self.concordance = concordance
        self.warnings = warnings
        self.strataLevels = data.strata?.levels ?? []
        self.strataColumns = data.spec.strata
        self.riskSets = riskSets
        self.robustScaledVariance = robustVariance
        self.ridge = ridgeSummary
        self.firth = firthSummary
        self.hasOffset = offset != nil
    }

    /// The restrictions of the Firth fit, as errors naming what to change.
    static func checkFirth(_ data: SurvivalData, options: CoxOptions, offset: [Double]?, columns: Int) throws(InputError) {
        func refuse(_ message: String) -> InputError { InputError(file: data.source, message: message) }
        guard options.ties == .breslow else { throw refuse("Firth's penalised likelihood is implemented for Breslow ties (as coxphf): use Breslow ties") }
        guard data.weights == nil else { throw refuse("Firth's penalised likelihood does not take case weights: drop the weights") }
        guard !options.robust, data.cluster == nil else { throw refuse("Firth's penalised likelihood has no robust variance: drop the robust variance or cluster") }
        guard offset == nil, options.ridge == nil else { throw refuse("Firth's penalised likelihood cannot be combined with an offset or a ridge penalty: drop one") }
        guard columns <= CoxFirthLikelihood.maximumColumns else {
            throw refuse("Firth's penalised likelihood takes at most \(CoxFirthLikelihood.maximumColumns) design columns, the model has \(columns)")
        }
    }

    /// The warnings R's `coxph.fit` gives (and the NA it prints for aliased terms).
    static func fitWarnings(_ e: CoxEstimate, names: [String], riskSets: CoxRiskSets,
                            settings: CoxSettings) -> [CoxWarning] {
        var warnings: [CoxWarning] = []
        let p = e.columns
        for j in 0..<p where e.aliased[j] {
            // A mean or a spread that overflowed (values near ±1.8e308) left the scaled column
            // zero or NaN: say so rather than call it constant or collinear.
            let scale = riskSets.scales[j]
            guard riskSets.means[j].isFinite, scale > 0, scale.isFinite else {
                warnings.append(.overflow(term: names[j]))
                continue
            }
            var constant = true
            let first = riskSets.x[j]
            for i in 0..<riskSets.count where riskSets.x[i * p + j] != first { constant = false; break }
            warnings.append(constant ? .zeroVariance(term: names[j]) : .collinear(term: names[j]))
        }
        if e.iterations == 0 && settings.maxIterations == 0 {
            warnings.append(.noIterations)
        } else if !e.converged {
            warnings.append(.notConverged(iterationLimit: settings.maxIterations))
            if e.divergent { warnings.append(.divergent) }
        }
        for j in 0..<p where e.possiblyInfinite[j] {
            warnings.append(.possiblyInfinite(variable: j + 1, term: names[j]))
        }
        return warnings
    }

    static func inputError(_ error: CoxError, data: SurvivalData) -> InputError {
        switch error {
        case let .invalidValue(row, what):
            let column: String? = what.hasPrefix("weight") ? data.spec.weights : nil
            var e = InputError(file: data.source, line: row < data.lines.count ? Int(data.lines[row]) : nil,
                               columnName: column, message: what)
            e.lineIsObservation = data.linesAreObservations
            return e
        case .noEvents:
            return InputError(file: data.source, columnName: data.spec.event, message: error.description)
        default:
            return InputError(file: data.source, message: error.description)
        }
    }
}
