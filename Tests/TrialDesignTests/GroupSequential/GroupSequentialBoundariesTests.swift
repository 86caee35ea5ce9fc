import Testing
import TestSupport
@testable import TrialDesign

/// Boundaries and characteristics against rpact 3.3.4 (scripts/fixtures/groupseq.R):
/// getDesignGroupSequential(kMax, alpha, beta, sided, typeOfDesign, gammaA, informationRates,
/// typeBetaSpending, gammaB, bindingFutility = FALSE), getDesignCharacteristics(design),
/// getPowerAndAverageSampleNumber(design, theta = 0, nMax = 1).
@Suite struct GroupSequentialBoundariesTests {
    /// The issue's tolerance: absolute 1e-6 in z, stage levels and alpha.
    static let boundary = Tolerance(relative: 0, absolute: 1e-6)
    /// Inflation factor and other characteristics: relative 1e-6.
    static let characteristic = Tolerance(relative: 1e-6, absolute: 1e-9)

    let fixture: Fixture
    init() throws { fixture = try Fixture("groupseq/boundaries.csv") }

    @Test func criticalValuesStageLevelsAndAlphaMatchRpact() throws {
        var worst = 0.0
        for rows in GroupSequentialFixtures.cases(fixture) {
            let result = try GroupSequentialFixtures.design(rows[0]).boundaries()
            #expect(result.looks.count == rows.count)
            for (look, row) in zip(result.looks, rows) {
                let id = "case \(row.string("case")) look \(look.look)"
                for (mine, theirs) in [(look.criticalValue, row.double("critical_value")!),
                                       (look.stageLevel, row.double("stage_level")!),
                                       (look.cumulativeAlphaSpent, row.double("alpha_spent")!)] {
                    worst = max(worst, abs(mine - theirs))
                    #expect(Self.boundary.accepts(mine, theirs), "\(id): \(mine) vs rpact \(theirs)")
                }
                #expect(Self.boundary.accepts(look.futilityBound, row.double("futility_bound")), "\(id) futility")
            }
        }
        print("boundaries: largest absolute difference from rpact \(worst)")
    }

    @Test func characteristicsMatchRpact() throws {
        var worstInflation = 0.0, worstProbability = 0.0
        for rows in GroupSequentialFixtures.cases(fixture) {
            let result = try GroupSequentialFixtures.design(rows[0]).boundaries()
            let c = result.characteristics
            let id = "case \(rows[0].string("case"))"
            let inflation = rows[0].double("inflation_factor")!
            worstInflation = max(worstInflation, relativeDifference(c.inflationFactor, inflation))
            #expect(Self.characteristic.accepts(c.inflationFactor, inflation), "\(id) inflation")
            #expect(Self.characteristic.accepts(c.shift, rows[0].double("shift")!), "\(id) shift")
            #expect(Self.characteristic.accepts(c.averageSampleNumberAlternative, rows[0].double("asn_h1")!), "\(id) ASN1")
            #expect(Self.characteristic.accepts(c.averageSampleNumberMidpoint, rows[0].double("asn_h01")!), "\(id) ASN01")
            #expect(Self.characteristic.accepts(c.averageSampleNumberNull, rows[0].double("asn_h0")!), "\(id) ASN0")
            #expect(Self.boundary.accepts(c.null.expectedInformationRate, rows[0].double("expected_information_h0")!), "\(id) E0[t]")
            let twoSided = result.design.sides == 2
            for (k, row) in rows.enumerated() {
                let pairs: [(Double?, Double?, String)] = [
                    (c.alternative.upperRejection[k], row.double("rejection_probability_h1"), "reject H1"),
                    (k + 1 < rows.count ? c.alternative.futility[k] : nil,
                     row.double("futility_probability_h1"), "futility H1"),
                    (c.null.rejection[k], row.double("rejection_probability_h0"), "reject H0"),
                    // rpact leaves futility under H0 NA for two-sided designs.
                    (k + 1 < rows.count && twoSided == false ? c.null.futility[k] : nil,
                     row.double("futility_probability_h0"), "futility H0"),
                    (k + 1 < rows.count ? c.null.stopping[k] : nil, row.double("early_stop_h0"), "stop H0"),
                ]
                for (mine, theirs, what) in pairs {
                    if let mine, let theirs { worstProbability = max(worstProbability, abs(mine - theirs)) }
                    #expect(Self.boundary.accepts(mine, theirs), "\(id) look \(k + 1) \(what): \(String(describing: mine)) vs \(String(describing: theirs))")
                }
            }
        }
        print("characteristics: largest relative inflation difference \(worstInflation), largest probability difference \(worstProbability)")
    }
}
