/// The name of a setting that is not a design-file key: the `simulate`-only inputs and the
/// partial-run selector. The settings of a design file are ``DesignSettings/Key`` and
/// ``SequentialSettings/Key``; all three spell a setting the way a design file does
/// (`hazards-control`), and a front end words it (the CLI as `--hazards-control`).
public struct SettingName: RawRepresentable, Hashable, Sendable {
    /// The setting's name as a design file key (`hazard-times`).
    public let rawValue: String
    /// A setting name from its design file key.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Cut points of piecewise-exponential hazards.
    public static let hazardTimes = SettingName(rawValue: "hazard-times")
    /// Piecewise hazards of the treatment arm.
    public static let hazardsTreatment = SettingName(rawValue: "hazards-treatment")
    /// Piecewise hazards of the control arm.
    public static let hazardsControl = SettingName(rawValue: "hazards-control")
    /// Block size of permuted-block randomisation.
    public static let blockSize = SettingName(rawValue: "block-size")
    /// Randomisation scheme of a simulation.
    public static let randomisation = SettingName(rawValue: "randomisation")
    /// The shard `i/n` of a simulation.
    public static let shard = SettingName(rawValue: "shard")
}

/// A message that names settings by their typed key, so the library never spells a front end's
/// flag: the CLI renders ``SettingName``s as `--name` (``spelled(_:)``), a plain ``description``
/// leaves the bare name. Write one with interpolation: `"give \(.medianControl)"`.
public struct SettingText: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A piece of a message: literal text or a setting's name, worded by the caller (flag or file key).
    public enum Part: Hashable, Sendable {
        case text(String)
        case setting(SettingName)
    }

    /// The message's pieces in order.
    public private(set) var parts: [Part]

    /// A message of plain text.
    public init(_ text: String) { parts = [.text(text)] }
    /// A message from a string literal.
    public init(stringLiteral value: String) { parts = [.text(value)] }
    /// A message from an interpolation whose setting names stay typed.
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

    /// The message back from its flag spelling (`--name`), as a shard file stores a plan's
    /// notes: every `--` followed by a lower-case name becomes that setting again, so
    /// `SettingText(flagSpelled: t.spelled { "--" + $0.rawValue }) == t` for texts whose literal
    /// parts hold no `--`.
    /// - Complexity: O(length).
    public init(flagSpelled text: String) {
        guard !text.isEmpty else { parts = [.text("")]; return }
        parts = []
        var rest = Substring(text)
        while let dashes = rest.range(of: "--") {
            let nameEnd = rest[dashes.upperBound...].firstIndex { !($0.isLowercase || $0 == "-") } ?? rest.endIndex
            let name = rest[dashes.upperBound..<nameEnd]
            guard let first = name.first, first.isLowercase else {
                append(.text(String(rest[..<dashes.upperBound])))
                rest = rest[dashes.upperBound...]
                continue
            }
            if dashes.lowerBound > rest.startIndex { append(.text(String(rest[..<dashes.lowerBound]))) }
            append(.setting(SettingName(rawValue: String(name))))
            rest = rest[nameEnd...]
        }
        if !rest.isEmpty { append(.text(String(rest))) }
    }

    /// The text with bare setting names (`median-control`), as a design file writes them.
    public var description: String { spelled(\.rawValue) }

    /// The settings the text names, in order.
    public var settings: [SettingName] {
        parts.compactMap { if case .setting(let name) = $0 { name } else { nil } }
    }

    /// Builds a ``SettingText`` from `"… \(key) …"`, keeping setting names typed.
    public struct Interpolation: StringInterpolationProtocol {
        var text = SettingText("")
        var parts: [Part] { text.parts }
        /// Starts an empty message.
        public init(literalCapacity: Int, interpolationCount: Int) { text.parts = [] }
        /// Appends literal text.
        public mutating func appendLiteral(_ literal: String) { if !literal.isEmpty { text.append(.text(literal)) } }
        /// Appends a setting's name.
        public mutating func appendInterpolation(_ name: SettingName) { text.append(.setting(name)) }
        /// Appends a design setting's name.
        public mutating func appendInterpolation(_ key: DesignSettings.Key) { text.append(.setting(key.name)) }
        /// Appends a group-sequential setting's name.
        public mutating func appendInterpolation(_ key: SequentialSettings.Key) { text.append(.setting(key.name)) }
        /// Appends another message's pieces.
        public mutating func appendInterpolation(_ other: SettingText) { for part in other.parts { text.append(part) } }
        /// Appends any other value as its description.
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

extension DesignSettings.NonProportionalKey {
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
