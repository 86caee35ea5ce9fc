import Foundation
import Testing
import TestSupport
import TrialDesign
@testable import SurvivalReports

@Suite struct BoundariesReportTests {
    static let futilityDesign = try! GroupSequentialDesign(
        informationRates: .equallySpaced(looks: 3), futilitySpending: .obrienFleming).boundaries()
    static let twoSided = try! GroupSequentialDesign(
        informationRates: InformationRates([0.4, 1]), alpha: 0.05, sides: 2,
        spending: .hwangShihDeCani(gamma: -2)).boundaries()

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonKeysFollowTheContract() throws {
        let text = BoundariesReport(Self.futilityDesign).json().rendered()
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { line -> String in
            let body = line.dropFirst(3)
            return String(body[..<body.firstIndex(of: "\"")!])
        }
        #expect(keys == [
            "looks", "inflation_factor", "alpha", "sides", "spending", "gamma", "rho", "futility_spending",
            "futility_gamma", "futility_rho", "boundary_type", "delta", "spending_values", "futility_bounds", "binding_futility",
            "maximum_events", "allocation_ratio", "power", "drift", "fixed_design_drift",
            "rejection_probabilities_h1", "futility_probabilities_h1", "stopping_probabilities_h1",
            "expected_information_h1", "rejection_probabilities_h0", "futility_probabilities_h0",
            "stopping_probabilities_h0", "expected_information_h0", "average_sample_number_h1",
            "average_sample_number_h01", "average_sample_number_h0",
        ])
        let lookKeys = text.split(separator: "\n").filter { $0.hasPrefix("      \"") }.prefix(7).map { line -> String in
            let body = line.drop(while: { $0 == " " }).dropFirst()
            return String(body[..<body.firstIndex(of: "\"")!])
        }
        #expect(lookKeys == ["look", "information_rate", "critical_value", "stage_level", "alpha_spent",
                             "cumulative_alpha_spent", "futility_bound"])
    }

    /// Foundation's JSON parser on Linux may read a number one ulp off, so values are compared
    /// within 1e-15 and the exact spelling is checked in the text.
    @Test func jsonHoldsTheComputedNumbers() throws {
        let b = Self.futilityDesign
        let text = BoundariesReport(b).json().rendered()
        let json = try object(text)
        let ulp = Tolerance(relative: 1e-15)
        let looks = try #require(json["looks"] as? [[String: Any]])
        #expect(looks.count == 3)
        #expect(ulp.accepts(looks[1]["critical_value"] as? Double, b.looks[1].criticalValue))
        #expect(ulp.accepts(looks[0]["futility_bound"] as? Double, b.looks[0].futilityBound))
        #expect(text.contains("\"critical_value\": \(NumberText.roundTrip(b.looks[1].criticalValue)),"))
        #expect(looks[2]["futility_bound"] is NSNull)
        #expect(ulp.accepts(json["inflation_factor"] as? Double, b.characteristics.inflationFactor))
        #expect(json["spending"] as? String == "obrien-fleming")
        #expect(json["futility_spending"] as? String == "obrien-fleming")
        #expect((json["futility_probabilities_h1"] as? [Double])?.count == 2)
        #expect((json["stopping_probabilities_h0"] as? [Double])?.count == 3)
    }

    @Test func jsonNamesSpendingParameters() throws {
        let json = try object(BoundariesReport(Self.twoSided).json().rendered())
        #expect(json["spending"] as? String == "hsd")
        #expect(json["gamma"] as? Double == -2)
        #expect(json["rho"] is NSNull)
        #expect(json["sides"] as? Int == 2)
        #expect(json["futility_spending"] is NSNull)
    }

    @Test func csvHasOneRowPerLook() {
        let lines = BoundariesReport(Self.futilityDesign).csv().split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "look,information_rate,critical_value,stage_level,alpha_spent,cumulative_alpha_spent,futility_bound,rejection_probability_h1,futility_probability_h1,stopping_probability_h1,rejection_probability_h0,futility_probability_h0,stopping_probability_h0,critical_value_p,futility_bound_p,events,critical_value_hazard_ratio,futility_bound_hazard_ratio")
        let last = lines[3].split(separator: ",", omittingEmptySubsequences: false)
        #expect(last[0] == "3" && last[6] == "NA" && last[8] == "NA")
        #expect(Double(String(lines[1].split(separator: ",")[2])) == Self.futilityDesign.looks[0].criticalValue)
    }

    @Test func textShowsTheTablesAndTheInflation() {
        let text = BoundariesReport(Self.futilityDesign).text()
        #expect(text.contains("3 looks, one-sided alpha 0.025"))
        #expect(text.contains("Futility: non-binding"))
        #expect(text.contains("   3       1.0000      1.9930"))
        #expect(text.contains("Inflation factor 1.1043"))
        let two = BoundariesReport(Self.twoSided).text()
        #expect(two.contains("two-sided alpha 0.05"))
        #expect(two.contains("Futility: none"))
    }

    @Test func renderingIsDeterministic() {
        let a = BoundariesReport(Self.futilityDesign)
        for format in OutputFormat.allCases {
            #expect(a.rendered(as: format) == BoundariesReport(Self.futilityDesign).rendered(as: format))
        }
    }
}
