import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// Hall–Wellner and equal-precision bands against scripts/fixtures/kmbands.R. R reaches the
/// critical values by other routes than Swift: the Fourier-sine eigen-series of the killed heat
/// kernel (Swift: the image series) for Hall–Wellner, and Kummer-function eigenvalues of the killed
/// Ornstein–Uhlenbeck generator (Swift: a cosine Galerkin matrix) for equal precision.
@Suite struct SimultaneousBandTests {
    /// Critical values and band limits vs R: R's integrate runs at rel.tol 1e-12 and uniroot at
    /// 1e-13 (HW) / 1e-12 (EP), Swift bisects to 1e-12; 1e-8 leaves room for both.
    static let critical = Tolerance(relative: 1e-8)
    /// Klein & Moeschberger (2003) table C.3 prints 4 decimals (one cell is off by one unit).
    static let tableC3 = Tolerance(relative: 0, absolute: 1.01e-4)
    /// Table C.4 (equal precision) agrees with both routes only to about 0.01 (see docs/km.md).
    static let tableC4 = Tolerance(relative: 0, absolute: 1e-2)
    /// a_L, a_U are closed-form functions of survfit's std.err.
    static let bridgeRange = Tolerance(relative: 1e-12)

    @Test func criticalValuesMatchRAndTheTables() throws {
        let rows = try Fixture("kmbands/critical.csv").rows
        #expect(rows.count == 15)
        for r in rows {
            let level = r.double("level")!, a = r.double("aL")!, b = r.double("aU")!
            let hw = r.string("kind") == "hall-wellner"
            let c = hw ? BrownianBridgeSupremum.criticalValue(level: level, from: a, to: b)
                : EqualPrecisionSupremum.criticalValue(level: level, from: a, to: b)
            let what = "\(r.string("kind")) aL \(a) aU \(b) level \(level)"
            expectClose(c, r.double("c"), Self.critical, what)
            expectClose(c, r.double("table"), hw ? Self.tableC3 : Self.tableC4, "K&M table, " + what)
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

    @Test func equalPrecisionOverAVanishingRangeIsOneNormal() {
        // As a_U → a_L the sup is one standard normal |Z|: P → 2Φ(e) − 1 from below (no R needed).
        // At T ≈ 1e-9 the 80-term cosine basis, which vanishes at ±e where √φ does not, leaves
        // ≈ 6e-4 of the mass out; at the T of real ranges (T > 0.01) e^{−Tλ₈₀} < e^{−30} hides it
        // and the R comparison above is at 1e-8.
        let p = EqualPrecisionSupremum.probability(e: 1.96, from: 0.3, to: 0.3 * (1 + 1e-9))
        #expect(p <= 0.950004209703559)
        expectClose(p, 0.950004209703559, Tolerance(relative: 0, absolute: 1e-3), "2Φ(1.96) − 1")
    }

    @Test(arguments: SimultaneousBandKind.allCases, SimultaneousBandTransform.allCases)
    func bandsOnLungMatchR(_ kind: SimultaneousBandKind, _ transform: SimultaneousBandTransform) throws {
        let table = try CSVTable(path: Fixtures.data("lung.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "sex"))
        let name = "\(kind.rawValue)-\(transform.rawValue)"
        let fixture = try Fixture("kmbands/\(name).csv")
        var compared = 0
        for curve in KaplanMeier.curves(data) {
            let band = try SimultaneousBand(curve, kind: kind, transform: transform, level: 0.95)
            let rows = fixture.rows(where: "group", is: curve.label ?? "")
            try #require(rows.count == band.rows.count)
            expectClose(band.bridgeRange.low, rows[0].double("aL"), Self.bridgeRange, "aL")
            expectClose(band.bridgeRange.high, rows[0].double("aU"), Self.bridgeRange, "aU")
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
        let curve = try KaplanMeier.curves(SurvivalData(time: [1, 2, 3, 4, 5], event: [true, true, false, true, false]))[0]
        #expect(throws: SimultaneousBandError.self) {
            try SimultaneousBand(curve, transform: .linear, level: 0.95, low: 0.5, high: 4)
        }
        #expect(throws: SimultaneousBandError.self) {
            try SimultaneousBand(curve, transform: .linear, level: 0.95, low: 1, high: 9)
        }
        #expect(throws: SimultaneousBandError.self) {
            try SimultaneousBand(curve, kind: .equalPrecision, transform: .linear, level: 0.95, low: 3, high: 2)
        }
    }
}
