/// What a set of design settings asks to compute: one fixed design, a sensitivity grid over
/// accrual and follow-up, or a group-sequential design. Choosing it (and refusing combinations
/// that mean nothing together) is a rule of the domain, so it lives here, not in a front end.
public enum DesignPlan: Sendable {
    /// One fixed design (``DesignSolver/solve(_:)``).
    case single(DesignRequest)
    /// A table of patients and power over accrual and follow-up (``SensitivityAnalysis``).
    case grid(assumptions: TrialAssumptions, method: DesignMethod, patients: Double?, grid: SensitivityGrid,
              defaults: [String])
    /// A group-sequential design solved for patients, power, follow-up or accrual time
    /// (``SequentialDesignSolver/solve(_:design:gridSize:)``).
    case sequential(DesignRequest, GroupSequentialDesign)
}

extension DesignSettings {
    /// The plan these settings ask for: looks make it group-sequential (solved for patients, power,
    /// follow-up or accrual time with an events formula), a grid makes it a sensitivity table, else one design.
    /// - Complexity: the validation of the settings, O(accrual pieces + looks).
    public func plan() throws(DesignError) -> DesignPlan {
        if let design = try sequentialDesign() {
            guard grid == nil else {
                throw .invalid("\(Key.grid) is for fixed designs: drop \(Key.grid) or \(SequentialSettings.Key.looks)")
            }
            guard unknown != .hazardRatio else {
                throw .invalid("a group-sequential design (\(SequentialSettings.Key.looks)) is solved for patients, power, follow-up or accrual time, not \(Key.solve) hazard-ratio")
            }
            guard method != .lachinFoulkes else {
                throw .invalid("a group-sequential design (\(SequentialSettings.Key.looks)) needs an events formula: \(Key.method) schoenfeld or freedman")
            }
            return .sequential(try request(), design)
        }
        if let grid = try sensitivityGrid() {
            guard solve == nil, events == nil else {
                throw .invalid("\(Key.grid) tabulates patients and the power of \(Key.patients): drop \(Key.solve) and \(Key.events)")
            }
            return .grid(assumptions: try assumptions(), method: method ?? .schoenfeld, patients: patients, grid: grid,
                         defaults: defaultsUsed())
        }
        return .single(try request())
    }
}
