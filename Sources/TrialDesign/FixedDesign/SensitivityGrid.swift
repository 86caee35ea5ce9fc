import SurvivalAnalysis

private typealias K = DesignSettings.Key

/// The accrual and follow-up times a sensitivity table runs over:
/// `accrual=12:36:6,follow-up=6:36:6` (from:to:step, or one value).
public struct SensitivityGrid: Sendable, Equatable {
    /// The most values one axis may have (`accrual=0:1e300:1e-300` is refused, not allocated).
    public static let maximumValuesPerAxis = 10_000
    /// The most accrual × follow-up cells a table may have (each cell is a design solve).
    public static let maximumCells = 100_000

    /// Uniform accrual durations; nil keeps the design's accrual.
    public let accrualTimes: [Double]?
    /// Follow-up times; nil keeps the design's follow-up.
    public let followUps: [Double]?

    /// A grid over accrual times and follow-ups; throws when a list is empty, too long or has a value outside its domain.
    public init(accrualTimes: [Double]?, followUps: [Double]?) throws(DesignError) {
        guard accrualTimes != nil || followUps != nil else {
            throw .invalid("the grid needs accrual=FROM:TO:STEP and/or follow-up=FROM:TO:STEP")
        }
        for t in accrualTimes ?? [] where !(t.isFinite && t > 0) {
            throw .invalid("grid accrual times must be positive (got \(t.roundTripText))")
        }
        for t in followUps ?? [] where !(t.isFinite && t >= 0) {
            throw .invalid("grid follow-up times must not be negative (got \(t.roundTripText))")
        }
        let cells = (accrualTimes?.count ?? 1).multipliedReportingOverflow(by: followUps?.count ?? 1)
        guard !cells.overflow, cells.partialValue <= SensitivityGrid.maximumCells else {
            throw .invalid("the grid has more than \(SensitivityGrid.maximumCells) accrual × follow-up cells")
        }
        self.accrualTimes = accrualTimes
        self.followUps = followUps
    }

    /// Parses `accrual=12:36:6,follow-up=6:36:6`.
    /// - Complexity: O(grid values).
    public init(parsing text: String) throws(DesignError) {
        var accrual: [Double]?, followUp: [Double]?
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", omittingEmptySubsequences: false)
            guard pair.count == 2 else { throw .invalid("grid item '\(part)' is not NAME=FROM:TO:STEP") }
            let values = try SensitivityGrid.range(pair[1].trimmingCharacters())
            switch pair[0].trimmingCharacters() {
            case "accrual", "accrual-time":
                guard accrual == nil else { throw .invalid("grid names accrual twice") }
                accrual = values
            case "follow-up":
                guard followUp == nil else { throw .invalid("grid names follow-up twice") }
                followUp = values
            default:
                throw .invalid("grid axis '\(pair[0])' is not accrual or follow-up")
            }
        }
        try self.init(accrualTimes: accrual, followUps: followUp)
    }

    /// `from:to:step` → from, from+step, … ≤ to (computed as from + k·step, without drift); or one value.
    static func range(_ text: String) throws(DesignError) -> [Double] {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters()) }
        guard !parts.contains(where: { $0 == nil || !$0!.isFinite }) else {
            throw .invalid("grid range '\(text)' is not FROM:TO:STEP (numbers)")
        }
        let v = parts.map { $0! }
        switch v.count {
        case 1: return v
        case 3:
            let (from, to, step) = (v[0], v[1], v[2])
            guard step > 0, to >= from else { throw .invalid("grid range '\(text)' needs TO ≥ FROM and STEP > 0") }
            // The count is checked as a Double before it becomes an Int: (to − from)/step can be
            // 1e600 = +Inf, and Int(Inf) traps.
            let steps = ((to - from) / step + 1e-9).rounded(.down)
            guard steps.isFinite, steps + 1 <= Double(SensitivityGrid.maximumValuesPerAxis) else {
                throw .invalid("grid range '\(text)' has more than \(SensitivityGrid.maximumValuesPerAxis) values")
            }
            let count = Int(steps) + 1
            return (0..<count).map { from + Double($0) * step }
        default:
            throw .invalid("grid range '\(text)' is not FROM:TO:STEP")
        }
    }
}

/// One accrual/follow-up pair of a sensitivity table.
public struct SensitivityCell: Sendable, Equatable {
    /// The patients needed for the target power under this pair.
    public let design: DesignResult
    /// The power the given patients have under this pair; nil when no patients were given.
    public let powerAtPatients: Double?
    /// The cell's accrual duration.
    public var accrualTime: Double { design.accrualTime! }
    /// The cell's follow-up.
    public var followUp: Double { design.followUp! }
    /// True when the given patients reach the target power (power ≥ target).
    public var reachesPower: Bool? { powerAtPatients.map { $0 >= design.power } }
}

/// Patients needed, and the power of a given number of patients, over a grid of uniform accrual
/// durations and follow-up times: which assumptions make a planned N enough.
public struct SensitivityAnalysis: Sendable, Equatable {
    /// The accrual × follow-up grid analysed.
    public let grid: SensitivityGrid
    /// The event-count formula.
    public let method: DesignMethod
    /// The assumptions shared by every cell.
    public let assumptions: TrialAssumptions
    /// Patients enrolled, whose power each cell reports.
    public let patients: Double?
    /// Settings that took their default value, for the report.
    public let defaults: [String]
    /// Accrual-major order: for each accrual time, each follow-up.
    public let cells: [SensitivityCell]

    /// Runs ``DesignSolver`` at every grid point (patients for the target power; power with `patients`).
    /// - Complexity: O(grid points), each a closed-form design.
    public init(assumptions: TrialAssumptions, method: DesignMethod, patients: Double?, grid: SensitivityGrid,
                defaults: [String] = []) throws(DesignError) {
        guard assumptions.hazardTreatment != nil else {
            throw .invalid("the grid needs the effect: give \(K.medianTreatment) or \(K.hazardRatio)")
        }
        if grid.accrualTimes != nil, let accrual = assumptions.accrual, !accrual.isUniform {
            throw .invalid("a grid over accrual times sets uniform accrual: drop \(K.accrualTimes)/\(K.accrualRates)")
        }
        let accruals: [Accrual]
        if let times = grid.accrualTimes {
            var list: [Accrual] = []
            for t in times { list.append(try Accrual.uniform(duration: t)) }
            accruals = list
        } else if let accrual = assumptions.accrual, !accrual.isOpenEnded {
            accruals = [accrual]
        } else {
            throw .invalid("the grid needs accrual=FROM:TO:STEP or a fixed accrual (\(K.accrualTime))")
        }
        guard let followUps = grid.followUps ?? assumptions.followUp.map({ [$0] }) else {
            throw .invalid("the grid needs follow-up=FROM:TO:STEP or \(K.followUp)")
        }
        var cells: [SensitivityCell] = []
        for accrual in accruals {
            for followUp in followUps {
                let point = try assumptions.with(accrual: accrual, followUp: followUp)
                let design = try DesignSolver.solve(DesignRequest(assumptions: point, method: method))
                let power = try patients.map { n throws(DesignError) in
                    try DesignSolver.solve(DesignRequest(assumptions: point, method: method, unknown: .power, patients: n)).power
                }
                cells.append(SensitivityCell(design: design, powerAtPatients: power))
            }
        }
        self.grid = grid
        self.method = method
        self.assumptions = assumptions
        self.patients = patients
        self.defaults = defaults
        self.cells = cells
    }
}
