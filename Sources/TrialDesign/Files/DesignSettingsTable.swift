import SurvivalAnalysis

/// The one table of design settings: each key's spelling (its ``DesignSettings/Key`` or
/// ``SequentialSettings/Key`` raw value), the property it fills (a key path), how its value is
/// read and written back, and which settings it replaces as a whole. The design-file reader
/// (``DesignFile``), the flag overrides (``DesignSettings/overridden(by:)``), the clearing of a
/// group (``DesignSettings/clear(_:)``) and the echo of given settings
/// (``DesignSettings/echoed()``) all iterate this table, so none of them spells a key.
///
/// ## Adding a setting
/// 1. Add its case to ``DesignSettings/Key`` (the raw value is the spelling: file key and, with
///    `--` in front, the CLI flag) and its optional property to ``DesignSettings``.
/// 2. Add one row below: `.number(.key, \.property)` (or `.whole`, `.numbers`, `.text`,
///    `.choice`), with `group:` if a flag giving it must replace the file's other form of the
///    same concept (as `hazard-ratio` replaces a file's `median-treatment`).
/// 3. In the CLI, add the `@Option` to `AssumptionOptions` (or the command) and one line to its
///    `flagSettings()`; then use the value where the settings are turned into assumptions.
/// The file reader, the overrides and the echo need no change.
public struct DesignSetting {
    /// Settings that describe one concept in alternative forms: a flag giving any member
    /// replaces the whole group from the file, instead of both forms being refused.
    public enum Group: Sendable, Hashable {
        /// `median-control` (and, in `simulate`, `--hazards-control`).
        case controlArm
        /// `median-treatment` or `hazard-ratio` (and, in `simulate`, `--hazards-treatment`).
        case treatmentEffect
        /// `accrual-time` (uniform) or `accrual-times`/`accrual-rates` (piecewise).
        case accrual
        /// `dropout-inflation` or the exponential `dropout-rate*`/`dropout-time`.
        case dropout
        /// `looks` and `information-rates`.
        case looks
        /// `spending` with its `gamma`/`rho`, or `spending-values`, or `boundary-type` with its `delta`.
        case spending
        /// `futility-spending` with its `futility-gamma`/`futility-rho`, or `futility-bounds`.
        case futilitySpending
    }

    /// The key as written in a design file (and, with `--`, as a flag).
    public let name: SettingName
    /// Other spellings a design file may use (`dropout` for `dropout-inflation`).
    public let aliases: [String]
    /// The group of settings that state one thing in different forms (e.g. medians or hazard ratio); nil for a setting that stands alone.
    public let group: Group?
    /// Whether giving this setting by flag replaces its whole group from the file (a spending
    /// family does; its `gamma` alone does not, so a flag's `--gamma` tunes the file's family).
    public let replacesGroup: Bool

    let read: (SettingValue, inout DesignSettings) throws(SettingValue.Problem) -> Void
    let isSet: (DesignSettings) -> Bool
    let copy: (DesignSettings, inout DesignSettings) -> Void
    let clear: (inout DesignSettings) -> Void
    let echo: (DesignSettings) -> SettingValue?

    private init<V>(_ name: SettingName, _ path: WritableKeyPath<DesignSettings, V?>, aliases: [String],
                    group: Group?, replacesGroup: Bool,
                    parse: @escaping (SettingValue) throws(SettingValue.Problem) -> V, write: @escaping (V) -> SettingValue) {
        self.name = name
        self.aliases = aliases
        self.group = group
        self.replacesGroup = replacesGroup
        read = { value, settings throws(SettingValue.Problem) in settings[keyPath: path] = try parse(value) }
        isSet = { $0[keyPath: path] != nil }
        copy = { from, to in to[keyPath: path] = from[keyPath: path] }
        clear = { $0[keyPath: path] = nil }
        echo = { $0[keyPath: path].map(write) }
    }

    /// A number; `check`, if given, refuses values outside the setting's range with its message.
    static func number(_ key: some SettingKey, _ path: WritableKeyPath<DesignSettings, Double?>,
                       aliases: [String] = [], group: Group? = nil, replacesGroup: Bool = true,
                       check: ((Double) -> String?)? = nil) -> DesignSetting {
        let name = key.name
        return DesignSetting(name, path, aliases: aliases, group: group, replacesGroup: replacesGroup,
                             parse: { value throws(SettingValue.Problem) in
                                 let v = try value.number(name)
                                 if let problem = check?(v) { throw SettingValue.Problem(problem) }
                                 return v
                             },
                             write: { .scalar(SettingValue.spell($0)) })
    }

    /// A whole number; `check` refuses values outside the setting's range with its message.
    static func whole(_ key: some SettingKey, _ path: WritableKeyPath<DesignSettings, Int?>, group: Group? = nil,
                      check: @escaping (Double) -> String?) -> DesignSetting {
        let name = key.name
        return DesignSetting(name, path, aliases: [], group: group, replacesGroup: true,
                             parse: { value throws(SettingValue.Problem) in
                                 let v = try value.number(name)
                                 if let problem = check(v) { throw SettingValue.Problem(problem) }
                                 return Int(v)
                             },
                             write: { .scalar(String($0)) })
    }

    static func numbers(_ key: some SettingKey, _ path: WritableKeyPath<DesignSettings, [Double]?>,
                        group: Group? = nil) -> DesignSetting {
        let name = key.name
        return DesignSetting(name, path, aliases: [], group: group, replacesGroup: true,
                             parse: { value throws(SettingValue.Problem) in try value.numbers(name) },
                             write: { .list($0.map(SettingValue.spell)) })
    }

    static func text(_ key: some SettingKey, _ path: WritableKeyPath<DesignSettings, String?>) -> DesignSetting {
        let name = key.name
        return DesignSetting(name, path, aliases: [], group: nil, replacesGroup: true,
                             parse: { value throws(SettingValue.Problem) in try value.text(name) },
                             write: { .scalar($0) })
    }

    static func choice<E: RawRepresentable & CaseIterable>(
        _ key: some SettingKey, _ path: WritableKeyPath<DesignSettings, E?>, group: Group? = nil
    ) -> DesignSetting where E.RawValue == String {
        let name = key.name
        return DesignSetting(name, path, aliases: [], group: group, replacesGroup: true,
                             parse: { value throws(SettingValue.Problem) in
                                 let t = try value.text(name)
                                 guard let choice = E(rawValue: t) else {
                                     throw SettingValue.Problem("\(name.rawValue) '\(t)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
                                 }
                                 return choice
                             },
                             write: { .scalar($0.rawValue) })
    }

    /// A yes/no setting: `true` or `false` in a file (a flag without a value on the command line).
    static func flag(_ key: some SettingKey, _ path: WritableKeyPath<DesignSettings, Bool?>) -> DesignSetting {
        let name = key.name
        return DesignSetting(name, path, aliases: [], group: nil, replacesGroup: true,
                             parse: { value throws(SettingValue.Problem) in
                                 switch try value.text(name).lowercased() {
                                 case "true", "yes": return true
                                 case "false", "no": return false
                                 case let t: throw SettingValue.Problem("\(name.rawValue) must be true or false, not '\(t)'")
                                 }
                             },
                             write: { .scalar($0 ? "true" : "false") })
    }

    /// A time unit, spelled in any case (`months`, `Months`).
    static func unit(_ key: some SettingKey, _ path: WritableKeyPath<DesignSettings, TimeUnit?>) -> DesignSetting {
        let name = key.name
        return DesignSetting(name, path, aliases: [], group: nil, replacesGroup: true,
                             parse: { value throws(SettingValue.Problem) in
                                 let t = try value.text(name)
                                 guard let unit = TimeUnit(spelling: t) else {
                                     throw SettingValue.Problem("\(name.rawValue) must be days, weeks, months or years, not '\(t)'")
                                 }
                                 return unit
                             },
                             write: { .scalar($0.rawValue) })
    }

    /// `previous-looks`: a list of `events:z` items, or one comma-separated text as the flag takes.
    static func previousLooks(_ path: WritableKeyPath<DesignSettings, [PreviousLook]?>) -> DesignSetting {
        DesignSetting(SequentialSettings.Key.previousLooks.name, path, aliases: [], group: nil, replacesGroup: true,
                      parse: { value throws(SettingValue.Problem) in
                          let text: String
                          switch value {
                          case .scalar(let t): text = t
                          case .list(let items):
                              var parts: [String] = []
                              for (i, item) in items.enumerated() {
                                  guard let item else { throw SettingValue.Problem("previous-looks items are events:z", item: i) }
                                  parts.append(item)
                              }
                              text = parts.joined(separator: ",")
                          case .mapping:
                              throw SettingValue.Problem("previous-looks must be events:z,events:z,... or a list of events:z")
                          }
                          do throws(DesignError) {
                              return try PreviousLook.parse(text)
                          } catch {
                              throw SettingValue.Problem(error.message)
                          }
                      },
                      write: { .list($0.map { "\(SettingValue.spell($0.events)):\(SettingValue.spell($0.z))" }) })
    }
}

/// The typed keys a setting is named by.
public protocol SettingKey {
    var name: SettingName { get }
}

extension DesignSettings.Key: SettingKey {}
extension SequentialSettings.Key: SettingKey {}
extension DesignSettings.DataKey: SettingKey {}
extension DesignSettings.NonProportionalKey: SettingKey {}

extension DesignSettings {
    /// Every design-file key, in the order `survkit design --help` lists the flags.
    public static var table: [DesignSetting] {
        typealias K = DesignSettings.Key
        typealias S = SequentialSettings.Key
        typealias N = DesignSettings.NonProportionalKey
        return [
            .number(K.medianControl, \.medianControl, group: .controlArm),
            .number(K.medianTreatment, \.medianTreatment, group: .treatmentEffect),
            .number(K.hazardRatio, \.hazardRatio, group: .treatmentEffect),
            .number(K.alpha, \.alpha),
            .whole(K.sides, \.sides) { $0 == $0.rounded() && abs($0) < 1e9 ? nil : "sides must be 1 or 2" },
            .number(K.power, \.power),
            .text(K.allocation, \.allocation),
            .number(K.accrualTime, \.accrualTime, group: .accrual),
            .numbers(K.accrualTimes, \.accrualTimes, group: .accrual),
            .numbers(K.accrualRates, \.accrualRates, group: .accrual),
            .number(K.followUp, \.followUp),
            .number(K.dropoutInflation, \.dropoutInflation, aliases: ["dropout"], group: .dropout),
            .number(K.dropoutProbability, \.dropoutProbability, group: .dropout),
            .number(K.dropoutProbabilityTreatment, \.dropoutProbabilityTreatment, group: .dropout),
            .number(K.dropoutProbabilityControl, \.dropoutProbabilityControl, group: .dropout),
            .number(K.dropoutTime, \.dropoutTime, group: .dropout),
            .choice(K.method, \.method),
            .choice(K.solve, \.solve),
            .number(K.patients, \.patients),
            .number(K.events, \.events),
            .text(K.grid, \.grid),
            .unit(DesignSettings.DataKey.timeUnit, \.timeUnit),
            .text(DesignSettings.DataKey.controlLabel, \.controlLabel),
            .whole(S.looks, \.sequential.looks, group: .looks) {
                $0 == $0.rounded() && $0 >= 1 && $0 <= Double(InformationRates.maximumLooks)
                    ? nil : "looks must be a whole number from 1 to \(InformationRates.maximumLooks)"
            },
            .numbers(S.informationRates, \.sequential.informationRates, group: .looks),
            .choice(S.spending, \.sequential.spending, group: .spending),
            .number(S.gamma, \.sequential.gamma, group: .spending, replacesGroup: false),
            .number(S.rho, \.sequential.rho, group: .spending, replacesGroup: false),
            .choice(S.futilitySpending, \.sequential.futilitySpending, group: .futilitySpending),
            .number(S.futilityGamma, \.sequential.futilityGamma, group: .futilitySpending, replacesGroup: false),
            .number(S.futilityRho, \.sequential.futilityRho, group: .futilitySpending, replacesGroup: false),
            .choice(S.boundaryType, \.sequential.boundaryType, group: .spending),
            .number(S.delta, \.sequential.delta, group: .spending, replacesGroup: false),
            .numbers(S.spendingValues, \.sequential.spendingValues, group: .spending),
            .numbers(S.futilityBounds, \.sequential.futilityBounds, group: .futilitySpending),
            .flag(S.bindingFutility, \.sequential.bindingFutility),
            .numbers(S.minEventsPerLook, \.sequential.minEventsPerLook),
            .numbers(S.maxEventsPerLook, \.sequential.maxEventsPerLook),
            .previousLooks(\.sequential.previousLooks),
            .numbers(N.hazardTimes, \.nonProportional.hazardTimes),
            .numbers(N.hazardsControl, \.nonProportional.hazardsControl),
            .numbers(N.hazardsTreatment, \.nonProportional.hazardsTreatment),
            .numbers(N.hazardRatios, \.nonProportional.hazardRatios),
            .number(N.delay, \.nonProportional.delay),
            .number(N.cureFraction, \.nonProportional.cureFractionControl),
            .number(N.cureFractionTreatment, \.nonProportional.cureFractionTreatment),
            .choice(N.nphMethod, \.nonProportional.method),
            .number(N.tau, \.nonProportional.tau),
            .number(N.fhRho, \.nonProportional.fhRho),
            .number(N.fhGamma, \.nonProportional.fhGamma),
            .number(DesignSettings.DataKey.priorEvents, \.priorEvents) {
                $0.isFinite && $0 > 0 ? nil : "prior-events must be a positive number of events"
            },
        ]
    }

    /// The table's row for a design-file key or one of its aliases.
    public static func setting(named name: String) -> DesignSetting? {
        table.first { $0.name.rawValue == name || $0.aliases.contains(name) }
    }

    /// These settings with every value `flags` sets replacing the one here. A flag that gives one
    /// form of a concept (``DesignSetting/Group``) replaces the file's whole group: `--hazard-ratio`
    /// drops a file's `median-treatment`, `--accrual-time` a file's piecewise accrual, `--spending`
    /// a file's `gamma`.
    /// - Complexity: O(number of settings).
    public func overridden(by flags: DesignSettings) -> DesignSettings {
        var s = self
        for row in Self.table where row.replacesGroup && row.isSet(flags) {
            if let group = row.group { s.clear(group) }
        }
        for row in Self.table where row.isSet(flags) { row.copy(flags, &s) }
        return s
    }

    /// Forgets every setting of `group` (a front end's own form of it replaces them).
    public mutating func clear(_ group: DesignSetting.Group) {
        for row in Self.table where row.group == group { row.clear(&self) }
    }

    /// The settings given, in table order, with the values a design file would hold: read back by
    /// ``DesignFile`` they give these settings again.
    public func echoed() -> [(name: SettingName, value: SettingValue)] {
        Self.table.compactMap { row in row.echo(self).map { (row.name, $0) } }
    }
}
