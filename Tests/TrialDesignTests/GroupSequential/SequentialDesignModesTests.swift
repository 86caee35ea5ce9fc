import Testing
import TestSupport
@testable import TrialDesign

/// `design --looks K` solved in every direction against rpact 3.3.4
/// (Tests/Fixtures/gsboundaries/survival_design.csv, scripts/fixtures/gsboundaries.R):
/// power at given patients as getPowerSurvival(maxNumberOfEvents = the events the evaluable
/// patients are expected to have by accrual end + follow-up, maxNumberOfSubjects), H0 with
/// hazardRatio = 1; follow-up at given patients and accrual time at given rates as
/// getSampleSizeSurvival. Designs: alpha spending, classical (P, OF, WT, HP), binding and
/// non-binding futility.
@Suite struct SequentialDesignModesTests {
    /// Power, rejection probabilities and expected events: relative 1e-6 (the issue's tolerance
    /// for power at fixed N); rpact's power comes from the same recursive integration, and the
    /// events from getEventProbabilities' closed form.
    static let power = Tolerance(relative: 1e-6, absolute: 1e-9)
    /// Calendar quantities (look times, durations, expected patients) and solved follow-up or
    /// accrual time: relative 1e-5; rpact finds times by a root search to 1e-6 absolute.
    static let calendar = Tolerance(relative: 1e-5)
    /// Expected study duration and patients under H1: relative 1e-4, as SequentialDesignSolverTests:
    /// rpact's getSampleSizeSurvival leaves the (tiny) probability of crossing a two-sided
    /// design's lower boundary at the last look, survkit stops there (about 2e-5 for Pocock).
    static let expectation = Tolerance(relative: 1e-4)

    static let rows = (try? Fixture("gsboundaries/survival_design.csv").rows) ?? []
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
    static let caseNames = cases.map { $0[0].string("case") }

    static func design(_ row: [String: String]) throws -> GroupSequentialDesign {
        let type = row.string("type_of_design")
        let efficacy: EfficacyRule
        switch type {
        case "P": efficacy = try .classical(type: .pocock, delta: nil)
        case "OF": efficacy = try .classical(type: .obrienFleming, delta: nil)
        case "WT": efficacy = try .classical(type: .wangTsiatis, delta: row.double("delta_wt"))
        case "HP": efficacy = try .classical(type: .haybittlePeto, delta: nil)
        default: efficacy = .spending(GroupSequentialFixtures.spending(type, gamma: row.double("gamma"))!)
        }
        let futility = row.string("type_beta_spending") == "none"
            ? nil : GroupSequentialFixtures.spending(row.string("type_beta_spending"), gamma: nil)
        return try GroupSequentialDesign(
            informationRates: InformationRates(FixtureRows.numbers(row.string("information_rates"))),
            alpha: row.double("alpha")!, sides: row.int("sides")!, futilitySpending: futility,
            power: row.double("power")!, efficacy: efficacy, bindingFutility: row.string("binding_futility") == "TRUE")
    }

    static func request(_ row: [String: String]) throws -> DesignRequest {
        let h = FixtureRows.hazards(row)
        let kind = row.string("kind")
        let a = try TrialAssumptions(
            hazardControl: h.control, hazardTreatment: h.treatment,
            allocation: Allocation(treatment: row.double("allocation_treatment")!, control: row.double("allocation_control")!),
            accrual: FixtureRows.accrual(row), followUp: kind == "follow-up" ? nil : row.double("follow_up"),
            dropoutInflation: row.double("dropout_inflation")!, dropout: FixtureRows.dropout(row),
            alpha: row.double("alpha")!, sides: row.int("sides")!, power: row.double("power")!)
        switch kind {
        case "power": return try DesignRequest(assumptions: a, unknown: .power, patients: row.double("patients"))
        case "follow-up": return try DesignRequest(assumptions: a, unknown: .followUp, patients: row.double("patients"))
        default: return try DesignRequest(assumptions: a, unknown: .accrualTime)
        }
    }

    @Test func fixtureCoversTheIssuesSettings() {
        let power = Set(Self.rows.filter { $0.string("kind") == "power" }.map { $0.string("case") })
        #expect(power.count >= 6)
        // The seed trial: medians 11 vs 33, two-sided 0.05, 56 patients, 1:1, 10% dropout.
        #expect(Self.rows.contains { $0.string("kind") == "power" && $0.double("median_treatment") == 33
            && $0.double("patients") == 56 && $0.double("dropout_inflation") == 0.1 && $0.int("sides") == 2 })
        #expect(Set(Self.rows.map { $0.string("kind") }) == ["power", "follow-up", "accrual-time"])
    }

    @Test(arguments: caseNames)
    func matchesRpact(id: String) throws {
        let rows = try #require(Self.cases.first { $0[0].string("case") == id })
        let first = rows[0]
        let r = try SequentialDesignSolver.solve(Self.request(first), design: Self.design(first))
        var worst = 0.0
        func check(_ mine: Double?, _ theirs: Double?, _ tolerance: Tolerance, _ what: String) {
            #expect(tolerance.accepts(mine, theirs), "\(id) \(what): \(String(describing: mine)) vs rpact \(String(describing: theirs))")
            if let mine, let theirs { worst = max(worst, relativeDifference(mine, theirs)) }
        }
        let isPower = first.string("kind") == "power"
        check(r.maximum.power, first.double("expected_power"), Self.power, "power")
        check(r.maximum.eventsRequired, first.double("expected_maximum_events"), isPower ? Self.power : Self.calendar, "maximum events")
        check(r.maximum.patientsEvaluable, first.double("expected_patients_evaluable"), Self.calendar, "patients")
        check(r.maximum.accrualTime, first.double("expected_accrual_end"), Self.calendar, "accrual end")
        check(r.maximum.followUp, first.double("expected_follow_up"), Self.calendar, "follow-up")
        check(r.expectedEventsAlternative, first.double("expected_expected_events_h1"), Self.calendar, "expected events H1")
        check(r.expectedEventsNull, first.double("expected_expected_events_h0"), Self.calendar, "expected events H0")
        check(r.expectedStudyDurationAlternative, first.double("expected_study_duration_h1"), Self.expectation, "study duration H1")
        check(r.expectedPatientsAlternative, first.double("expected_expected_patients_h1"), Self.expectation, "expected patients H1")
        if isPower {
            check(r.expectedStudyDurationNull, first.double("expected_study_duration_h0"), Self.calendar, "study duration H0")
            check(r.expectedPatientsNull, first.double("expected_expected_patients_h0"), Self.calendar, "expected patients H0")
        }
        let hazardRatios = r.criticalHazardRatios, futilityRatios = r.futilityHazardRatios
        #expect(r.looks.count == rows.count)
        for (k, (look, row)) in zip(r.looks, rows).enumerated() {
            let at = "look \(look.look)"
            check(look.events, row.double("expected_events"), Self.calendar, "\(at) events")
            check(look.analysisTime, row.double("expected_analysis_time"), Self.calendar, "\(at) time")
            check(look.patientsEvaluable, row.double("expected_patients"), Self.calendar, "\(at) patients")
            check(look.rejectionAlternative, row.double("expected_rejection_h1"), Self.power, "\(at) rejection H1")
            check(k + 1 < rows.count ? look.futilityAlternative : nil, row.double("expected_futility_h1"), Self.power, "\(at) futility H1")
            if isPower { check(look.analysisTimeNull, row.double("expected_analysis_time_h0"), Self.calendar, "\(at) time H0") }
            check(hazardRatios[k], row.double("expected_critical_hazard_ratio"), Self.calendar, "\(at) critical HR")
            check(futilityRatios[k], row.double("expected_futility_hazard_ratio"), Self.calendar, "\(at) futility HR")
        }
        print("\(id): largest relative difference from rpact \(worst)")
    }
}
