internal import Foundation
import SurvivalAnalysis
internal import Yams

/// Reads a design file: YAML (or JSON, which YAML reads too) whose keys are the `design` flag
/// names without dashes in front (`median-control: 11`), so the same file feeds `design`,
/// `simulate` and reports. Lists may be YAML sequences (`accrual-times: [0, 6, 18]`) or
/// comma-separated text. `trial` and `description` are free text for people. An unknown key,
/// a value of the wrong type or a YAML syntax error is an `InputError` (SurvivalAnalysis) naming the line and column.
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
        var seen: [String: String] = [:]   // canonical name -> the spelling used
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw error(at: keyNode, file: file, "keys must be plain names")
            }
            if descriptiveKeys.contains(key) {
                guard seen.updateValue(key, forKey: key) == nil else {
                    throw error(at: keyNode, file: file, "key '\(key)' appears twice")
                }
                continue
            }
            guard let row = DesignSettings.setting(named: key) else {
                let names = DesignSettings.table.map(\.name.rawValue).joined(separator: ", ")
                throw error(at: keyNode, file: file, "unknown key '\(key)' (known: \(names), trial, description)")
            }
            if let earlier = seen.updateValue(key, forKey: row.name.rawValue) {
                throw error(at: keyNode, file: file, earlier == key
                    ? "key '\(key)' appears twice" : "keys '\(earlier)' and '\(key)' are the same setting")
            }
            do {
                try row.read(settingValue(value), &settings)
            } catch {
                let items = value.sequence.map(Array.init) ?? []
                let at = error.item.flatMap { $0 < items.count ? items[$0] : nil } ?? value
                throw DesignFile.error(at: at, file: file, error.message)
            }
        }
        return settings
    }

    /// The node as the settings table reads it.
    private static func settingValue(_ node: Node) -> SettingValue {
        switch node {
        case .scalar(let scalar): return .scalar(scalar.string)
        case .sequence(let sequence): return .list(sequence.map { $0.scalar?.string })
        default: return .mapping
        }
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
