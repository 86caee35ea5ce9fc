import Testing
import TestSupport
@testable import TrialDesign

/// Classical boundaries (Pocock, O'Brien–Fleming, Wang–Tsiatis, Haybittle–Peto), user-defined
/// alpha spending and binding futility against rpact 3.3.4 (Tests/Fixtures/gsboundaries/
/// boundaries.csv, written by scripts/fixtures/gsboundaries.R): getDesignGroupSequential(
/// typeOfDesign = "P" | "OF" | "WT" (deltaWT) | "HP" | "asUser" (userAlphaSpending), ...,
/// typeBetaSpending, bindingFutility) and getDesignCharacteristics.
@Suite struct ClassicalBoundariesTests {
    /// Critical values, stage levels and alpha spent: absolute 1e-6 (the issue's tolerance).
    /// rpact solves the classical constant to about 1e-8 in alpha (its HP and WT designs spend
    /// 0.02499999 of 0.025), which moves the critical values by about 1e-7.
    static let boundary = Tolerance(relative: 0, absolute: 1e-6)
    /// Inflation factor and power: relative 1e-6.
    static let characteristic = Tolerance(relative: 1e-6, absolute: 1e-9)

    let fixture: Fixture
    init() throws { fixture = try Fixture("gsboundaries/boundaries.csv") }

    /// The design a fixture row describes.
    static func design(_ row: [String: String]) throws -> GroupSequentialDesign {
        let rates = try InformationRates(GroupSequentialFixtures.vector(row.string("information_rates")))
        let type = row.string("type_of_design")
        let alpha = row.double("alpha")!
        let efficacy: EfficacyRule
        switch type {
        case "P": efficacy = try .classical(type: .pocock, delta: nil)
        case "OF": efficacy = try .classical(type: .obrienFleming, delta: nil)
        case "WT": efficacy = try .classical(type: .wangTsiatis, delta: row.double("delta_wt"))
        case "HP": efficacy = try .classical(type: .haybittlePeto, delta: nil)
        case "asUser": efficacy = .userSpending(GroupSequentialFixtures.vector(row.string("user_alpha_spending")))
        default: efficacy = .spending(GroupSequentialFixtures.spending(type, gamma: row.double("gamma"))!)
        }
        let futility = row.string("type_beta_spending") == "none"
            ? nil : GroupSequentialFixtures.spending(row.string("type_beta_spending"), gamma: row.double("gamma_b"))
        return try GroupSequentialDesign(
            informationRates: rates, alpha: alpha, sides: row.int("sided")!, futilitySpending: futility,
            power: 1 - row.double("beta")!, efficacy: efficacy,
            bindingFutility: row["binding_futility"] == "TRUE")
    }

    @Test func fixtureCoversTheIssuesDesigns() {
        let rows = fixture.rows
        #expect(Set(rows.map { $0.string("type_of_design") }).isSuperset(of: ["P", "OF", "WT", "HP", "asUser"]))
        #expect(Set(rows.map { $0.string("kmax") }) == ["2", "3", "4", "5"])
        #expect(Set(rows.map { $0.string("sided") }) == ["1", "2"])
        #expect(Set(rows.compactMap { $0.double("delta_wt") }).isSuperset(of: [0.1, 0.25, 0.4]))
        #expect(Set(rows.compactMap { $0["binding_futility"] }).isSuperset(of: ["TRUE", "FALSE"]))
    }

    @Test func boundariesMatchRpact() throws {
        var worst: [String: Double] = [:]
        for rows in GroupSequentialFixtures.cases(fixture) {
            let first = rows[0]
            let result = try Self.design(first).boundaries()
            let kind = first.string("type_of_design") + (first["binding_futility"] == "TRUE" ? " binding" : "")
            #expect(result.looks.count == rows.count)
            for (look, row) in zip(result.looks, rows) {
                let id = "case \(row.string("case")) (\(kind)) look \(look.look)"
                for (mine, theirs, what) in [(look.criticalValue, row.double("critical_value"), "critical value"),
                                             (look.stageLevel, row.double("stage_level"), "stage level"),
                                             (look.cumulativeAlphaSpent, row.double("alpha_spent"), "alpha spent"),
                                             (look.futilityBound, row.double("futility_bound"), "futility bound")] {
                    #expect(Self.boundary.accepts(mine, theirs), "\(id) \(what): \(String(describing: mine)) vs rpact \(String(describing: theirs))")
                    if let mine, let theirs { worst[kind, default: 0] = max(worst[kind, default: 0], abs(mine - theirs)) }
                }
                let c = result.characteristics
                #expect(Self.boundary.accepts(c.alternative.upperRejection[look.look - 1], row.double("rejection_probability_h1")), "\(id) reject H1")
            }
            let c = result.characteristics
            #expect(Self.characteristic.accepts(c.inflationFactor, first.double("inflation_factor")), "case \(first.string("case")) inflation")
            #expect(Self.characteristic.accepts(c.alternative.power, rows[rows.count - 1].double("power_h1")), "case \(first.string("case")) power")
        }
        print("gsboundaries: largest absolute difference from rpact by type \(worst.sorted { $0.key < $1.key })")
    }

    @Test func pocockAndObrienFlemingAreWangTsiatisAtTheirDelta() throws {
        let rates = try InformationRates.equallySpaced(looks: 4)
        for (type, delta) in [(BoundaryType.pocock, 0.5), (.obrienFleming, 0.0)] {
            let named = try GroupSequentialDesign(informationRates: rates, efficacy: .classical(type: type, delta: nil)).boundaries()
            let wt = try GroupSequentialDesign(informationRates: rates, efficacy: .classical(type: .wangTsiatis, delta: delta)).boundaries()
            #expect(named.criticalValues == wt.criticalValues)
        }
    }

    @Test func badSpendingValuesAndDeltaSayWhatToChange() throws {
        let rates = try InformationRates.equallySpaced(looks: 3)
        func message(_ efficacy: EfficacyRule) -> String? {
            do { _ = try GroupSequentialDesign(informationRates: rates, efficacy: efficacy); return nil } catch { return error.description }
        }
        #expect(message(.userSpending([0.01, 0.005, 0.025]))?.contains("must not decrease") == true)
        #expect(message(.userSpending([0.01, 0.03, 0.025]))?.contains("above alpha") == true)
        #expect(message(.userSpending([0.01, 0.025]))?.contains("2 values for 3 looks") == true)
        #expect(message(.userSpending([0.001, 0.01, 0.02]))?.contains("must equal alpha") == true)
        #expect(throws: GroupSequentialError.self) { try EfficacyRule.classical(type: .wangTsiatis, delta: 1.5) }
        #expect(throws: GroupSequentialError.self) { try EfficacyRule.classical(type: .wangTsiatis, delta: nil) }
        #expect(throws: GroupSequentialError.self) { try EfficacyRule.classical(type: .pocock, delta: 0.2) }
        #expect(throws: GroupSequentialError.self) {
            try GroupSequentialDesign(informationRates: rates, futilitySpending: .obrienFleming,
                                      efficacy: .classical(type: .pocock, delta: nil))
        }
        #expect(throws: GroupSequentialError.self) {
            try GroupSequentialDesign(informationRates: rates, bindingFutility: true)
        }
    }
}
