internal import Foundation
import PlatformSupport
import SurvivalAnalysis

private typealias K = DesignSettings.Key

/// A single-arm milestone design question: the ``MilestoneDesign``, the unknown (patients or
/// power) and the error rates.
public struct MilestoneRequest: Sendable, Equatable {
    /// The rates, milestone and dropout.
    public let design: MilestoneDesign
    /// Patients or power.
    public let unknown: DesignUnknown
    /// Patients enrolled when power is solved for.
    public let patients: Int?
    /// Type I error over `sides` tails.
    public let alpha: Double
    /// 1 or 2 (two-sided: α/2 in the direction of the alternative).
    public let sides: Int
    /// Target power (when patients are solved for).
    public let power: Double

    /// The one-sided level of the exact test.
    public var level: Double { alpha / Double(sides) }
}

/// A solved milestone design.
public struct MilestoneResult: Sendable, Equatable {
    /// The question answered.
    public let request: MilestoneRequest
    /// The sample, critical count and exact error rates.
    public let solution: MilestoneDesign.Solution
}

extension MilestoneRequest {
    /// Solves for the smallest evaluable n (A'Hern) or the power of the patients given.
    public func solve() throws(DesignError) -> MilestoneResult {
        if unknown == .power {
            return MilestoneResult(request: self, solution: design.power(enrolled: patients!, level: level))
        }
        guard let n = design.smallestEvaluable(power: power, level: level) else {
            throw .unsolvable("no exact design reaches the power with up to \(MilestoneDesign.patientLimit) evaluable patients")
        }
        // A dropout of 0.9999999999999999 multiplies n by 9e15: checked before it becomes an Int.
        guard Double(n) / (1 - design.dropout) < DesignSolver.patientLimit else {
            throw .unsolvable("with dropout \(design.dropout.roundTripText) the design needs more than 10^12 patients to enrol")
        }
        return MilestoneResult(request: self, solution: design.solution(evaluable: n, enrolled: PatientRounding.inflated(n, dropout: design.dropout),
                                                                        level: level))
    }
}

extension DesignSettings {
    /// The milestone question these settings ask: the rate p₀ of being event-free at `milestone`
    /// is `rateHistorical`, or exp(−Λ₀(T)) from `historical`; p₁ is `rateTreatment`, or p₀^HR
    /// (`hazard-ratio`: proportional hazards, whatever the historical law), or exp(−T ln 2 / M)
    /// (`median-treatment`, exponential). Dropout before T: `dropout-inflation` is the fraction
    /// lost before T, or `dropout-rate`/`dropout-time` (exponential) give 1 − exp(−ηT). Alpha
    /// defaults to 0.05 one-sided, as A'Hern's tables.
    /// - Parameters:
    ///   - milestone: the milestone time T.
    ///   - rateHistorical: p₀, or nil to derive it from `historical`.
    ///   - historical: the historical survival law, or nil when `rateHistorical` is given.
    ///   - rateTreatment: p₁, or nil to derive it from the hazard ratio or treatment median.
    public func milestoneRequest(milestone: Double, rateHistorical: Double?, historical: HistoricalHazard?,
                                 rateTreatment: Double?) throws(DesignError) -> MilestoneRequest {
        guard milestone.isFinite, milestone > 0 else {
            throw .invalid("\(SettingName.milestone) must be a positive time (got \(milestone.roundTripText))")
        }
        guard medianControl == nil else {
            throw .invalid("a single-arm design compares with the historical control: drop \(K.medianControl)")
        }
        guard accrualTime == nil, accrualTimes == nil, accrualRates == nil, followUp == nil else {
            throw .invalid("the milestone design counts patients event-free at \(SettingName.milestone): drop \(K.accrualTime), \(K.accrualTimes) and \(K.followUp)")
        }
        guard allocation == nil, grid == nil, method == nil, events == nil else {
            throw .invalid("a single-arm design takes no \(K.allocation), \(K.grid), \(K.method) or \(K.events)")
        }
        let p0: Double
        switch (rateHistorical, historical) {
        case (let p?, nil): p0 = p
        case (nil, let h?): p0 = exp(-h.cumulativeHazard(milestone))
        default: throw .invalid("give the historical rate at the milestone (\(SettingName.rateHistorical)) or the historical survival law, not both or neither")
        }
        guard p0 > 0, p0 < 1 else { throw .invalid("the historical milestone rate must lie in (0, 1) (got \(p0.roundTripText))") }
        let p1: Double
        switch (rateTreatment, hazardRatio, medianTreatment) {
        case (let p?, nil, nil): p1 = p
        case (nil, let r?, nil):
            guard r.isFinite, r > 0 else { throw .invalid("the hazard ratio must be positive (got \(r.roundTripText))") }
            p1 = pow(p0, r)
        case (nil, nil, let m?):
            guard m.isFinite, m > 0 else { throw .invalid("median treatment must be a positive time (got \(m.roundTripText))") }
            p1 = exp(-log(2) / m * milestone)
        case (nil, nil, nil):
            throw .invalid("the effect is missing: give \(SettingName.rateTreatment), \(K.hazardRatio) or \(K.medianTreatment)")
        default: throw .invalid("give one of \(SettingName.rateTreatment), \(K.hazardRatio) and \(K.medianTreatment)")
        }
        guard p1 > 0, p1 < 1, p1 != p0 else {
            throw .invalid("the treatment's milestone rate must lie in (0, 1) and differ from the historical one (got \(p1.roundTripText))")
        }
        let lost: Double
        let dropout = try exponentialDropout()
        guard dropout.hazard(.treatment) == dropout.hazard(.control) else {
            throw .invalid("a single arm has one dropout rate: give \(K.dropoutProbability)")
        }
        if let inflation = dropoutInflation {
            guard inflation >= 0, inflation < 1 else { throw .invalid("dropout must lie in [0, 1) (got \(inflation.roundTripText))") }
            lost = inflation
        } else {
            lost = -expm1(-dropout.hazard(.control) * milestone)
        }
        let unknown = self.unknown
        guard unknown == .patients || unknown == .power else {
            throw .invalid("a single-arm design solves for patients or power (got \(unknown.rawValue))")
        }
        let a = alpha ?? 0.05, s = sides ?? 1, p = power ?? 0.8
        guard a > 0, a < 1 else { throw .invalid("alpha must lie in (0, 1) (got \(a.roundTripText))") }
        guard s == 1 || s == 2 else { throw .invalid("sides must be 1 or 2 (got \(s))") }
        guard p > a / Double(s), p < 1 else { throw .invalid("power must lie between alpha and 1 (got \(p.roundTripText))") }
        var enrolled: Int?
        if unknown == .power {
            guard let n = patients, n.isFinite, n >= 1, n <= Double(MilestoneDesign.patientLimit), n == n.rounded() else {
                throw .invalid("power needs \(K.patients), a whole number from 1 to \(MilestoneDesign.patientLimit)")
            }
            guard PatientRounding.floor(n * (1 - lost)) >= 1 else {
                throw .invalid("no patient of \(K.patients) is evaluable at \(SettingName.milestone) after dropout")
            }
            enrolled = Int(n)
        }
        let design = MilestoneDesign(milestone: milestone, rateHistorical: p0, rateTreatment: p1, dropout: lost)
        return MilestoneRequest(design: design, unknown: unknown, patients: enrolled, alpha: a, sides: s, power: p)
    }
}
