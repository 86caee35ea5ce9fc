import TestSupport
@testable import TrialDesign

/// Plans for the simulation tests: the seed trial and the rows of
/// `Tests/Fixtures/simulate/rpact_simulation.csv` (scripts/fixtures/simulate.R documents them).
enum SimulationFixtures {
    /// NCT07363356: medians 33 vs 11 months, 56 patients over 18 months, analysis at 27 events,
    /// one-sided alpha 0.025.
    static func seedTrial(cut: AnalysisCut = .events(27), randomisation: RandomisationScheme = .permutedBlocks,
                          arrivals: ArrivalPattern = .even, cox: Bool = false) throws -> SimulationPlan {
        try SimulationPlan(
            patients: 56, accrual: .uniform(duration: 18), arrivals: arrivals,
            randomisation: Randomisation(scheme: randomisation, allocation: .equal),
            survival: .exponential(hazardTreatment: TrialAssumptions.hazard(median: 33),
                                   hazardControl: TrialAssumptions.hazard(median: 11)),
            cut: cut, alpha: 0.025, sides: 1, cox: cox)
    }

    static func rows() throws -> [[String: String]] { try Fixture("simulate/rpact_simulation.csv").rows }

    static func row(_ name: String) throws -> [String: String] {
        guard let row = try rows().first(where: { $0["case"] == name }) else { preconditionFailure("no case \(name)") }
        return row
    }

    /// The plan of a fixture row.
    static func plan(_ row: [String: String], randomisation: RandomisationScheme = .permutedBlocks) throws -> SimulationPlan {
        let allocation = try Allocation(treatment: row.double("allocation_treatment")!, control: row.double("allocation_control")!)
        let times = FixtureRows.numbers(row.string("hazard_times"))
        return try SimulationPlan(
            patients: row.int("patients")!, accrual: FixtureRows.accrual(row), allocation: allocation,
            randomisation: Randomisation(scheme: randomisation, allocation: allocation),
            survival: ArmSurvival(
                treatment: PiecewiseExponential(times: times, hazards: FixtureRows.numbers(row.string("hazards_treatment"))),
                control: PiecewiseExponential(times: times, hazards: FixtureRows.numbers(row.string("hazards_control")))),
            dropout: FixtureRows.dropout(row), cut: .events(row.int("events")!),
            alpha: row.double("alpha")!, sides: row.int("sides")!)
    }
}
