import Foundation
import Testing
import TestSupport
import SurvivalAnalysis
@testable import TrialDesign

/// `design --one-sample` (OneSampleDesign) against Wu (2015)'s published formulas evaluated with
/// R's integrate() (Tests/Fixtures/onesampledesign/wu.csv, scripts/fixtures/onesampledesign.R,
/// whose code reproduces Wu's worked example n = 88).
@Suite struct OneSampleDesignTests {
    /// Gauss–Legendre on smooth pieces against QUADPACK at rel.tol 1e-12.
    static let integration = Tolerance(relative: 1e-9)
    static let rows = (try? Fixture("onesampledesign/wu.csv").rows) ?? []

    static func numbers(_ text: String) -> [Double] { text.split(separator: ";").map { Double(String($0))! } }

    @Test(arguments: rows.map { $0.string("case") })
    func agreesWithWusFormulas(caseName: String) throws {
        let r = try #require(Self.rows.first { $0.string("case") == caseName })
        let historical = try HistoricalHazard(times: Self.numbers(r.string("historical_hazard_times")),
                                              hazards: Self.numbers(r.string("historical_hazards")))
        let d = OneSampleDesign(historical: historical, hazardRatio: r.double("hazard_ratio")!,
                                accrualTime: r.double("accrual_time")!, followUp: r.double("follow_up")!,
                                dropoutHazard: r.double("dropout_hazard")!)
        let m = d.moments
        #expect(Self.integration.accepts(m.p0, r.double("p0")), "\(caseName) p0 \(m.p0)")
        #expect(Self.integration.accepts(m.p00, r.double("p00")), "\(caseName) p00 \(m.p00)")
        #expect(Self.integration.accepts(m.sigma, r.double("sigma")))
        let alpha = r.double("alpha")!, sides = r.int("sides")!, power = r.double("power")!, n = r.double("patients")!
        #expect(Self.integration.accepts(d.patients(power: power, alpha: alpha, sides: sides, wuVariance: false),
                                         r.double("n_finkelstein")))
        #expect(Self.integration.accepts(d.patients(power: power, alpha: alpha, sides: sides, wuVariance: true), r.double("n_wu")))
        #expect(Self.integration.accepts(d.power(patients: n, alpha: alpha, sides: sides, wuVariance: false),
                                         r.double("power_finkelstein")))
        #expect(Self.integration.accepts(d.power(patients: n, alpha: alpha, sides: sides, wuVariance: true), r.double("power_wu")))
    }

    @Test func settingsSolvePatientsRoundedUp() throws {
        var s = DesignSettings()
        s.hazardRatio = 1.0 / 3
        s.accrualTime = 18
        s.followUp = 12
        let result = try s.oneSampleRequest(historical: try HistoricalHazard(median: 11), wuVariance: false).solve()
        let exact = try #require(result.patientsExact)
        #expect(result.patients == Int(exact.rounded(.up)))
        #expect(result.power >= 0.8)
        s.medianControl = 11
        #expect(throws: DesignError.self) { try s.oneSampleRequest(historical: try HistoricalHazard(median: 11), wuVariance: false) }
    }

    /// A hazard ratio or follow-up of 1e308 made Wu's n infinite and the rounding to patients trapped
    /// (SIGILL); a dropout of 0.9999999999999999 multiplied n past Int. Each is now unsolvable.
    @Test(arguments: [(1e308, 12.0, nil), (9.2e18, 12.0, nil), (0.5, 1e308, nil), (0.5, 9.2e18, nil),
                      (0.5, 12.0, 0.9999999999999999), (0.999999999, 12.0, nil)] as [(Double, Double, Double?)])
    func extremeAssumptionsAreUnsolvableNotATrap(ratio: Double, followUp: Double, dropout: Double?) throws {
        var s = DesignSettings()
        s.hazardRatio = ratio
        s.accrualTime = 18
        s.followUp = followUp
        s.dropoutInflation = dropout
        let request = try s.oneSampleRequest(historical: try HistoricalHazard(median: 11), wuVariance: false)
        #expect(throws: DesignError.self) { try request.solve() }
    }

    @Test(arguments: [1e308, 9.2e18])
    func powerOfExtremeAssumptionsIsUnsolvableNotNaN(followUp: Double) throws {
        var s = DesignSettings()
        s.hazardRatio = 0.5
        s.accrualTime = 18
        s.followUp = followUp
        s.patients = 50
        s.solve = .power
        let request = try s.oneSampleRequest(historical: try HistoricalHazard(median: 11), wuVariance: false)
        #expect(throws: DesignError.self) { try request.solve() }
    }
}
