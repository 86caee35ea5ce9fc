import Foundation
import Testing
import TestSupport
@testable import TrialDesign

@Suite struct SimulationPlanSettingsTests {
    static func seedSettings() -> DesignSettings {
        var s = DesignSettings()
        s.medianControl = 11
        s.medianTreatment = 33
        s.accrualTime = 18
        s.patients = 56
        s.events = 27
        return s
    }

    @Test func designSettingsGiveThePlan() throws {
        let plan = try SimulationPlan(settings: Self.seedSettings(), options: SimulationOptions())
        #expect(plan.patients == 56 && plan.cut == .events(27) && plan.alpha == 0.05 && plan.sides == 2)
        #expect(plan.survival.control.hazards == [M_LN2 / 11] && plan.survival.treatment.hazards == [M_LN2 / 33])
        #expect(plan.randomisation.scheme == .permutedBlocks && plan.randomisation.blockSize == 4)
        #expect(plan.notes.isEmpty)
    }

    /// Hazard ratio 1 is a valid simulation (the null), unlike a design.
    @Test func theNullCanBeSimulated() throws {
        var s = Self.seedSettings()
        s.medianTreatment = nil
        s.hazardRatio = 1
        #expect(try SimulationPlan(settings: s, options: SimulationOptions()).survival.proportionalHazardRatio == 1)
    }

    @Test func piecewiseHazards() throws {
        var s = Self.seedSettings()
        s.medianTreatment = nil
        s.medianControl = nil
        var o = SimulationOptions()
        o.hazardTimes = [0, 6]
        o.hazardsControl = [0.06, 0.06]
        o.hazardsTreatment = [0.06, 0.02]
        let plan = try SimulationPlan(settings: s, options: o)
        #expect(plan.survival.treatment.hazards == [0.06, 0.02] && plan.survival.proportionalHazardRatio == nil)
        // --hazard-ratio scales the control hazards piece by piece.
        o.hazardsTreatment = nil
        s.hazardRatio = 0.5
        #expect(try SimulationPlan(settings: s, options: o).survival.treatment.hazards == [0.03, 0.03])
    }

    @Test func dropoutInflationIsNotedNotUsed() throws {
        var s = Self.seedSettings()
        s.dropoutInflation = 0.1
        let plan = try SimulationPlan(settings: s, options: SimulationOptions())
        #expect(plan.dropout.isNone && plan.notes.count == 1)
    }

    @Test(arguments: [
        ("patients", "patients is missing"), ("accrual", "accrual is missing"), ("cut", "analysis time is missing"),
        ("both cuts", "not both"), ("fractional events", "whole number"), ("treatment", "treatment arm is missing"),
        ("two effects", "give one of"), ("times without hazards", "hazard-times needs"),
        ("hazards without times", "need hazard-times"),
    ])
    func explainsWhatIsMissing(what: String, message: String) {
        var s = Self.seedSettings()
        var o = SimulationOptions()
        switch what {
        case "patients": s.patients = nil
        case "accrual": s.accrualTime = nil
        case "cut": s.events = nil
        case "both cuts": s.followUp = 12
        case "fractional events": s.events = 26.5
        case "treatment": s.medianTreatment = nil
        case "two effects": s.hazardRatio = 0.5
        case "times without hazards": o.hazardTimes = [0, 6]
        default: s.medianControl = nil; o.hazardsControl = [0.06, 0.03]
        }
        do {
            _ = try SimulationPlan(settings: s, options: o)
            Issue.record("expected an error for \(what)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
