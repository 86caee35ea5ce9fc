import Testing
import SurvivalAnalysis
import TestSupport

/// Data that cannot identify a parametric model: clear typed errors, never a silent number.
@Suite struct SurvregHardCaseTests {
    static func load(_ file: String) throws -> SurvivalData {
        let path = Fixtures.root.appendingPathComponent("Tests/Fixtures/survreg/data/\(file)").path
        return try SurvivalData(table: try CSVTable(path: path),
                                spec: SurvivalDataSpec(time: "time", event: "status", covariates: ["x"]))
    }

    @Test func noEvents() throws {
        #expect(throws: SurvregError.noEvents) { try SurvregModel.fit(try Self.load("no_events.csv"), options: .init()) }
    }

    @Test func oneEventCannotEstimateAScale() throws {
        let data = try Self.load("one_event.csv")
        #expect(throws: SurvregError.tooFewEventsForScale(events: 1)) {
            try SurvregModel.fit(data, options: .init(distribution: .lognormal))
        }
    }

    @Test func nonPositiveTimeNamesTheLine() throws {
        let data = try SurvivalData(time: [1, 0, 3], event: [true, true, false], source: "t.csv")
        #expect(throws: InputError(file: "t.csv", line: 3, columnName: "time",
                                   message: "time 0.0 is not positive: the weibull distribution models log(time)")) {
            try SurvregModel.fit(data, options: .init())
        }
        // The gaussian models time itself, so 0 is a valid time.
        #expect(try SurvregModel.fit(data, options: .init(distribution: .gaussian)).rowsUsed == 3)
    }

    @Test func exponentialWithStrataIsRefused() throws {
        let data = try SurvivalData(time: [1, 2, 3, 4], event: [true, true, false, true],
                                strata: Factor(codes: [0, 1, 0, 1], levels: ["a", "b"]))
        #expect(throws: SurvregError.strataWithFixedScale) {
            try SurvregModel.fit(data, options: .init(distribution: .exponential))
        }
    }
}
