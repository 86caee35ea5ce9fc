/// The unit of a time column. Conversions go through days: a week is 7 days, a month
/// 365.25/12 = 30.4375 days and a year 365.25 days (the Julian year, as survival analyses of
/// trials conventionally use).
public enum TimeUnit: String, Sendable, CaseIterable, Equatable {
    case days, weeks, months, years

    /// Days in one unit.
    public var days: Double {
        switch self {
        case .days: return 1
        case .weeks: return 7
        case .months: return 365.25 / 12
        case .years: return 365.25
        }
    }

    /// The factor that turns a time in `self` into a time in `other`.
    public func factor(to other: TimeUnit) -> Double { self == other ? 1 : days / other.days }

    /// Also accepts the singular and common abbreviations (`day`, `d`, `month`, `mo`, ...).
    public init?(spelling: String) {
        switch spelling.lowercased() {
        case "days", "day", "d": self = .days
        case "weeks", "week", "w", "wk", "wks": self = .weeks
        case "months", "month", "mo", "mon", "m": self = .months
        case "years", "year", "y", "yr", "yrs": self = .years
        default: return nil
        }
    }
}

extension SurvivalData {
    /// The data with every time (and a numeric entry) multiplied by `factor`, and entry dates
    /// (days from 1960-01-01) divided by `entryDaysPerUnit` when given.
    public func rescaled(timeBy factor: Double, entryDaysPerUnit: Double? = nil) -> SurvivalData {
        var out = self
        if factor != 1 {
            out.time = time.map { $0 * factor }
            out.start = start.map { $0.map { $0 * factor } }
        }
        if let entry {
            if let d = entryDaysPerUnit { out.entry = entry.map { $0 / d } } else if factor != 1 { out.entry = entry.map { $0 * factor } }
        }
        return out
    }

    /// The data with `level` first among the levels of the group (and of the factors and strata
    /// columns named `column`), as R's `relevel()`: the reference of Cox contrasts and the
    /// level the log-rank z of the others is against. Nil when `level` is not a level there.
    public func releveled(column: String, level: String) -> SurvivalData? {
        var out = self
        var found = false
        if spec.group == column, let g = group {
            guard let f = g.relevel(level) else { return nil }
            out.group = f; found = true
        }
        for (k, f) in factors.enumerated() where f.name == column {
            guard let r = f.factor.relevel(level) else { return nil }
            out.factors[k] = (f.name, r); found = true
        }
        return found ? out : nil
    }
}

extension Factor {
    /// `level` moved first, the others keeping their order; nil when it is not a level.
    /// With `toEnd`, `level` is moved last instead.
    public func relevel(_ level: String, toEnd: Bool = false) -> Factor? {
        guard let k = levels.firstIndex(of: level) ?? levels.firstIndex(where: { RowFilter.same($0, level) }) else { return nil }
        var order = Array(levels.indices)
        order.remove(at: k)
        if toEnd { order.append(k) } else { order.insert(k, at: 0) }
        if order == Array(levels.indices) { return self }
        var recode = [Int32](repeating: -1, count: levels.count)
        for (new, old) in order.enumerated() { recode[old] = Int32(new) }
        return Factor(codes: codes.map { $0 < 0 ? -1 : recode[Int($0)] }, levels: order.map { levels[$0] })
    }
}
