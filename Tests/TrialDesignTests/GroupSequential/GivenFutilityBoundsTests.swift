import Testing
import TestSupport
@testable import TrialDesign

/// Futility bounds given on the Z scale (rpact `futilityBounds`), binding or not, against rpact
/// 3.3.4 (Tests/Fixtures/gsboundaries/futility_bounds.csv, written by scripts/fixtures/
/// gsboundaries.R section 3): getDesignGroupSequential(futilityBounds, bindingFutility,
/// typeOfDesign asOF | asP | asHSD | asKD | asUser | OF | P | WT | HP) and getDesignCharacteristics.
@Suite struct GivenFutilityBoundsTests {
    /// Critical values, stage levels and alpha spent: absolute 1e-6, as the other boundaries
    /// (rpact's classical constants are solved to about 1e-8 in alpha).
    static let boundary = Tolerance(relative: 0, absolute: 1e-6)
    /// Inflation factor and power: relative 1e-6.
    static let characteristic = Tolerance(relative: 1e-6, absolute: 1e-9)

    let fixture: Fixture
    init() throws { fixture = try Fixture("gsboundaries/futility_bounds.csv") }

    static func design(_ row: [String: String]) throws -> GroupSequentialDesign {
        let rates = try InformationRates(GroupSequentialFixtures.vector(row.string("information_rates")))
        let efficacy: EfficacyRule
        switch row.string("type_of_design") {
        case "P": efficacy = try .classical(type: .pocock, delta: nil)
        case "OF": efficacy = try .classical(type: .obrienFleming, delta: nil)
        case "WT": efficacy = try .classical(type: .wangTsiatis, delta: row.double("delta_wt"))
        case "HP": efficacy = try .classical(type: .haybittlePeto, delta: nil)
        case "asUser": efficacy = .userSpending(GroupSequentialFixtures.vector(row.string("user_alpha_spending")))
        case let type: efficacy = .spending(GroupSequentialFixtures.spending(type, gamma: row.double("gamma"))!)
        }
        return try GroupSequentialDesign(
            informationRates: rates, alpha: row.double("alpha")!, sides: 1, power: 1 - row.double("beta")!,
            efficacy: efficacy, bindingFutility: row["binding_futility"] == "TRUE",
            futilityBounds: GroupSequentialFixtures.vector(row.string("futility_bounds")))
    }

    @Test func fixtureCoversSpendingAndClassicalDesigns() {
        let types = Set(fixture.rows.map { $0.string("type_of_design") })
        #expect(types.isSuperset(of: ["asOF", "asP", "asHSD", "asKD", "asUser", "OF", "P", "WT", "HP"]))
        #expect(Set(fixture.rows.map { $0.string("binding_futility") }) == ["TRUE", "FALSE"])
        #expect(Set(fixture.rows.map { $0.string("kmax") }) == ["2", "3", "4", "5"])
    }

    @Test func boundariesMatchRpact() throws {
        var worst: [String: Double] = [:]
        for rows in GroupSequentialFixtures.cases(fixture) {
            let first = rows[0]
            let result = try Self.design(first).boundaries()
            let kind = first.string("type_of_design") + (first["binding_futility"] == "TRUE" ? " binding" : " non-binding")
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
                #expect(Self.boundary.accepts(result.characteristics.alternative.upperRejection[look.look - 1],
                                              row.double("rejection_probability_h1")), "\(id) reject H1")
            }
            let c = result.characteristics
            #expect(Self.characteristic.accepts(c.inflationFactor, first.double("inflation_factor")), "case \(first.string("case")) inflation")
            #expect(Self.characteristic.accepts(c.alternative.power, rows[rows.count - 1].double("power_h1")), "case \(first.string("case")) power")
        }
        print("futility bounds: largest absolute difference from rpact by type \(worst.sorted { $0.key < $1.key })")
    }

    @Test func nonBindingBoundsLeaveTheEfficacyBoundsAlone() throws {
        let rates = try InformationRates.equallySpaced(looks: 3)
        let plain = try GroupSequentialDesign(informationRates: rates).boundaries()
        let given = try GroupSequentialDesign(informationRates: rates, futilityBounds: [0, 0.5]).boundaries()
        #expect(plain.criticalValues == given.criticalValues)
        #expect(given.futilityBounds == [0, 0.5])
        // Binding bounds lower the later efficacy bounds (fewer paths left to spend alpha on).
        let binding = try GroupSequentialDesign(informationRates: rates, bindingFutility: true, futilityBounds: [0, 0.5]).boundaries()
        #expect(binding.criticalValues[0] == plain.criticalValues[0])
        #expect(binding.criticalValues[2] < plain.criticalValues[2])
    }

    @Test func badFutilityBoundsSayWhatToChange() throws {
        let rates = try InformationRates.equallySpaced(looks: 3)
        func message(_ make: () throws -> GroupSequentialDesign) -> String? {
            do { _ = try make().boundaries(); return nil } catch { return "\(error)" }
        }
        #expect(message { try GroupSequentialDesign(informationRates: rates, futilityBounds: [0]) }?.contains("1 values for 3 looks") == true)
        #expect(message { try GroupSequentialDesign(informationRates: rates, sides: 2, futilityBounds: [0, 0]) }?.contains("one-sided") == true)
        #expect(message { try GroupSequentialDesign(informationRates: rates, futilitySpending: .pocock, futilityBounds: [0, 0]) }?.contains("not both") == true)
        #expect(message { try GroupSequentialDesign(informationRates: rates, futilityBounds: [0, .nan]) }?.contains("finite") == true)
        #expect(message { try GroupSequentialDesign(informationRates: rates, futilityBounds: [4, 0]) }?.contains("not below the efficacy critical value") == true)
        #expect(message { try GroupSequentialDesign(informationRates: rates, bindingFutility: true, futilityBounds: [0, 3]) }?.contains("not below") == true)
    }
}
