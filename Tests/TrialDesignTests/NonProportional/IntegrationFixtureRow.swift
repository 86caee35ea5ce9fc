import Foundation
import TestSupport
@testable import TrialDesign

/// A row of the independent-integration design fixtures (Tests/Fixtures/rmstdesign/,
/// Tests/Fixtures/fhdesign/, written by scripts/fixtures/rmstdesign.R and fhdesign.R, which share
/// their columns): the arms' piecewise laws, accrual, dropout and the design settings that the
/// `design` command would build from the same case.
enum IntegrationFixtureRow {
    /// A `;`-separated list of numbers, as the fixtures write vectors.
    static func numbers(_ text: String) -> [Double] { text.split(separator: ";").map { Double(String($0))! } }

    static func laws(_ r: [String: String]) throws -> (control: ArmLaw, treatment: ArmLaw) {
        (ArmLaw(uncured: try PiecewiseExponential(times: numbers(r.string("control_times")),
                                                  hazards: numbers(r.string("control_hazards"))),
                cureFraction: r.double("control_cure")!),
         ArmLaw(uncured: try PiecewiseExponential(times: numbers(r.string("treatment_times")),
                                                  hazards: numbers(r.string("treatment_hazards"))),
                cureFraction: r.double("treatment_cure")!))
    }

    static func design(_ r: [String: String]) throws -> NonProportionalDesign {
        let l = try laws(r)
        let rates = numbers(r.string("accrual_rates"))
        return NonProportionalDesign(control: l.control, treatment: l.treatment, treatmentShare: r.double("treatment_share")!,
                                     dropoutHazard: r.double("dropout_hazard")!,
                                     accrualTimes: Array(numbers(r.string("accrual_times")).prefix(rates.count)),
                                     accrualRates: rates, accrualEnd: r.double("accrual_end")!)
    }

    /// The settings and non-proportional options of the row's case, solving for patients at the
    /// row's target power; the caller sets the method and its parameters.
    static func solveForPatients(_ r: [String: String]) throws -> (settings: DesignSettings, options: NonProportionalOptions) {
        let l = try laws(r)
        var s = DesignSettings()
        s.accrualTimes = numbers(r.string("accrual_times")) + [r.double("accrual_end")!]
        s.accrualRates = numbers(r.string("accrual_rates"))
        s.followUp = r.double("time")! - r.double("accrual_end")!
        testAndDropout(r, into: &s)
        s.power = r.double("power_target")
        var o = NonProportionalOptions()
        // The arms' pieces may differ (a delay splits only the treatment's): use their union.
        let times = Set(l.control.uncured.times + l.treatment.uncured.times).sorted()
        o.hazardTimes = times
        o.hazardsControl = times.map { l.control.uncured.hazard(at: $0) }
        o.hazardsTreatment = times.map { l.treatment.uncured.hazard(at: $0) }
        o.cureFractionControl = l.control.cureFraction
        o.cureFractionTreatment = l.treatment.cureFraction
        return (s, o)
    }

    /// The row's `alpha`, `sides`, allocation (`treatment_share`: 1:1 or 2:1) and dropout
    /// (`dropout_hazard`, a monthly hazard, given to `design` as its 12-month probability).
    static func testAndDropout(_ r: [String: String], into s: inout DesignSettings) {
        s.alpha = r.double("alpha")
        s.sides = r.int("sides")
        s.allocation = abs(r.double("treatment_share")! - 0.5) < 1e-12 ? "1:1" : "2:1"
        let eta = r.double("dropout_hazard")!
        if eta > 0 {
            s.dropoutProbability = -expm1(-eta * 12)
            s.dropoutTime = 12
        }
    }

    /// The arms as the nphdesign and nphgs fixtures write them: common pieces (`hazard_times`),
    /// the uncured hazards per arm and the cure fractions.
    static func arms(_ r: [String: String]) -> NonProportionalOptions {
        var o = NonProportionalOptions()
        o.hazardTimes = numbers(r.string("hazard_times"))
        o.hazardsControl = numbers(r.string("hazards_control"))
        o.hazardsTreatment = numbers(r.string("hazards_treatment"))
        o.cureFractionControl = r.double("cure_control")
        o.cureFractionTreatment = r.double("cure_treatment")
        return o
    }
}
