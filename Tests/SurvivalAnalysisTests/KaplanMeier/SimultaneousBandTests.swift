import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Hall–Wellner bands against scripts/fixtures/kmbands.R, which computes the Brownian-bridge
/// probability by nested adaptive quadrature (R's integrate + uniroot) rather than Swift's closed
/// form in z and Gauss–Legendre in y.
@Suite struct SimultaneousBandTests {
    /// The issue asks for 1e-6 on critical values and limits; R's integrate runs at rel.tol 1e-10.
    static let critical = Tolerance(relative: 1e-6)

    @Test func criticalValuesMatchR() throws {
        let rows = try Fixture("kmbands/critical.csv").rows
        #expect(rows.count == 8)
        for r in rows {
            let c = BrownianBridgeSupremum.criticalValue(level: r.double("level")!, from: r.double("aL")!, to: r.double("aU")!)
            expectClose(c, r.double("c"), Self.critical, "aL \(r.string("aL")) aU \(r.string("aU")) level \(r.string("level"))")
        }
    }

    @Test func kolmogorovSeriesWhenTheRangeIsTheWholeBridge() {
        // a = 0, b = 1: P = 1 + 2 Σ (−1)ᵏ e^{−2k²c²}, the Kolmogorov distribution (no R needed).
        for c in [0.6, 1.0, 1.358, 2.0] {
            var series = 1.0
            for k in 1...50 { series += 2 * (k % 2 == 0 ? 1 : -1) * exp(-2 * Double(k * k) * c * c) }
            expectClose(BrownianBridgeSupremum.probability(c: c, from: 0, to: 1), series, Tolerance(relative: 1e-12), "c \(c)")
        }
    }

    @Test(arguments: SimultaneousBandTransform.allCases)
    func bandsOnLungMatchR(_ transform: SimultaneousBandTransform) throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "sex"))
        let name = transform == .linear ? "linear" : transform.rawValue
        let fixture = try Fixture("kmbands/\(name).csv")
        var compared = 0
        for curve in KaplanMeier.curves(data) {
            let band = try SimultaneousBand(curve, transform: transform, level: 0.95)
            let rows = fixture.rows(where: "group", is: curve.label ?? "")
            try #require(rows.count == band.rows.count)
            expectClose(band.bridgeRange.low, rows[0].double("aL"), Tolerance(relative: 1e-12), "aL")
            expectClose(band.bridgeRange.high, rows[0].double("aU"), Tolerance(relative: 1e-12), "aU")
            expectClose(band.critical, rows[0].double("c"), Self.critical, "c")
            for (k, r) in rows.enumerated() {
                #expect(curve.time[band.rows[k]] == r.double("time"))
                expectClose(band.lower[k], r.double("lower"), Self.critical, "\(name) lower at \(r.string("time"))")
                expectClose(band.upper[k], r.double("upper"), Self.critical, "\(name) upper at \(r.string("time"))")
                compared += 1
            }
        }
        #expect(compared == fixture.rows.count)
    }

    @Test func rangeOutsideTheDataIsAnError() throws {
        let curve = try KaplanMeier.curves(SurvivalData(time: [1, 2, 3, 4], event: [true, true, false, true]))[0]
        #expect(throws: SimultaneousBandError.self) {
            try SimultaneousBand(curve, transform: .linear, level: 0.95, low: 0.5, high: 4)
        }
        #expect(throws: SimultaneousBandError.self) {
            try SimultaneousBand(curve, transform: .linear, level: 0.95, low: 1, high: 9)
        }
    }
}
