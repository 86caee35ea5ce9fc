import TestSupport
@testable import TrialDesign

/// Builds survkit designs from the rpact parameters written in the groupseq fixtures.
enum GroupSequentialFixtures {
    /// rpact typeOfDesign / typeBetaSpending names → a spending function.
    static func spending(_ type: String, gamma: Double?) -> SpendingFunction? {
        switch type {
        case "asOF", "bsOF": return .obrienFleming
        case "asP", "bsP": return .pocock
        case "asHSD", "bsHSD": return .hwangShihDeCani(gamma: gamma!)
        case "asKD", "bsKD": return .kimDeMets(rho: gamma!)
        default: return nil
        }
    }

    /// A space-separated vector field.
    static func vector(_ text: String) -> [Double] {
        text.split(separator: " ").map { Double($0)! }
    }

    /// The design a fixture row describes (columns type_of_design, gamma, sided, alpha, beta,
    /// type_beta_spending, gamma_b (optional), information_rates).
    static func design(_ row: [String: String]) throws -> GroupSequentialDesign {
        let futility = row["type_beta_spending"] == "none"
            ? nil : spending(row.string("type_beta_spending"), gamma: row["gamma_b"].flatMap(Double.init))
        return try GroupSequentialDesign(
            informationRates: InformationRates(vector(row.string("information_rates"))),
            alpha: row.double("alpha")!, sides: row.int("sided")!,
            spending: spending(row.string("type_of_design"), gamma: row.double("gamma"))!,
            futilitySpending: futility, power: 1 - row.double("beta")!)
    }

    /// Fixture rows grouped by their `case` column, in order.
    static func cases(_ fixture: Fixture) -> [[[String: String]]] {
        var order: [String] = []
        var groups: [String: [[String: String]]] = [:]
        for row in fixture.rows {
            let id = row.string("case")
            if groups[id] == nil { order.append(id) }
            groups[id, default: []].append(row)
        }
        return order.map { groups[$0]! }
    }
}
