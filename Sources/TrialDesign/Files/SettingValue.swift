internal import Foundation
import SurvivalAnalysis

/// A setting's value as a design file holds it, before it is typed: one scalar, a list of
/// scalars (nil for an item that is not one), or a mapping (never valid). Keeping the reader's
/// node type (YAML) out of ``DesignSetting`` lets any front end feed the table.
public enum SettingValue: Equatable, Sendable {
    case scalar(String)
    case list([String?])
    case mapping

    /// Why a value does not fit its setting; `item` is the list item at fault, if one is.
    public struct Problem: Error, Equatable, Sendable {
        /// Why the value is not acceptable.
        public let message: String
        /// The 0-based item of a list value the problem is in, if any.
        public let item: Int?
        /// A problem with a setting's value, optionally in one item of a list.
        public init(_ message: String, item: Int? = nil) {
            self.message = message
            self.item = item
        }
    }

    func number(_ name: SettingName) throws(Problem) -> Double {
        guard case .scalar(let t) = self, let v = Double(t.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            throw Problem("\(name.rawValue) must be a finite number")
        }
        return v
    }

    func text(_ name: SettingName) throws(Problem) -> String {
        guard case .scalar(let t) = self else { throw Problem("\(name.rawValue) must be a single value") }
        return t
    }

    /// A YAML list of numbers, or comma-separated text as the flags take.
    func numbers(_ name: SettingName) throws(Problem) -> [Double] {
        let key = name.rawValue
        let items: [String]
        switch self {
        case .list(let list):
            var texts: [String] = []
            for (i, item) in list.enumerated() {
                guard let item else { throw Problem("\(key) items must be numbers", item: i) }
                texts.append(item)
            }
            items = texts
        case .scalar(let text):
            items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        case .mapping:
            throw Problem("\(key) must be a list of numbers")
        }
        var values: [Double] = []
        for item in items {
            guard let v = Double(item.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw Problem("\(key) must be a list of finite numbers ('\(item)' is not)")
            }
            values.append(v)
        }
        guard !values.isEmpty else { throw Problem("\(key) is empty") }
        return values
    }

    /// Shortest text that reads back as the same double (`%.17g` trimmed), as the echo writes it.
    static func spell(_ x: Double) -> String {
        x.roundTripText
    }
}
