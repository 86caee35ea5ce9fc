import TestSupport
@testable import TrialDesign

/// Builds survkit's assumptions from a row of `Tests/Fixtures/design/*.csv`
/// (written by scripts/fixtures/design.R, where the columns are documented).
enum FixtureRows {
    static func numbers(_ text: String) -> [Double] {
        text.split(separator: ";").map { Double($0)! }
    }

    static func accrual(_ row: [String: String]) throws -> Accrual {
        try Accrual(times: numbers(row.string("accrual_times")), rates: numbers(row.string("accrual_rates")))
    }

    static func dropout(_ row: [String: String]) throws -> ExponentialDropout {
        try ExponentialDropout(probabilityTreatment: row.double("dropout_rate_treatment")!,
                               probabilityControl: row.double("dropout_rate_control")!,
                               time: row.double("dropout_time")!)
    }

    static func hazards(_ row: [String: String]) -> (control: Double, treatment: Double) {
        let control = TrialAssumptions.hazard(median: row.double("median_control")!)
        if row["median_treatment"] != nil, let median = row.double("median_treatment") {
            return (control, TrialAssumptions.hazard(median: median))
        }
        return (control, row.double("hazard_ratio")! * control)
    }

    static func assumptions(_ row: [String: String], followUp: Double?, withEffect: Bool = true) throws -> TrialAssumptions {
        let h = hazards(row)
        return try TrialAssumptions(
            hazardControl: h.control, hazardTreatment: withEffect ? h.treatment : nil,
            allocation: Allocation(treatment: row.double("allocation_treatment")!, control: row.double("allocation_control")!),
            accrual: accrual(row), followUp: followUp, dropout: dropout(row),
            alpha: row.double("alpha")!, sides: row.int("sides")!, power: row.double("power")!)
    }
}
