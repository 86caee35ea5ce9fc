import Testing
import TestSupport
import TrialDesign
@testable import SurvivalReports

@Suite struct SequentialDesignReportTests {
    static func seed(accrual: Bool, futility: Bool = false) throws -> SequentialDesignResult {
        let a = try TrialAssumptions(hazardControl: TrialAssumptions.hazard(median: 11),
                                     hazardTreatment: TrialAssumptions.hazard(median: 33),
                                     accrual: accrual ? .uniform(duration: 18) : nil, followUp: accrual ? 12 : nil,
                                     dropoutInflation: 0.1, alpha: futility ? 0.025 : 0.05, sides: futility ? 1 : 2)
        let design = try GroupSequentialDesign(
            informationRates: .equallySpaced(looks: 3), alpha: a.alpha, sides: a.sides,
            spending: .hwangShihDeCani(gamma: -2), futilitySpending: futility ? .obrienFleming : nil)
        return try SequentialDesignSolver.solve(DesignRequest(assumptions: a), design: design)
    }

    @Test func jsonKeepsTheDesignKeysThenAddsTheLooks() throws {
        let result = try Self.seed(accrual: true)
        guard case .object(let members) = SequentialDesignReport(result).json(),
              case .object(let design) = DesignReport(result.maximum).json() else {
            Issue.record("not an object"); return
        }
        #expect(Array(members.map(\.0).prefix(DesignReport.keys.count)) == DesignReport.keys)
        #expect(members.prefix(design.count).map { $0.1 } == design.map { $0.1 })
        #expect(members.map(\.0).dropFirst(DesignReport.keys.count).prefix(3) == ["looks", "spending", "gamma"])
        let json = SequentialDesignReport(result).json().rendered()
        #expect(json.contains("\"spending\": \"hsd\"") && json.contains("\"gamma\": -2"))
        #expect(json.contains("\"futility_spending\": null") && json.contains("\"futility_probability_h1\": null"))
        #expect(json.contains("\"events_planned\": "))
    }

    @Test func csvHasOneRowPerLookStartingWithTheDesignsRow() throws {
        let result = try Self.seed(accrual: true, futility: true)
        let lines = SequentialDesignReport(result).csv().split(separator: "\n")
        let design = DesignReport(result.maximum).csv().split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix(design[0] + ",spending,"))
        for line in lines.dropFirst() { #expect(line.hasPrefix(design[1] + ",hsd,-2,NA,obrien-fleming,NA,NA,")) }
        // The last look has no futility bound or futility probability.
        #expect(lines[3].contains(",3,1,"))
        let header = lines[0].split(separator: ",").map(String.init)
        let last = lines[3].split(separator: ",").map(String.init)
        #expect(last[header.firstIndex(of: "futility_bound")!] == "NA")
        #expect(last[header.firstIndex(of: "futility_probability_h1")!] == "NA")
        #expect(lines[1].split(separator: ",").map(String.init)[header.firstIndex(of: "futility_bound")!] != "NA")
    }

    @Test func textWithoutCalendarShowsDashes() throws {
        let text = SequentialDesignReport(try Self.seed(accrual: false)).text()
        #expect(text.contains("Group-sequential design: 3 looks, two-sided alpha 0.05 (symmetric)"))
        #expect(text.contains("Efficacy: Hwang-Shih-DeCani (gamma = -2.0) alpha spending"))
        #expect(text.contains("Note: patients not computed"))
        let duration = text.split(separator: "\n").first { $0.hasPrefix("  study duration") }
        #expect(duration?.split(separator: " ").suffix(2) == ["-", "-"])
        let withCalendar = SequentialDesignReport(try Self.seed(accrual: true, futility: true)).text()
        #expect(withCalendar.contains("Futility: non-binding, O'Brien-Fleming type (Lan-DeMets) beta spending"))
        let calendar = withCalendar.split(separator: "\n").first { $0.hasPrefix("  study duration") }
        #expect(calendar?.contains("-") == false)
    }
}
