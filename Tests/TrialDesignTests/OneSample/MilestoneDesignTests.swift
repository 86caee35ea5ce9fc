import Foundation
import Testing
import TestSupport
import SurvivalAnalysis
@testable import TrialDesign

/// `design --one-sample --milestone` (MilestoneDesign, A'Hern 2001) against the same search
/// written in R with pbinom/qbinom (Tests/Fixtures/onesampledesign/milestone.csv,
/// scripts/fixtures/onesampledesign.R, which first reproduces A'Hern's n = 37, r = 24).
@Suite struct MilestoneDesignTests {
    /// Exact binomial sums (lgamma terms) against R's pbinom.
    static let probability = Tolerance(relative: 1e-12)
    static let rows = (try? Fixture("onesampledesign/milestone.csv").rows) ?? []

    @Test(arguments: rows.map { $0.string("case") })
    func agreesWithTheExactSearchInR(caseName: String) throws {
        let r = try #require(Self.rows.first { $0.string("case") == caseName })
        let design = MilestoneDesign(milestone: 12, rateHistorical: r.double("rate_historical")!,
                                     rateTreatment: r.double("rate_treatment")!, dropout: r.double("dropout")!)
        let level = r.double("alpha")! / Double(r.int("sides")!)
        let s: MilestoneDesign.Solution
        if let given = r.int("patients_given") {
            s = design.power(enrolled: given, level: level)
        } else {
            s = try #require(design.smallest(power: r.double("power_target")!, level: level))
        }
        #expect(s.patients == r.int("patients"), "\(caseName) n \(s.patients)")
        #expect(s.patientsTotal == r.int("patients_total"), "\(caseName) total \(s.patientsTotal)")
        #expect(s.criticalCount == r.int("critical_count"), "\(caseName) r \(s.criticalCount)")
        #expect(Self.probability.accepts(s.alphaAttained, r.double("alpha_attained")), "\(caseName) alpha \(s.alphaAttained)")
        #expect(Self.probability.accepts(s.power, r.double("power")), "\(caseName) power \(s.power)")
    }

    /// A'Hern's table: p0 0.5, p1 0.7, alpha 0.05, power 0.8 → n 37, r 24; one patient fewer fails.
    @Test func reproducesAHernsTable() throws {
        let d = MilestoneDesign(milestone: 12, rateHistorical: 0.5, rateTreatment: 0.7)
        let s = try #require(d.smallest(power: 0.8, level: 0.05))
        #expect(s.patients == 37 && s.criticalCount == 24)
        #expect(s.alphaAttained <= 0.05 && s.power >= 0.8)
        for n in 1..<37 { #expect(d.power(enrolled: n, level: 0.05).power < 0.8) }
    }

    @Test func settingsDeriveTheRatesFromMediansAndHazardRatio() throws {
        var s = DesignSettings()
        s.hazardRatio = 0.5
        let h = try HistoricalHazard(median: 11)
        let q = try s.milestoneRequest(milestone: 12, rateHistorical: nil, historical: h, rateTreatment: nil)
        #expect(Self.probability.accepts(q.design.rateHistorical, exp(-log(2) / 11 * 12)))
        #expect(Self.probability.accepts(q.design.rateTreatment, exp(-0.5 * log(2) / 11 * 12)))
        #expect(q.sides == 1 && q.alpha == 0.05)
        s.followUp = 12
        #expect(throws: DesignError.self) { try s.milestoneRequest(milestone: 12, rateHistorical: 0.5, historical: nil, rateTreatment: nil) }
        s.followUp = nil
        s.hazardRatio = nil
        #expect(throws: DesignError.self) { try s.milestoneRequest(milestone: 12, rateHistorical: 0.5, historical: nil, rateTreatment: 0.5) }
    }

    /// The exponential dropout's loss before T is 1 − exp(−ηT): with 10% by 12 and T = 12, 10%.
    @Test func exponentialDropoutIsTheLossBeforeTheMilestone() throws {
        var s = DesignSettings()
        s.dropoutProbability = 0.1
        s.dropoutTime = 12
        let q = try s.milestoneRequest(milestone: 12, rateHistorical: 0.5, historical: nil, rateTreatment: 0.7)
        #expect(abs(q.design.dropout - 0.1) < 1e-15)
        #expect(try q.solve().solution.patientsTotal == 42)   // ceil(37 / 0.9)
    }
}
