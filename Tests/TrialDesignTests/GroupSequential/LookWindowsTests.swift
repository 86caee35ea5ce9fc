import Testing
import TestSupport
@testable import TrialDesign

/// The bound of a look at the ends of its window of events against rpact 3.3.4
/// (Tests/Fixtures/gsboundaries/window_bounds.csv, section 4 of scripts/fixtures/gsboundaries.R):
/// getDesignGroupSequential with that look's information fraction moved (interim looks), the
/// asUser design of an over- or under-running final look, classical bounds unchanged.
@Suite struct LookWindowsTests {
    /// Critical values: absolute 1e-6, as the other boundaries.
    static let boundary = Tolerance(relative: 0, absolute: 1e-6)

    @Test func windowEndsMatchRpact() throws {
        let fixture = try Fixture("gsboundaries/window_bounds.csv")
        var worst = 0.0
        for rows in GroupSequentialFixtures.cases(fixture) {
            let first = rows[0]
            let K = first.int("kmax")!
            let efficacy: EfficacyRule
            switch first.string("type_of_design") {
            case "OF": efficacy = try .classical(type: .obrienFleming, delta: nil)
            case "asUser": efficacy = .userSpending(GroupSequentialFixtures.vector(first.string("user_alpha_spending")))
            case let type: efficacy = .spending(GroupSequentialFixtures.spending(type, gamma: first.double("gamma"))!)
            }
            let design = try GroupSequentialDesign(informationRates: .equallySpaced(looks: K), alpha: first.double("alpha")!,
                                                   sides: first.int("sided")!, efficacy: efficacy)
            let windows = try LookWindows(minimum: rows.map { $0.double("min_events")! },
                                          maximum: rows.map { $0.double("max_events")! }, looks: K)
            let bounds = try windows.bounds(design: design, maximumEvents: first.double("maximum_events")!)
            for (b, row) in zip(bounds, rows) {
                let id = "case \(row.string("case")) look \(b.look)"
                #expect(Self.boundary.accepts(b.criticalValueAtMinimum, row.double("critical_value_at_min")), "\(id) at min")
                #expect(Self.boundary.accepts(b.criticalValueAtMaximum, row.double("critical_value_at_max")), "\(id) at max")
                worst = max(worst, abs(b.criticalValueAtMinimum! - row.double("critical_value_at_min")!),
                            abs(b.criticalValueAtMaximum! - row.double("critical_value_at_max")!))
            }
        }
        print("look windows: largest absolute difference from rpact \(worst)")
    }

    @Test func badWindowsSayWhatToChange() {
        func message(_ low: [Double]?, _ high: [Double]?) -> String? {
            do { _ = try LookWindows(minimum: low, maximum: high, looks: 3); return nil } catch { return error.description }
        }
        #expect(message([10, 20], nil)?.contains("2 values for 3 looks") == true)
        #expect(message([10, 30, 20], nil)?.contains("must increase") == true)
        #expect(message([10, 20, 30], [9, 25, 35])?.contains("above the maximum") == true)
        #expect(message([10, 20, 30], [21, 25, 35])?.contains("must end before look 2") == true)
        #expect(message([0, 20, 30], nil)?.contains("must be positive") == true)
        let w = try? LookWindows(minimum: [10, 20, 30], maximum: [15, 25, 35], looks: 3)
        #expect(w?.contains(12, look: 1) == true)
        #expect(w?.contains(16, look: 1) == false)
        #expect(w?.contains(29, look: 3) == false)
    }
}
