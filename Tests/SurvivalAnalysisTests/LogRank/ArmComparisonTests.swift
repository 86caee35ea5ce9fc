import Testing
import TestSupport
@testable import SurvivalAnalysis

/// The treatment-oriented two-arm log-rank against R's survdiff at the interim fixtures' cuts
/// (Tests/Fixtures/interim/interim.csv, scripts/fixtures/interim.R).
@Suite struct ArmComparisonTests {
    /// Sums of the same terms as survdiff: relative 1e-9.
    static let survdiff = Tolerance(relative: 1e-9)

    static let rows = (try? Fixture("interim/interim.csv").rows) ?? []
    static let caseNames = rows.filter { $0.string("case") != "nct07363356_interim" }.map { $0.string("case") }

    @Test(arguments: caseNames)
    func matchesSurvdiff(name: String) throws {
        let row = try #require(Self.rows.first { $0.string("case") == name })
        let stratified = row.string("strata") == "TRUE"
        let table = try CSVTable(path: Fixtures.url("interim/data/\(name).csv").path)
        var data = try SurvivalData(table: table, spec: SurvivalDataSpec(
            time: "time", event: "status", group: "arm", strata: stratified ? ["site"] : [], entry: "entry"))
        if let cut = row.double("cut") { data = try data.cut(atCalendarTime: cut).data }
        let c = try ArmComparison(data, treatment: row.string("treatment"))
        // survkit's reported z is signed for the design's direction; the treatment's z is the
        // fixture's z for a hazard ratio above 1 and its negative below.
        let upper = name == "kd_hr_above_one"
        #expect(Self.survdiff.accepts(upper ? c.z : -c.z, row.double("z")), "\(name) z \(c.z)")
        #expect(Self.survdiff.accepts(c.z * c.z, row.double("chisq")))
        #expect(c.events == row.int("events") && c.eventsTreatment == row.int("events_treatment"))
        #expect(Self.survdiff.accepts(c.allocationRatio, row.double("allocation_ratio")))
        #expect(Self.survdiff.accepts(c.expectedTreatment + c.expectedControl, Double(c.events)))
    }

    static func data(_ text: String) throws -> SurvivalData {
        try SurvivalData(table: CSVTable(bytes: Array(text.utf8), source: "d.csv"),
                         spec: SurvivalDataSpec(time: "time", event: "status", group: "arm"))
    }

    @Test func orientationFollowsTheTreatmentLevel() throws {
        let d = try Self.data("time,status,arm\n1,1,b\n2,1,b\n3,1,a\n4,0,a\n5,1,b\n6,0,a\n")
        let a = try ArmComparison(d, treatment: "a"), b = try ArmComparison(d, treatment: "b")
        #expect(a.treatmentLevel == "a" && a.controlLevel == "b" && b.treatmentLevel == "b")
        #expect(Tolerance(relative: 1e-14).accepts(a.z, -b.z))
        #expect(a.z < 0)   // a has fewer events than expected
        #expect(a.patientsTreatment == 3 && a.eventsTreatment == 1 && a.eventsControl == 3)
    }

    @Test func badGroupsAreInputErrors() throws {
        let three = try Self.data("time,status,arm\n1,1,a\n2,1,b\n3,1,c\n")
        #expect(throws: InputError.self) { try ArmComparison(three, treatment: "a") }
        let one = try Self.data("time,status,arm\n1,1,a\n2,1,a\n")
        #expect(throws: InputError.self) { try ArmComparison(one, treatment: "a") }
        let two = try Self.data("time,status,arm\n1,1,a\n2,1,b\n")
        #expect(throws: InputError.self) { try ArmComparison(two, treatment: "c") }
        let censored = try Self.data("time,status,arm\n1,0,a\n2,0,b\n")
        do {
            _ = try ArmComparison(censored, treatment: "a")
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("no events"))
        }
        // One event with only one arm at risk: no information.
        let lone = try Self.data("time,status,arm\n1,0,a\n2,1,b\n")
        #expect(throws: InputError.self) { try ArmComparison(lone, treatment: "a") }
        let noGroup = try SurvivalData(time: [1, 2], event: [true, true])
        #expect(throws: InputError.self) { try ArmComparison(noGroup, treatment: "a") }
    }
}
