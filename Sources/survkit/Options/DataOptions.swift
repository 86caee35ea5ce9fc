import ArgumentParser
import SurvivalAnalysis

/// The data every analysis command reads: `DATA.csv --time COL --event COL [--group COL] [--strata COL,...]`.
struct DataOptions: ParsableArguments {
    @Argument(help: "CSV file with a header row; '-' reads standard input.")
    var data: String

    @Option(help: "Column holding the follow-up time (finite, >= 0).")
    var time: String

    @Option(help: "Column holding the event indicator: 0/1, 1/2 (R: 1 = censored, 2 = event) or TRUE/FALSE.")
    var event: String

    @Option(help: "Column whose values define the groups compared.")
    var group: String?

    @Option(help: "Comma-separated stratification columns.", transform: CommaList.strings)
    var strata: [String] = []

    /// Options built in code (for commands whose data file is optional).
    static func make(data: String, time: String, event: String, group: String?) throws -> DataOptions {
        try DataOptions.parse([data, "--time", time, "--event", event] + (group.map { ["--group", $0] } ?? []))
    }

    /// Reads and validates the columns the command uses.
    func load(covariates: [String] = [], factors: [String] = [], weights: String? = nil,
              cluster: String? = nil, entry: String? = nil) throws -> SurvivalData {
        let table = try CSVTable(path: data)
        let spec = SurvivalDataSpec(time: time, event: event, group: group, strata: strata,
                                    covariates: covariates, factors: factors, weights: weights,
                                    cluster: cluster, entry: entry)
        return try SurvivalData(table: table, spec: spec)
    }
}

/// Parsing of comma-separated option values.
enum CommaList {
    static func strings(_ text: String) throws -> [String] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingSpaces()
        }
        guard !parts.contains(where: \.isEmpty) else { throw ValidationError("empty item in '\(text)'") }
        return parts
    }

    static func doubles(_ text: String) throws -> [Double] {
        try strings(text).map { part in
            guard let v = Double(part), v.isFinite else { throw ValidationError("'\(part)' is not a finite number") }
            return v
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
