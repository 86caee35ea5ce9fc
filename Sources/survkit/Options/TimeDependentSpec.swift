import ArgumentParser

/// One `--tdc NAME=FILE:TIMECOL:VALUECOL`: a time-dependent covariate NAME taken from the long
/// file FILE, measured at TIMECOL with value VALUECOL (R's `tmerge(..., NAME = tdc(TIMECOL,
/// VALUECOL))` on that file). The file is split off from the right, so a path may hold ':'.
struct TimeDependentSpec: ExpressibleByArgument {
    let name: String
    let file: String
    let timeColumn: String
    let valueColumn: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[..<equals]).trimmingSpaces()
        let parts = argument[argument.index(after: equals)...].split(separator: ":", omittingEmptySubsequences: false)
        guard !name.isEmpty, parts.count >= 3 else { return nil }
        let file = parts.dropLast(2).joined(separator: ":")
        let time = String(parts[parts.count - 2]).trimmingSpaces(), value = String(parts[parts.count - 1]).trimmingSpaces()
        guard !file.isEmpty, !time.isEmpty, !value.isEmpty else { return nil }
        self.name = name
        self.file = file
        self.timeColumn = time
        self.valueColumn = value
    }

    static var defaultValueDescription: String { "NAME=FILE:TIMECOL:VALUECOL" }
}
