import TrialDesign

/// `survkit simulate --grid`: simulated power over a range of one setting, each with its Monte
/// Carlo standard error and a 95% Monte Carlo interval (power ± 1.96·SE), beside the mean events,
/// analysis time and patients. Rendering only: the summaries come computed.
///
/// CSV is one row per scenario; JSON holds `grid_setting`, `replicates`, `seed` and `scenarios`,
/// an array of the same rows; text is one aligned table.
public struct ScenarioGridReport: Report, Sendable {
    /// The simulations of the grid.
    public let run: ScenarioGridRun

    /// A report of `run`.
    public init(_ run: ScenarioGridRun) { self.run = run }

    /// The keys of each scenario row, in output order (docs/simulate.md).
    public static let rowKeys = [
        "value", "power", "power_se", "power_lower", "power_upper", "rejections", "events_not_reached",
        "mean_events", "mean_analysis_time", "mean_patients", "mean_dropouts",
    ]

    private func values(_ s: ScenarioResult) -> [Double] {
        let m = s.summary
        return [s.value, m.power, m.powerStandardError, s.powerInterval.lower, s.powerInterval.upper,
                Double(m.rejections), Double(m.eventsNotReached),
                m.events.mean, m.analysisTime.mean, m.patients.mean, m.dropouts.mean]
    }

    /// - Complexity: O(scenarios).
    public func csv() -> String {
        var writer = CSVWriter(header: [run.grid.axis.rawValue.replacingOccurrences(of: "-", with: "_")] + Self.rowKeys.dropFirst())
        for s in run.scenarios {
            let v = values(s)
            writer.append(v.enumerated().map { i, x in i == 5 || i == 6 ? .int(Int(x)) : .number(x) })
        }
        return writer.rendered()
    }

    /// - Complexity: O(scenarios).
    public func json() -> JSONValue {
        let rows: [JSONValue] = run.scenarios.map { s in
            let v = values(s)
            return .object(zip(Self.rowKeys, v).enumerated().map { i, pair in
                (pair.0, i == 5 || i == 6 ? .int(Int(pair.1)) : .number(pair.1))
            })
        }
        return .object([
            ("grid_setting", .string(run.grid.axis.rawValue)),
            ("replicates", .int(run.settings.replicates)),
            ("seed", .int(Int(run.settings.seed))),
            ("scenarios", .array(rows)),
        ])
    }

    /// - Complexity: O(scenarios).
    public func text() -> String {
        var out = "Simulated power over \(run.grid.axis.rawValue): \(run.settings.replicates) replicates per scenario, "
            + "seed \(run.settings.seed) (the same streams in every scenario)\n\n"
        var table = TextTable(numeric: [run.grid.axis.rawValue, "power", "MC SE", "95% MC interval",
                                        "mean events", "mean analysis time", "mean patients"])
        for s in run.scenarios {
            let v = values(s)
            table.append([NumberText.significant(v[0], digits: 6), NumberText.fixed(v[1], decimals: 4),
                          NumberText.fixed(v[2], decimals: 4),
                          "\(NumberText.fixed(v[3], decimals: 4))–\(NumberText.fixed(v[4], decimals: 4))",
                          NumberText.fixed(v[7], decimals: 2), NumberText.fixed(v[8], decimals: 2),
                          NumberText.fixed(v[9], decimals: 2)])
        }
        out += table.rendered(indent: 2)
        let short = run.scenarios.filter { $0.summary.eventsNotReached > 0 }
        if !short.isEmpty {
            out += "\nIn \(short.count) scenario(s) some trials never reached the target events; they count as not rejecting.\n"
        }
        return out
    }
}
