import SurvivalAnalysis

private typealias K = DesignSettings.Key

extension NonProportionalOptions {
    /// The two arms' laws these options and the settings describe.
    ///
    /// Control: `hazards-control` on the pieces of `hazard-times`, or the exponential hazard of
    /// `median-control`. Treatment: exactly one of `hazards-treatment`, `hazard-ratios` (times the
    /// control hazards, piece by piece), `median-treatment` (exponential) or `hazard-ratio` (times
    /// the control hazards) — as `simulate` reads them. With a cure fraction the medians and
    /// hazards are those of the uncured patients (S = π + (1 − π) S_uncured). `delay` d splits the
    /// pieces at d and gives the treatment the control's hazard before it (HR 1, then the stated
    /// effect), the delayed-effect model of gsDesign2's examples.
    /// - Complexity: O(pieces).
    public func laws(settings s: DesignSettings) throws(DesignError) -> (control: ArmLaw, treatment: ArmLaw) {
        var times = hazardTimes ?? [0]
        let pieces = times.count
        if hazardTimes != nil, hazardsControl == nil, hazardsTreatment == nil, hazardRatios == nil {
            throw .invalid("\(SettingName.hazardTimes) needs \(SettingName.hazardsControl), \(SettingName.hazardsTreatment) or \(SettingName.hazardRatios)")
        }
        func checkCount(_ values: [Double]?, _ name: SettingName) throws(DesignError) {
            guard let values else { return }
            guard values.count == pieces else {
                throw hazardTimes == nil
                    ? .invalid("several values of \(name) need \(SettingName.hazardTimes) to say where each piece starts")
                    : .invalid("\(name) needs one value per piece of \(SettingName.hazardTimes) (\(pieces)); got \(values.count)")
            }
            guard values.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw .invalid("\(name) must be positive") }
        }
        try checkCount(hazardsControl, .hazardsControl)
        try checkCount(hazardsTreatment, .hazardsTreatment)
        try checkCount(hazardRatios, .hazardRatios)

        var control: [Double]
        switch (hazardsControl, s.medianControl) {
        case (_?, _?): throw .invalid("give \(K.medianControl) or \(SettingName.hazardsControl), not both")
        case (nil, nil): throw .invalid("the control arm is missing: give \(K.medianControl) or \(SettingName.hazardsControl)")
        case (let hazards?, nil): control = hazards
        case (nil, let median?):
            guard median.isFinite, median > 0 else {
                throw .invalid("median control must be a positive time (got \(median.roundTripText))")
            }
            control = Array(repeating: TrialAssumptions.hazard(median: median), count: pieces)
        }
        let given = [hazardsTreatment != nil, hazardRatios != nil, s.medianTreatment != nil, s.hazardRatio != nil]
        guard given.filter({ $0 }).count == 1 else {
            throw .invalid(given.contains(true)
                ? "give one of \(K.medianTreatment), \(K.hazardRatio), \(SettingName.hazardRatios) and \(SettingName.hazardsTreatment)"
                : "the treatment arm is missing: give \(K.medianTreatment), \(K.hazardRatio), \(SettingName.hazardRatios) or \(SettingName.hazardsTreatment)")
        }
        var treatment: [Double]
        if let hazardsTreatment {
            treatment = hazardsTreatment
        } else if let hazardRatios {
            treatment = zip(control, hazardRatios).map { $0 * $1 }
        } else if let median = s.medianTreatment {
            guard median.isFinite, median > 0 else {
                throw .invalid("median treatment must be a positive time (got \(median.roundTripText))")
            }
            treatment = Array(repeating: TrialAssumptions.hazard(median: median), count: pieces)
        } else {
            let ratio = s.hazardRatio!
            guard ratio.isFinite, ratio > 0 else { throw .invalid("hazard ratio must be positive (got \(ratio.roundTripText))") }
            treatment = control.map { $0 * ratio }
        }
        if let delay {
            guard delay.isFinite, delay >= 0 else { throw .invalid("\(SettingName.delay) must be a time ≥ 0 (got \(delay.roundTripText))") }
            // Split the piece containing the delay so the effect starts exactly there.
            if delay > 0, !times.contains(delay) {
                let k = (times.lastIndex { $0 < delay })!
                times.insert(delay, at: k + 1)
                control.insert(control[k], at: k + 1)
                treatment.insert(treatment[k], at: k + 1)
            }
            for k in times.indices where times[k] < delay { treatment[k] = control[k] }
        }
        let controlCure = try Self.cure(cureFractionControl, .cureFractionControl)
        let treatmentCure = try Self.cure(cureFractionTreatment, .cureFractionTreatment)
        return (ArmLaw(uncured: try PiecewiseExponential(times: times, hazards: control), cureFraction: controlCure),
                ArmLaw(uncured: try PiecewiseExponential(times: times, hazards: treatment), cureFraction: treatmentCure))
    }

    private static func cure(_ value: Double?, _ name: SettingName) throws(DesignError) -> Double {
        guard let value else { return 0 }
        guard value.isFinite, value >= 0, value < 1 else {
            throw .invalid("\(name) must lie in [0, 1) (got \(value.roundTripText))")
        }
        return value
    }
}
