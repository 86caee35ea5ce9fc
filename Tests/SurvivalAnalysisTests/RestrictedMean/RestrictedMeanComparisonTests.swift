import Foundation
import Testing
import TestSupport
@testable import SurvivalAnalysis

/// RMST per group against R's print(survfit, rmean = tau) and the contrasts against the
/// survRM2 formulas computed in R (Tests/Fixtures/rmst/, scripts/fixtures/rmst.R).
@Suite struct RestrictedMeanComparisonTests {
    /// The tolerance for RMST, its SE and the contrasts.
    static let agreement = Tolerance(relative: 1e-9, absolute: 1e-12)

    /// As `agreement`, with R's NaN (read as nil) matching a NaN here.
    static func agrees(_ a: Double, _ b: Double?) -> Bool {
        b == nil ? a.isNaN : agreement.accepts(a, b)
    }
    static let cases = (try? Fixture("rmst/cases.csv").rows) ?? []
    static let groups = (try? Fixture("rmst/groups.csv").rows) ?? []
    static let contrasts = (try? Fixture("rmst/contrasts.csv").rows) ?? []

    static func run(_ row: [String: String]) throws -> RestrictedMeanComparison {
        let table = try CSVTable(path: Fixtures.root.appendingPathComponent(row.string("data")).path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: row.string("time"), event: row.string("event"),
                                                                         group: row.string("group")))
        return try RestrictedMeanComparison(data, tau: row.double("tau_given"), confidenceLevel: row.double("conf_level")!)
    }

    @Test func fixturesCoverDefaultGivenAndExtendedTau() {
        #expect(Self.cases.contains { $0.double("tau_given") == nil })
        #expect(Self.cases.contains { $0.double("tau_given") != nil })
        #expect(Self.groups.contains { $0.int("extended") == 1 })
    }

    @Test(arguments: cases.map { $0.string("case") })
    func agreesWithR(caseName: String) throws {
        let row = try #require(Self.cases.first { $0.string("case") == caseName })
        let c = try Self.run(row)
        #expect(c.tau == row.double("tau"))
        #expect(c.tauIsDefault == (row.double("tau_given") == nil))
        #expect(c.rowsUsed == row.int("rows_used"))
        let expected = Self.groups.filter { $0["case"] == caseName }
        #expect(c.groups.map(\.label) == expected.map { $0.string("group") })
        for (g, r) in zip(c.groups, expected) {
            #expect(g.n == r.int("n") && g.events == r.int("events"))
            #expect(Self.agreement.accepts(g.restrictedMean.estimate, r.double("rmst")), "\(caseName) \(g.label) rmst")
            #expect(Self.agreement.accepts(g.restrictedMean.standardError, r.double("se")), "\(caseName) \(g.label) se")
            #expect(Self.agreement.accepts(g.lower, r.double("lower")) && Self.agreement.accepts(g.upper, r.double("upper")))
            #expect(Self.agreement.accepts(g.timeLost, r.double("rmtl")))
            #expect(g.lastTime == r.double("last_time"))
        }
        #expect(c.curvesExtended == expected.enumerated().filter { $0.element.int("extended") == 1 }.map(\.offset))
        let expectedContrasts = Self.contrasts.filter { $0["case"] == caseName }
        #expect(c.contrasts.count == expectedContrasts.count)
        for (k, r) in zip(c.contrasts, expectedContrasts) {
            #expect(c.groups[k.group].label == r.string("group") && c.groups[k.reference].label == r.string("reference"))
            for (e, prefix) in [(k.difference, "difference"), (k.ratio, "ratio"), (k.timeLostRatio, "rmtl_ratio")] {
                #expect(Self.agrees(e.estimate, r.double(prefix)), "\(caseName) \(prefix)")
                #expect(Self.agrees(e.standardError, r.double(prefix + "_se")), "\(caseName) \(prefix)_se")
                #expect(Self.agrees(e.lower, r.double(prefix + "_lower")), "\(caseName) \(prefix)_lower")
                #expect(Self.agrees(e.upper, r.double(prefix + "_upper")), "\(caseName) \(prefix)_upper")
                #expect(Self.agrees(e.pValue, r.double(prefix + "_p")), "\(caseName) \(prefix)_p")
            }
        }
    }

    /// With the second level as reference, a two-group case's contrast is R's with the arms swapped:
    /// the difference (and its interval) negates, the ratios (and their intervals) invert, the
    /// standard errors and p-values are unchanged.
    @Test(arguments: cases.map { $0.string("case") }.filter { name in groups.filter { $0["case"] == name }.count == 2 })
    func swappedReferenceMapsRsContrastExactly(caseName: String) throws {
        let row = try #require(Self.cases.first { $0.string("case") == caseName })
        let first = try Self.run(row)
        let table = try CSVTable(path: Fixtures.root.appendingPathComponent(row.string("data")).path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: row.string("time"), event: row.string("event"),
                                                                         group: row.string("group")))
        let c = try RestrictedMeanComparison(data, tau: row.double("tau_given"), confidenceLevel: row.double("conf_level")!,
                                             reference: first.groups[1].label)
        let r = try #require(Self.contrasts.first { $0["case"] == caseName })
        let k = try #require(c.contrasts.first)
        #expect(c.contrasts.count == 1)
        #expect(c.groups[k.group].label == r.string("reference") && c.groups[k.reference].label == r.string("group"))
        #expect(Self.agrees(k.difference.estimate, r.double("difference").map { -$0 }))
        #expect(Self.agrees(k.difference.lower, r.double("difference_upper").map { -$0 }))
        #expect(Self.agrees(k.difference.upper, r.double("difference_lower").map { -$0 }))
        #expect(Self.agrees(k.difference.standardError, r.double("difference_se")))
        #expect(Self.agrees(k.difference.pValue, r.double("difference_p")))
        for (e, prefix) in [(k.ratio, "ratio"), (k.timeLostRatio, "rmtl_ratio")] {
            #expect(Self.agrees(e.estimate, r.double(prefix).map { 1 / $0 }), "\(caseName) \(prefix)")
            #expect(Self.agrees(e.lower, r.double(prefix + "_upper").map { 1 / $0 }), "\(caseName) \(prefix)_lower")
            #expect(Self.agrees(e.upper, r.double(prefix + "_lower").map { 1 / $0 }), "\(caseName) \(prefix)_upper")
            #expect(Self.agrees(e.standardError, r.double(prefix + "_se")), "\(caseName) \(prefix)_se")
            #expect(Self.agrees(e.pValue, r.double(prefix + "_p")), "\(caseName) \(prefix)_p")
        }
    }

    @Test func unknownReferenceIsATypedFailure() throws {
        let table = try CSVTable(path: Fixtures.data("aml.csv").path)
        let data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "x"))
        #expect(throws: RestrictedMeanComparison.Failure.unknownReference(level: "Placebo", levels: ["Maintained", "Nonmaintained"])) {
            try RestrictedMeanComparison(data, reference: "Placebo")
        }
    }

    @Test func refusesASingleGroup() throws {
        let table = try CSVTable(path: Fixtures.data("aml.csv").path)
        var data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status"))
        #expect(throws: RestrictedMeanComparison.Failure.noGroupColumn) { try RestrictedMeanComparison(data) }
        data = try SurvivalData(table: table, spec: SurvivalDataSpec(time: "time", event: "status", group: "x"))
        #expect(throws: RestrictedMeanComparison.Failure.badConfidenceLevel(1)) {
            try RestrictedMeanComparison(data, confidenceLevel: 1)
        }
    }

    /// survRM2's p = 2·pnorm(−|d/se|) is 0 for a non-zero difference with se = 0 (two groups
    /// whose curves stay flat to τ at different heights), NaN for 0/0. Found by the differential
    /// fixtures (d023: R reports p = 0 where survkit gave null).
    @Test func zeroStandardErrorGivesPZeroForANonZeroDifference() throws {
        // Group a: censored at 3 and 4 (Ŝ = 1, se 0, RMST 3); group b: one subject dying at 1
        // (Ŝ = 0 after it; n = d, so its variance term is 0: RMST 1, se 0).
        let data = try SurvivalData(time: [3, 4, 1], event: [false, false, true],
                                    group: Factor(codes: [0, 0, 1], levels: ["a", "b"]))
        let rmst = try RestrictedMeanComparison(data, tau: 3)
        #expect(rmst.groups.map(\.restrictedMean.standardError) == [0, 0])
        let contrast = try #require(rmst.contrasts.first)
        #expect(contrast.difference.estimate == -2)
        #expect(contrast.difference.pValue == 0)
        #expect(contrast.ratio.pValue == 0)
        // The reference loses no time: the RMTL ratio is x/0, its p NaN (JSON null), as R's NaN.
        #expect(contrast.timeLostRatio.pValue.isNaN)
    }
}
