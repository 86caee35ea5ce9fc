/// The name of a setting that is not a design-file key: the `simulate`-only inputs and the
/// partial-run selector. The settings of a design file are ``DesignSettings/Key`` and
/// ``SequentialSettings/Key``; all three spell a setting the way a design file does
/// (`hazards-control`), and a front end words it (the CLI as `--hazards-control`).
public struct SettingName: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let hazardTimes = SettingName(rawValue: "hazard-times")
    public static let hazardsTreatment = SettingName(rawValue: "hazards-treatment")
    public static let hazardsControl = SettingName(rawValue: "hazards-control")
    public static let blockSize = SettingName(rawValue: "block-size")
    public static let randomisation = SettingName(rawValue: "randomisation")
    public static let shard = SettingName(rawValue: "shard")
}

/// A message that names settings by their typed key, so the library never spells a front end's
/// flag: the CLI renders ``SettingName``s as `--name` (``spelled(_:)``), a plain ``description``
/// leaves the bare name. Write one with interpolation: `"give \(.medianControl)"`.
public struct SettingText: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public enum Part: Hashable, Sendable {
        case text(String)
        case setting(SettingName)
    }

    public private(set) var parts: [Part]

    public init(_ text: String) { parts = [.text(text)] }
    public init(stringLiteral value: String) { parts = [.text(value)] }
    public init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

    /// Appends `part`, merging adjacent texts so equal messages have equal parts however they
    /// were pieced together.
    mutating func append(_ part: Part) {
        if case .text(let next) = part, case .text(let last)? = parts.last {
            parts[parts.count - 1] = .text(last + next)
        } else {
            parts.append(part)
        }
    }

    /// The text with each setting written by `spell` (the CLI: `--` and the name).
    public func spelled(_ spell: (SettingName) -> String) -> String {
        parts.map { part in
            switch part {
            case .text(let t): t
            case .setting(let name): spell(name)
            }
        }.joined()
    }

    /// The text with bare setting names (`median-control`), as a design file writes them.
    public var description: String { spelled(\.rawValue) }

    /// The settings the text names, in order.
    public var settings: [SettingName] {
        parts.compactMap { if case .setting(let name) = $0 { name } else { nil } }
    }

    public struct Interpolation: StringInterpolationProtocol {
        var text = SettingText("")
        var parts: [Part] { text.parts }
        public init(literalCapacity: Int, interpolationCount: Int) { text.parts = [] }
        public mutating func appendLiteral(_ literal: String) { if !literal.isEmpty { text.append(.text(literal)) } }
        public mutating func appendInterpolation(_ name: SettingName) { text.append(.setting(name)) }
        public mutating func appendInterpolation(_ key: DesignSettings.Key) { text.append(.setting(key.name)) }
        public mutating func appendInterpolation(_ key: SequentialSettings.Key) { text.append(.setting(key.name)) }
        public mutating func appendInterpolation(_ other: SettingText) { for part in other.parts { text.append(part) } }
        public mutating func appendInterpolation<T>(_ value: T) { text.append(.text(String(describing: value))) }
    }
}

extension DesignSettings.Key {
    /// The key as a setting name.
    public var name: SettingName { SettingName(rawValue: rawValue) }
}

extension DesignSettings.DataKey {
    /// The key as a setting name.
    public var name: SettingName { SettingName(rawValue: rawValue) }
}

extension SequentialSettings.Key {
    /// The key as a setting name.
    public var name: SettingName { SettingName(rawValue: rawValue) }
}

extension SettingText {
    /// The two texts one after the other (long messages are written in pieces).
    public static func + (lhs: SettingText, rhs: SettingText) -> SettingText {
        var joined = lhs
        for part in rhs.parts { joined.append(part) }
        return joined
    }
}
