import Testing
import TestSupport
@testable import TrialDesign

/// Against rpact 3.3.4 getSampleSizeSurvival with kMax > 1, and getPowerSurvival(hazardRatio = 1)
/// for H0 (Tests/Fixtures/gsdesign/sample_size.csv, written by scripts/fixtures/gsdesign.R).
@Suite struct SequentialDesignSolverTests {
    /// The issue's tolerance: relative 1e-4. rpact finds look times with a root tolerance of
    /// 1e-6 and integrates the event probability numerically; the inflation factor comes from
    /// each side's own numerical integration.
    static let rpact = Tolerance(relative: 1e-4)

    static let rows = (try? Fixture("gsdesign/sample_size.csv").rows) ?? []

    /// Rows grouped by case, in order.
    static let cases: [[[String: String]]] = {
        var order: [String] = []
        var groups: [String: [[String: String]]] = [:]
        for row in rows {
            let id = row.string("case")
            if groups[id] == nil { order.append(id) }
            groups[id, default: []].append(row)
        }
        return order.map { groups[$0]! }
    }()

    static func design(_ row: [String: String]) throws -> GroupSequentialDesign {
        let gamma = row.double("gamma")
        let futility = row.string("type_beta_spending") == "none"
            ? nil : GroupSequentialFixtures.spending(row.string("type_beta_spending"), gamma: row.double("futility_gamma"))
        return try GroupSequentialDesign(
            informationRates: InformationRates(FixtureRows.numbers(row.string("information_rates"))),
            alpha: row.double("alpha")!, sides: row.int("sides")!,
            spending: GroupSequentialFixtures.spending(row.string("type_of_design"), gamma: gamma)!,
            futilitySpending: futility, power: row.double("power")!)
    }

    static func solve(_ row: [String: String]) throws -> SequentialDesignResult {
        let a = try FixtureRows.assumptions(row, followUp: row.double("follow_up")!)
        let method = DesignMethod(rawValue: row.string("method"))!
        return try SequentialDesignSolver.solve(DesignRequest(assumptions: a, method: method), design: design(row))
    }

    @Test func fixtureCoversTheIssuesDesigns() throws {
        let rows = try Fixture("gsdesign/sample_size.csv").rows
        #expect(Self.cases.count >= 8)
        #expect(Set(rows.map { $0.string("type_of_design") }).isSuperset(of: ["asOF", "asP", "asHSD"]))
        #expect(Set(rows.map { $0.string("kmax") }).isSuperset(of: ["2", "3"]))
        #expect(Set(rows.map { $0.string("sides") }) == ["1", "2"])
        // The seed trial with accrual 18 and follow-up 12.
        #expect(rows.contains { $0.double("median_treatment") == 33 && $0.string("accrual_times") == "0;18"
            && $0.double("follow_up") == 12 })
    }

    static let caseNames = cases.map { $0[0].string("case") }

    @Test(arguments: caseNames)
    func matchesRpact(id: String) throws {
        let rows = try #require(Self.cases.first { $0[0].string("case") == id })
        let r = try Self.solve(rows[0])
        var worst = 0.0
        func check(_ mine: Double?, _ theirs: Double?, _ what: String) {
            #expect(Self.rpact.accepts(mine, theirs), "\(id) \(what): \(String(describing: mine)) vs \(String(describing: theirs))")
            if let mine, let theirs { worst = max(worst, relativeDifference(mine, theirs)) }
        }
        let first = rows[0]
        check(r.fixedEvents, first.double("expected_events_fixed"), "events fixed")
        check(r.maximum.eventsRequired, first.double("expected_maximum_events"), "maximum events")
        check(r.maximum.patientsEvaluable, first.double("expected_maximum_patients"), "maximum patients")
        check(r.maximum.accrualTime, first.double("expected_accrual_end"), "accrual end")
        check(r.maximumStudyDuration, first.double("expected_maximum_study_duration"), "maximum study duration")
        check(r.expectedEventsAlternative, first.double("expected_expected_events_h1"), "expected events H1")
        check(r.expectedEventsMidpoint, first.double("expected_expected_events_h01"), "expected events H01")
        check(r.expectedEventsNull, first.double("expected_expected_events_h0"), "expected events H0")
        check(r.expectedStudyDurationAlternative, first.double("expected_study_duration_h1"), "study duration H1")
        check(r.expectedStudyDurationNull, first.double("expected_study_duration_h0"), "study duration H0")
        check(r.expectedPatientsAlternative, first.double("expected_expected_patients_h1"), "expected patients H1")
        check(r.expectedPatientsNull, first.double("expected_expected_patients_h0"), "expected patients H0")
        #expect(r.looks.count == rows.count)
        for (look, row) in zip(r.looks, rows) {
            let k = "look \(look.look)"
            check(look.informationRate, row.double("information_rate"), "\(k) rate")
            check(look.events, row.double("expected_events"), "\(k) events")
            check(look.analysisTime, row.double("expected_analysis_time"), "\(k) analysis time")
            check(look.patientsEvaluable, row.double("expected_patients"), "\(k) patients")
            check(look.analysisTimeNull, row.double("expected_analysis_time_h0"), "\(k) analysis time H0")
        }
        print("\(id): largest relative difference from rpact \(worst)")
    }

    @Test func plannedEventsRoundTheMaximumUp() throws {
        let row = try #require(Self.cases.first { $0[0].string("case") == "seed_of_2" })[0]
        let r = try Self.solve(row)
        // 26.01 fixed × 1.0037 = 26.11 -> 27 events; half of 27 is 13.5 -> 14.
        #expect(r.maximumEvents == 27)
        #expect(r.looks.map(\.eventsPlanned) == [14, 27])
        #expect(r.maximum.patientsPerArm == PatientsPerArm(treatment: 25, control: 25))
    }

    @Test func eventsOnlyWithoutAccrualOrFollowUp() throws {
        let row = try #require(Self.cases.first { $0[0].string("case") == "seed_of_2" })[0]
        var a = try FixtureRows.assumptions(row, followUp: nil)
        a = try a.with(accrual: nil, followUp: nil)
        let r = try SequentialDesignSolver.solve(DesignRequest(assumptions: a), design: Self.design(row))
        #expect(Self.rpact.accepts(r.maximum.eventsRequired, row.double("expected_maximum_events")))
        #expect(r.maximum.patientsEvaluable == nil && r.looks.allSatisfy { $0.analysisTime == nil })
        #expect(r.expectedStudyDurationAlternative == nil && r.expectedStudyDurationNull == nil)
        #expect(!r.maximum.notes.isEmpty)
    }

    @Test func oneLookIsTheFixedDesign() throws {
        let row = try #require(Self.cases.first)[0]
        let a = try FixtureRows.assumptions(row, followUp: row.double("follow_up")!)
        let fixed = try DesignSolver.solve(DesignRequest(assumptions: a))
        let one = try GroupSequentialDesign(informationRates: InformationRates([1]), alpha: a.alpha, sides: a.sides,
                                            power: a.power)
        let r = try SequentialDesignSolver.solve(DesignRequest(assumptions: a), design: one)
        #expect(Tolerance(relative: 1e-12).accepts(r.maximum.eventsRequired, fixed.eventsRequired))
        #expect(r.maximum.patientsTotal == fixed.patientsTotal)
        #expect(r.looks.count == 1 && r.expectedStudyDurationAlternative == fixed.studyDuration)
    }

    @Test func mismatchedErrorRatesAndModesAreRefused() throws {
        let row = try #require(Self.cases.first)[0]
        let a = try FixtureRows.assumptions(row, followUp: row.double("follow_up")!)
        let other = try GroupSequentialDesign(informationRates: InformationRates([0.5, 1]), alpha: 0.025, sides: 1)
        #expect(throws: DesignError.self) { try SequentialDesignSolver.solve(DesignRequest(assumptions: a), design: other) }
        let design = try Self.design(row)
        #expect(throws: DesignError.self) {
            try SequentialDesignSolver.solve(DesignRequest(assumptions: a, method: .lachinFoulkes), design: design)
        }
        // The hazard ratio is not a group-sequential unknown (power, follow-up and accrual time are).
        let noEffect = try FixtureRows.assumptions(row, followUp: row.double("follow_up")!, withEffect: false)
        #expect(throws: DesignError.self) {
            try SequentialDesignSolver.solve(DesignRequest(assumptions: noEffect, unknown: .hazardRatio, patients: 60), design: design)
        }
    }
}
