import ArgumentParser

/// One `--tdc NAME=FILE:TIMECOL:VALUECOL` (or `--cumtdc`, `--event-from`, `--cumevent`, some
/// without the value column): a new column NAME taken from the long file FILE, measured at
/// TIMECOL with value VALUECOL (R's `tmerge(..., NAME = tdc(TIMECOL, VALUECOL))` on that file).
/// The columns are split off from the right, so a path may hold ':' when a value column is given.
struct TimeDependentSpec: ExpressibleByArgument {
    let name: String
    let file: String
    let timeColumn: String
    /// Nil for `NAME=FILE:TIMECOL` (tmerge's `tdc(time)`, `event(time)`, `cumevent(time)`).
    let valueColumn: String?

    /// `NAME=FILE:TIMECOL:VALUECOL` or `NAME=FILE:TIMECOL`: with three or more colon-separated
    /// parts the last two are the columns (so a file name may contain colons when a value column
    /// is given); with two, the file and the time column.
    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[..<equals]).trimmingSpaces()
        let parts = argument[argument.index(after: equals)...].split(separator: ":", omittingEmptySubsequences: false)
        guard !name.isEmpty, parts.count >= 2 else { return nil }
        let columns = parts.count == 2 ? 1 : 2
        let file = parts.dropLast(columns).joined(separator: ":")
        let time = String(parts[parts.count - columns]).trimmingSpaces()
        let value = columns == 2 ? String(parts[parts.count - 1]).trimmingSpaces() : nil
        guard !file.isEmpty, !time.isEmpty, value?.isEmpty != true else { return nil }
        self.name = name
        self.file = file
        self.timeColumn = time
        self.valueColumn = value
    }

    static var defaultValueDescription: String { "NAME=FILE:TIMECOL[:VALUECOL]" }
}
