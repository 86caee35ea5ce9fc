import Foundation
import Testing
import TestSupport
@testable import TrialDesign

/// `design --looks` under non-proportional hazards: per-look information and drift, boundaries
/// spent at the method's information fractions, group-sequential power and patients, against
/// an independent R computation (integrate() over closed-form laws, rpact boundaries and
/// rpact's recursive integration, checked with mvtnorm::pmvnorm) and, under proportional hazards,
/// rpact's getPowerSurvival / getSampleSizeSurvival (Tests/Fixtures/nphgs/, scripts/fixtures/nphgs.R).
/// The cases include an open accrual (its end, hence the look times, moving with the patients),
/// an analysis when a number of events is expected, and given futility bounds (binding or not).
@Suite struct NonProportionalSequentialTests {
    /// The issue's tolerance on drifts, information, information fractions and look times.
    static let integration = Tolerance(relative: 1e-8)
    /// The issue's tolerance on power and patients. rpact's recursive integration and pmvnorm
    /// agree to 1e-9 absolute (the fixture's pmvnorm_diff), far inside it.
    static let power = Tolerance(relative: 1e-6)
    /// Per-look rejection probabilities: 1e-6 relative, or 1e-9 absolute for the tiny first-look
    /// probabilities of O'Brien–Fleming boundaries (rpact's 91-point grid and pmvnorm differ by that much).
    static let rejection = Tolerance(relative: 1e-6, absolute: 1e-9)
    /// Critical values: rpact's boundary root search (tolerance 1e-8 on alpha) against ours.
    static let critical = Tolerance(relative: 1e-6)
    static let rows = (try? Fixture("nphgs/power.csv").rows) ?? []
    static let rpactRows = (try? Fixture("nphgs/rpact_ph.csv").rows) ?? []

    static func numbers(_ text: String) -> [Double] { IntegrationFixtureRow.numbers(text) }

    static func settings(_ r: [String: String]) -> (DesignSettings, NonProportionalOptions) {
        var s = DesignSettings()
        // An open accrual: the last rate runs until the patients are in (no end time given).
        let open = r.string("accrual_open") == "TRUE"
        s.accrualTimes = numbers(r.string("accrual_times")) + (open ? [] : [r.double("accrual_end")!])
        s.accrualRates = numbers(r.string("accrual_rates"))
        s.followUp = r.double("follow_up")
        s.events = r.double("events_target")
        IntegrationFixtureRow.testAndDropout(r, into: &s)
        s.sequential.informationRates = numbers(r.string("information_rates"))
        s.sequential.spending = SpendingFamily(rawValue: r.string("spending"))
        if r.string("futility_bounds") != "NA" {
            s.sequential.futilityBounds = numbers(r.string("futility_bounds"))
            s.sequential.bindingFutility = r.string("binding_futility") == "TRUE"
        }
        if let target = r.double("target_power") {
            s.power = target
        } else {
            s.solve = .power
            s.patients = r.double("patients")
        }
        var o = IntegrationFixtureRow.arms(r)
        o.method = NonProportionalMethod(rawValue: r.string("method"))
        if o.method == .fh {
            o.fhRho = r.double("fh_rho")
            o.fhGamma = r.double("fh_gamma")
        }
        return (s, o)
    }

    static func expectAll(_ got: [Double], _ expected: [Double], _ tolerance: Tolerance, _ what: String) {
        #expect(got.count == expected.count, "\(what): \(got.count) looks")
        for (k, (g, e)) in zip(got, expected).enumerated() {
            #expect(tolerance.accepts(g, e), "\(what) look \(k + 1): \(g) vs \(e)")
        }
    }

    @Test(arguments: rows.filter { $0.double("target_power") == nil }.map { "\($0.string("case"))/\($0.string("method"))" })
    func powerMatchesTheIndependentComputation(id: String) throws {
        let r = try #require(Self.rows.first { "\($0.string("case"))/\($0.string("method"))" == id })
        let (s, o) = Self.settings(r)
        let result = try NonProportionalSolver.solve(try s.nonProportionalRequest(options: o))
        #expect(Double(result.patientsPerArm.total) == r.double("patients"), "the fixture's patients split exactly")
        Self.expectAll(result.looks.map(\.time), Self.numbers(r.string("times")), Self.integration, "\(id) time")
        Self.expectAll(result.looks.map(\.events), Self.numbers(r.string("events")), Self.integration, "\(id) events")
        Self.expectAll(result.looks.map(\.averageHazardRatio), Self.numbers(r.string("ahr")), Self.integration, "\(id) AHR")
        Self.expectAll(result.looks.map(\.information), Self.numbers(r.string("information")), Self.integration, "\(id) information")
        Self.expectAll(result.looks.map(\.informationFraction), Self.numbers(r.string("information_fraction")), Self.integration,
                       "\(id) information fraction")
        Self.expectAll(result.looks.map(\.drift), Self.numbers(r.string("drift")), Self.integration, "\(id) drift")
        Self.expectAll(result.looks.map(\.criticalValue), Self.numbers(r.string("critical_values")), Self.critical, "\(id) critical value")
        Self.expectAll(result.looks.map(\.cumulativeAlphaSpent), Self.numbers(r.string("cumulative_alpha_spent")), Self.power,
                       "\(id) alpha spent")
        Self.expectAll(result.looks.map(\.rejectionProbability), Self.numbers(r.string("rejection")), Self.rejection, "\(id) rejection")
        #expect(Self.power.accepts(result.power, r.double("power")), "\(id) power \(result.power)")
        if r.string("futility_probability") != "NA" {
            Self.expectAll(result.looks.dropLast().map { $0.futilityProbability ?? .nan }, Self.numbers(r.string("futility_probability")),
                           Self.rejection, "\(id) futility")
            #expect(result.looks.last?.futilityProbability == nil)
        }
        // Under proportional hazards the AHR drift grows as √I, so the looks cost power; under
        // non-proportional hazards they need not (crossing hazards and FH(0, 1) here gain some).
        if id.contains("_ph_"), o.method == .ahr { #expect(result.power < result.powerFixed) }
    }

    @Test(arguments: rows.filter { $0.double("target_power") != nil }.map { "\($0.string("case"))/\($0.string("method"))" })
    func patientsMatchTheIndependentSolution(id: String) throws {
        let r = try #require(Self.rows.first { "\($0.string("case"))/\($0.string("method"))" == id })
        let (s, o) = Self.settings(r)
        let request = try s.nonProportionalRequest(options: o)
        let result = try NonProportionalSolver.solve(request)
        let exact = try #require(result.patientsExact)
        #expect(Self.power.accepts(exact, r.double("patients")), "\(id) patients \(exact)")
        // Rounded up per arm, the group-sequential power reaches the target.
        #expect(result.power >= r.double("target_power")!)
        // The result's looks are at the rounded patients: with an open accrual its end, hence the
        // fractions, move with N; with a closed one they are the fixture's.
        guard !request.accrual.isOpenEnded else { return }
        Self.expectAll(result.looks.map(\.informationFraction), Self.numbers(r.string("information_fraction")), Self.integration,
                       "\(id) information fraction")
    }

    @Test(arguments: rpactRows.map { $0.string("case") })
    func averageHazardRatioMethodIsRpactUnderProportionalHazards(caseName: String) throws {
        let r = try #require(Self.rpactRows.first { $0.string("case") == caseName })
        var s = DesignSettings()
        s.medianControl = 11
        s.medianTreatment = 33
        s.accrualTime = 18
        s.followUp = 12
        s.alpha = r.double("alpha")
        s.sides = r.int("sides")
        s.allocation = "\(r.int("allocation")!):1"
        s.sequential.informationRates = Self.numbers(r.string("information_rates"))
        s.sequential.spending = SpendingFamily(rawValue: r.string("spending"))
        var o = NonProportionalOptions()
        o.method = .ahr
        s.power = 0.8
        let solved = try NonProportionalSolver.solve(try s.nonProportionalRequest(options: o))
        #expect(Self.power.accepts(solved.patientsExact, r.double("patients_for_80")), "\(caseName) patients \(solved.patientsExact ?? 0)")
        s.solve = .power
        s.patients = r.double("patients")
        let result = try NonProportionalSolver.solve(try s.nonProportionalRequest(options: o))
        #expect(Self.power.accepts(result.events, r.double("events")))
        #expect(Self.power.accepts(result.power, r.double("power")), "\(caseName) power \(result.power)")
        Self.expectAll(result.looks.map(\.rejectionProbability), Self.numbers(r.string("rejection")), Self.rejection, "\(caseName) rejection")
    }

    @Test func refusesBetaSpendingAndRestrictedMeanLooks() throws {
        var s = DesignSettings()
        s.medianControl = 11
        s.medianTreatment = 33
        s.accrualTime = 18
        s.followUp = 12
        s.sides = 1
        s.alpha = 0.025
        s.sequential.looks = 3
        var o = NonProportionalOptions()
        o.delay = 3
        s.sequential.futilitySpending = .obrienFleming
        #expect(throws: DesignError.self) { try s.nonProportionalRequest(options: o) }
        s.sequential.futilitySpending = nil
        o.method = .rmst
        o.tau = 24
        #expect(throws: DesignError.self) { try s.nonProportionalRequest(options: o) }
        o.method = .logrank
        _ = try s.nonProportionalRequest(options: o)
    }

    /// Equal hazards: every drift is 0, so the power is the alpha spent (the design's type I
    /// error, whatever the information fractions) and no number of patients reaches 80%.
    @Test func equalHazardsGiveAlphaAndNoPatients() throws {
        var s = DesignSettings()
        s.medianControl = 11
        s.hazardRatio = 1
        s.accrualTime = 18
        s.followUp = 12
        s.sequential.looks = 3
        var o = NonProportionalOptions()
        o.delay = 3
        o.fhGamma = 1
        for method in [NonProportionalMethod.ahr, .logrank, .fh] {
            o.method = method
            s.solve = .power
            s.patients = 56
            let result = try NonProportionalSolver.solve(try s.nonProportionalRequest(options: o))
            #expect(result.looks.allSatisfy { $0.drift == 0 })
            #expect(abs(result.power - 0.05) < 1e-9, "\(method) \(result.power)")
            s.solve = nil
            s.patients = nil
            #expect(throws: DesignError.self) { try NonProportionalSolver.solve(try s.nonProportionalRequest(options: o)) }
        }
    }

    /// With one look the group-sequential power is the fixed design's (both tails counted).
    @Test func oneLookIsTheFixedDesign() throws {
        var s = DesignSettings()
        s.medianControl = 11
        s.medianTreatment = 33
        s.accrualTime = 18
        s.followUp = 12
        s.solve = .power
        s.patients = 56
        s.sequential.informationRates = [1]
        var o = NonProportionalOptions()
        o.cureFractionControl = 0.3
        for method in [NonProportionalMethod.ahr, .logrank] {
            o.method = method
            let result = try NonProportionalSolver.solve(try s.nonProportionalRequest(options: o))
            #expect(result.looks.count == 1)
            #expect(abs(result.power - result.powerFixed) < 1e-9, "\(method) \(result.power) \(result.powerFixed)")
        }
    }
}
