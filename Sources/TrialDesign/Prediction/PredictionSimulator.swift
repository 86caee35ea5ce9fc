internal import Foundation
import GSLSupport

/// One simulated continuation of the trial after the cut: the calendar times of the events to
/// come, sorted.
///
/// Replicate r draws from ``RandomStream`` stream (seed, r) in a fixed order — per arm the
/// parameters (exponential: log λ normal; Weibull: log k normal, then log λ normal around the
/// profile ridge given k; then log μ), then per
/// patient still at risk (in row order) the residual event time E ~ Exp(1) mapped through the
/// cumulative hazard conditional on survival to the follow-up y, t = (H(y) + E)^{1/k} / λ, and
/// a dropout time Exp(μ) after the cut; then per new patient the gap to its entry Exp(R) (none with even accrual: the
/// j-th enters at cut + j/R), its
/// arm, its event and dropout times — so its result does not depend on threads or shards.
/// Normal variates are by inversion of a uniform.
struct PredictionSimulator {
    let cohort: PredictionCohort
    let fits: [EventModelFit]
    let dropouts: [DropoutFit?]
    let settings: PredictionSettings
    /// Cumulative allocation probabilities of the arms.
    let allocation: [Double]
    private let stream: RandomStream
    private let atRiskRows: [Int]
    /// Per arm, log of the positive follow-up times (the Weibull ridge needs Σ t^k).
    private let logTimes: [[Double]]

    init(cohort: PredictionCohort, fits: [EventModelFit], dropouts: [DropoutFit?], allocation: [Double], settings: PredictionSettings) {
        self.cohort = cohort
        self.fits = fits
        self.dropouts = dropouts
        self.settings = settings
        var cumulative: [Double] = []
        var total = 0.0
        for p in allocation { total += p; cumulative.append(total) }
        self.allocation = cumulative.map { $0 / total }
        self.stream = RandomStream(seed: settings.seed)
        self.atRiskRows = (0..<cohort.count).filter { cohort.status[$0] == .atRisk }
        self.logTimes = cohort.armLabels.indices.map { g in
            cohort.rows(ofArm: g).map { cohort.followUp[$0] }.filter { $0 > 0 }.map { log($0) }
        }
    }

    private func normal() -> Double { Normal.quantile(stream.uniform()) }

    /// The future event times of replicate `r`, sorted.
    func simulate(replicate r: Int) -> [Double] {
        stream.reseed(seed: settings.seed, stream: UInt64(r))
        var rate = [Double](), shape = [Double](), dropoutRate = [Double]()
        for (g, (fit, dropout)) in zip(fits, dropouts).enumerated() {
            var a = fit.logRate, c = fit.logShape
            if settings.parameterUncertainty {
                if fit.model == .weibull {
                    // log k from its asymptotic normal marginal; log λ given k from the normal
                    // law of its conditional likelihood, centred on the ridge â(k) (the profile
                    // maximum) with variance 1/(k²d) — not the joint normal, whose straight
                    // ellipse leaves the curved Weibull ridge and overstates extreme hazards.
                    c += fit.covariance[2].squareRoot() * normal()
                    let k = exp(c)
                    a = EventModelFit.ridgeLogRate(logTimes: logTimes[g], events: fit.events, shape: k)
                        + normal() / (k * Double(fit.events).squareRoot())
                } else {
                    a += fit.covariance[0].squareRoot() * normal()
                }
            }
            rate.append(exp(a)); shape.append(exp(c))
            var mu = 0.0
            if let dropout, settings.dropoutModel, dropout.dropouts > 0 {
                mu = dropout.rate
                if settings.parameterUncertainty { mu *= exp(dropout.logRateStandardError! * normal()) }
            }
            dropoutRate.append(mu)
        }
        var times: [Double] = []
        times.reserveCapacity(atRiskRows.count + settings.patientsToEnrol)
        for i in atRiskRows {
            let g = cohort.arm[i], y = cohort.followUp[i]
            let e = -log(stream.uniform())
            let total = pow(pow(rate[g] * y, shape[g]) + e, 1 / shape[g]) / rate[g]
            let leave = dropoutRate[g] > 0 ? -log(stream.uniform()) / dropoutRate[g] : .infinity
            // Dropout is measured from the cut (memoryless), the event from entry.
            if cohort.entry[i] + total < cohort.cut + leave { times.append(cohort.entry[i] + total) }
        }
        var clock = cohort.cut
        for j in 0..<settings.patientsToEnrol {
            // Even accrual draws no gap, so its streams are the Poisson ones without the gaps.
            if settings.evenAccrual {
                clock = cohort.cut + Double(j + 1) / settings.accrualRate
            } else {
                clock += -log(stream.uniform()) / settings.accrualRate
            }
            var g = 0
            if allocation.count > 1 {
                let u = stream.uniform()
                while g < allocation.count - 1, u > allocation[g] { g += 1 }
            }
            let t = pow(-log(stream.uniform()), 1 / shape[g]) / rate[g]
            let leave = dropoutRate[g] > 0 ? -log(stream.uniform()) / dropoutRate[g] : .infinity
            if t < leave { times.append(clock + t) }
        }
        times.sort()
        return times
    }
}
