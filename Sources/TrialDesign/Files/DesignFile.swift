import Foundation
import SurvivalAnalysis
import Yams

/// Reads a design file: YAML (or JSON, which YAML reads too) whose keys are the `design` flag
/// names without dashes in front (`median-control: 11`), so the same file feeds `design`,
/// `simulate` and reports. Lists may be YAML sequences (`accrual-times: [0, 6, 18]`) or
/// comma-separated text. `trial` and `description` are free text for people. An unknown key,
/// a value of the wrong type or a YAML syntax error is an ``InputError`` naming the line and column.
public enum DesignFile {
    /// Keys that describe the trial for people and are not assumptions.
    public static let descriptiveKeys: Set<String> = ["trial", "description"]

    /// Loads and parses `path`.
    /// - Complexity: O(size of the file).
    public static func load(path: String) throws(InputError) -> DesignSettings {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError(file: path, message: "cannot read the design file")
        }
        return try parse(text, file: path)
    }

    /// Parses design-file text; `file` names it in errors.
    /// - Complexity: O(size of the text).
    public static func parse(_ text: String, file: String) throws(InputError) -> DesignSettings {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw located(error, file: file)
        } catch {
            throw InputError(file: file, message: "not YAML or JSON: \(error)")
        }
        guard let root else { throw InputError(file: file, message: "the design file is empty") }
        guard case .mapping(let mapping) = root else {
            throw InputError(file: file, line: root.mark?.line, column: root.mark?.column,
                             message: "a design file is a mapping of keys (median-control: 11, ...)")
        }
        var settings = DesignSettings()
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw error(at: keyNode, file: file, "keys must be plain names")
            }
            guard seen.insert(key).inserted else { throw error(at: keyNode, file: file, "key '\(key)' appears twice") }
            if descriptiveKeys.contains(key) { continue }
            if let sequential = SequentialSettings.Key(rawValue: key) {
                try set(sequential, from: value, in: &settings.sequential, file: file)
                continue
            }
            if let dataKey = DesignDataKey(rawValue: key) {
                guard let text = value.scalar?.string, !text.isEmpty else {
                    throw error(at: value, file: file, "\(key) must be a single value")
                }
                switch dataKey {
                case .timeUnit:
                    guard let unit = TimeUnit(spelling: text) else {
                        throw error(at: value, file: file, "time-unit must be days, weeks, months or years, not '\(text)'")
                    }
                    settings.timeUnit = unit.rawValue
                case .controlLabel: settings.controlLabel = text
                }
                continue
            }
            guard let known = DesignSettings.Key(rawValue: key) else {
                let names = (DesignSettings.Key.allCases.map(\.rawValue) + SequentialSettings.Key.allCases.map(\.rawValue)
                             + DesignDataKey.allCases.map(\.rawValue))
                    .joined(separator: ", ")
                throw error(at: keyNode, file: file, "unknown key '\(key)' (known: \(names), trial, description)")
            }
            try set(known, from: value, in: &settings, file: file)
        }
        return settings
    }

    private static func set(_ key: DesignSettings.Key, from node: Node, in s: inout DesignSettings,
                            file: String) throws(InputError) {
        func number() throws(InputError) -> Double { try DesignFile.number(node, key, file) }
        func list() throws(InputError) -> [Double] { try DesignFile.numbers(node, key, file) }
        func text() throws(InputError) -> String {
            guard let t = node.scalar?.string else { throw error(at: node, file: file, "\(key.rawValue) must be a single value") }
            return t
        }
        switch key {
        case .medianControl: s.medianControl = try number()
        case .medianTreatment: s.medianTreatment = try number()
        case .hazardRatio: s.hazardRatio = try number()
        case .alpha: s.alpha = try number()
        case .sides:
            let v = try number()
            guard v == v.rounded(), abs(v) < 1e9 else { throw error(at: node, file: file, "sides must be 1 or 2") }
            s.sides = Int(v)
        case .power: s.power = try number()
        case .allocation: s.allocation = try text()
        case .accrualTime: s.accrualTime = try number()
        case .accrualTimes: s.accrualTimes = try list()
        case .accrualRates: s.accrualRates = try list()
        case .followUp: s.followUp = try number()
        case .dropout: s.dropout = try number()
        case .dropoutRate: s.dropoutRate = try number()
        case .dropoutRateTreatment: s.dropoutRateTreatment = try number()
        case .dropoutRateControl: s.dropoutRateControl = try number()
        case .dropoutTime: s.dropoutTime = try number()
        case .method:
            let t = try text()
            guard let m = DesignMethod(rawValue: t) else {
                throw error(at: node, file: file, "method '\(t)' is not one of \(DesignMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            s.method = m
        case .solve:
            let t = try text()
            guard let u = DesignUnknown(rawValue: t) else {
                throw error(at: node, file: file, "solve '\(t)' is not one of \(DesignUnknown.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            s.solve = u
        case .patients: s.patients = try number()
        case .events: s.events = try number()
        case .grid: s.grid = try text()
        }
    }

    /// The group-sequential keys (``SequentialSettings``).
    private static func set(_ key: SequentialSettings.Key, from node: Node, in s: inout SequentialSettings,
                            file: String) throws(InputError) {
        func number() throws(InputError) -> Double { try DesignFile.number(node, key.rawValue, file) }
        func family() throws(InputError) -> SpendingFamily {
            guard let t = node.scalar?.string else { throw error(at: node, file: file, "\(key.rawValue) must be a single value") }
            guard let f = SpendingFamily(rawValue: t) else {
                throw error(at: node, file: file, "\(key.rawValue) '\(t)' is not one of \(SpendingFamily.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return f
        }
        switch key {
        case .looks:
            let v = try number()
            guard v == v.rounded(), v >= 1, v <= Double(InformationRates.maximumLooks) else {
                throw error(at: node, file: file, "looks must be a whole number from 1 to \(InformationRates.maximumLooks)")
            }
            s.looks = Int(v)
        case .informationRates: s.informationRates = try numbers(node, key.rawValue, file)
        case .spending: s.spending = try family()
        case .gamma: s.gamma = try number()
        case .rho: s.rho = try number()
        case .futilitySpending: s.futilitySpending = try family()
        case .futilityGamma: s.futilityGamma = try number()
        case .futilityRho: s.futilityRho = try number()
        case .previousLooks:
            // A YAML list of "events:z" items, or one comma-separated text as the flag takes.
            var text: String
            switch node {
            case .sequence(let sequence):
                var items: [String] = []
                for item in sequence {
                    guard let t = item.scalar?.string else { throw error(at: item, file: file, "previous-looks items are events:z") }
                    items.append(t)
                }
                text = items.joined(separator: ",")
            case .scalar(let scalar): text = scalar.string
            default: throw error(at: node, file: file, "previous-looks must be events:z,events:z,... or a list of events:z")
            }
            do {
                s.previousLooks = try PreviousLook.parse(text)
            } catch {
                throw DesignFile.error(at: node, file: file, error.message)
            }
        }
    }

    private static func number(_ node: Node, _ key: DesignSettings.Key, _ file: String) throws(InputError) -> Double {
        try number(node, key.rawValue, file)
    }

    private static func number(_ node: Node, _ key: String, _ file: String) throws(InputError) -> Double {
        guard let t = node.scalar?.string, let v = Double(t.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw error(at: node, file: file, "\(key) must be a finite number")
        }
        return v
    }

    private static func numbers(_ node: Node, _ key: DesignSettings.Key, _ file: String) throws(InputError) -> [Double] {
        try numbers(node, key.rawValue, file)
    }

    private static func numbers(_ node: Node, _ key: String, _ file: String) throws(InputError) -> [Double] {
        let items: [String]
        switch node {
        case .sequence(let sequence):
            var list: [String] = []
            for item in sequence {
                guard let t = item.scalar?.string else { throw error(at: item, file: file, "\(key) items must be numbers") }
                list.append(t)
            }
            items = list
        case .scalar(let scalar):
            items = scalar.string.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        default:
            throw error(at: node, file: file, "\(key) must be a list of numbers")
        }
        var values: [Double] = []
        for item in items {
            guard let v = Double(item.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw error(at: node, file: file, "\(key) must be a list of finite numbers ('\(item)' is not)")
            }
            values.append(v)
        }
        guard !values.isEmpty else { throw error(at: node, file: file, "\(key) is empty") }
        return values
    }

    private static func error(at node: Node, file: String, _ message: String) -> InputError {
        InputError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    private static func located(_ error: YamlError, file: String) -> InputError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return InputError(file: file, line: mark.line, column: mark.column, message: "YAML: \(problem)")
        default:
            let firstLine = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
            return InputError(file: file, message: "YAML: \(firstLine)")
        }
    }
}

/// Design-file keys about the data an interim analysis reads, not about the design itself:
/// `time-unit` (days, weeks, months, years: the unit of the file's medians, accrual and
/// follow-up, which data must match) and `control-label` (the group level of the control arm).
public enum DesignDataKey: String, CaseIterable, Sendable {
    case timeUnit = "time-unit", controlLabel = "control-label"
}
