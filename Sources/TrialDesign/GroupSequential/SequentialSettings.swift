import SurvivalAnalysis

/// The group-sequential part of a design as the user states it: the `--looks`,
/// `--information-rates`, `--spending`, `--gamma`, `--rho`, `--futility-spending`,
/// `--futility-gamma`, `--futility-rho` flags of `survkit design` (and `boundaries`), with the same
/// names as design-file keys, plus `previous-looks`, the looks an interim analysis has already
/// done (read by `survkit interim`, ignored by `design`).
///
/// Kept apart from ``DesignSettings/Key`` because these settings describe when the trial looks,
/// not what it assumes; a design without them is a fixed (one-look) design.
public struct SequentialSettings: Sendable, Equatable {
    /// The settings' names, as flags (`--looks`) and design-file keys (`looks`).
    public enum Key: String, CaseIterable, Sendable {
        case looks, informationRates = "information-rates", spending, gamma, rho
        case futilitySpending = "futility-spending", futilityGamma = "futility-gamma", futilityRho = "futility-rho"
        case previousLooks = "previous-looks"
    }

    /// Number of looks K.
    public var looks: Int?
    /// Cumulative information rates; equally spaced when nil.
    public var informationRates: [Double]?
    /// Alpha-spending family (O'Brien–Fleming, Pocock, Hwang–Shih–DeCani, Kim–DeMets).
    public var spending: SpendingFamily?
    /// γ of the Hwang–Shih–DeCani alpha spending.
    public var gamma: Double?
    /// ρ of the Kim–DeMets alpha spending.
    public var rho: Double?
    /// Beta-spending family of non-binding futility bounds; nil for none.
    public var futilitySpending: SpendingFamily?
    /// γ of the Hwang–Shih–DeCani beta spending.
    public var futilityGamma: Double?
    /// ρ of the Kim–DeMets beta spending.
    public var futilityRho: Double?
    /// The looks already analysed, in order (``PreviousLook/parse(_:)``).
    public var previousLooks: [PreviousLook]?

    /// No group-sequential settings (a fixed design).
    public init() {}

    /// Whether the design looks more than once: looks or information rates are given.
    public var isSequential: Bool { looks != nil || informationRates != nil }

    /// The information rates the settings ask for: given, or `looks` equally spaced.
    /// - Complexity: O(K).
    public func rates() throws(DesignError) -> InformationRates {
        switch (looks, informationRates) {
        case (nil, nil):
            throw .invalid("\(Key.looks) (or \(Key.informationRates)) is required")
        case (let k?, nil):
            guard k >= 1 else { throw .invalid("\(Key.looks) must be at least 1, got \(k)") }
            do throws(GroupSequentialError) { return try InformationRates.equallySpaced(looks: k) } catch { throw DesignError(error) }
        case (let k, let given?):
            if let k, k != given.count {
                throw .invalid("\(Key.looks) is \(k) but \(Key.informationRates) has \(given.count) values")
            }
            do throws(GroupSequentialError) { return try InformationRates(given) } catch {
                throw .invalid("\(Key.informationRates): \(error.description)")
            }
        }
    }

    /// The validated group-sequential design at the trial's error rates, or nil when no looks are
    /// asked for (then spending settings are an error: they would be silently unused).
    /// - Parameters:
    ///   - alpha: total type I error (two-sided total when `sides` is 2).
    ///   - sides: 1 or 2.
    ///   - power: the target power (defines the alternative and the beta spending).
    ///   - spell: how the caller's messages write a setting's name (the spending functions'
    ///     messages are plain text): bare names by default, `--name` from the CLI.
    /// - Complexity: O(K).
    public func design(alpha: Double, sides: Int, power: Double,
                       spell: (SettingName) -> String = \.rawValue) throws(DesignError) -> GroupSequentialDesign? {
        guard isSequential else {
            if spending != nil || gamma != nil || rho != nil || futilitySpending != nil
                || futilityGamma != nil || futilityRho != nil {
                throw .invalid("spending settings need looks: give \(Key.looks) (or \(Key.informationRates))")
            }
            return nil
        }
        let rates = try rates()
        do throws(GroupSequentialError) {
            let efficacy = try SpendingFunction(family: spending ?? .obrienFleming, gamma: gamma, rho: rho,
                                                names: (spell(Key.gamma.name), spell(Key.rho.name)))
            var futility: SpendingFunction? = nil
            if let futilitySpending {
                futility = try SpendingFunction(family: futilitySpending, gamma: futilityGamma, rho: futilityRho,
                                                names: (spell(Key.futilityGamma.name), spell(Key.futilityRho.name)))
            } else if futilityGamma != nil || futilityRho != nil {
                throw GroupSequentialError.invalidParameter(
                    "\(spell(Key.futilityGamma.name)) and \(spell(Key.futilityRho.name)) need \(spell(Key.futilitySpending.name))")
            }
            return try GroupSequentialDesign(informationRates: rates, alpha: alpha, sides: sides,
                                             spending: efficacy, futilitySpending: futility, power: power)
        } catch {
            throw DesignError(error)
        }
    }
}

/// A look an interim analysis has already done: its cumulative events and its log-rank Z, signed
/// as survkit's `interim` reports it (positive in the direction of the design's alternative).
public struct PreviousLook: Sendable, Equatable {
    /// Cumulative events at that look.
    public let events: Double
    /// The log-rank Z at that look, positive in the direction of the alternative.
    public let z: Double

    /// A previous look from its events and signed Z.
    public init(events: Double, z: Double) {
        self.events = events
        self.z = z
    }

    /// Parses `events1:z1,events2:z2,...` (the `--previous-looks` flag and design-file key).
    /// Each look needs a positive whole number of events and a finite Z, and the events must
    /// increase from look to look.
    /// - Complexity: O(length of the text).
    public static func parse(_ text: String) throws(DesignError) -> [PreviousLook] {
        var looks: [PreviousLook] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            let trimmed = parts.map { $0.trimmingCharacters(in: " ") }
            guard parts.count == 2, let events = Double(trimmed[0]), let z = Double(trimmed[1]) else {
                throw .invalid("previous looks are written events:z,events:z,... ('\(item)' is not events:z)")
            }
            guard events.isFinite, events > 0, events == events.rounded() else {
                throw .invalid("previous look \(looks.count + 1): events must be a positive whole number, got \(trimmed[0])")
            }
            guard z.isFinite else { throw .invalid("previous look \(looks.count + 1): z must be finite, got \(trimmed[1])") }
            if let last = looks.last, !(events > last.events) {
                throw .invalid("previous looks: events must increase from look to look, but look \(looks.count + 1) has \(trimmed[0]) after \(last.events.roundTripText)")
            }
            looks.append(PreviousLook(events: events, z: z))
        }
        return looks
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

extension DesignSettings {
    /// The group-sequential design these settings ask for, at their alpha, sides and power (with
    /// the same defaults as ``assumptions()``); nil for a fixed design.
    /// - Complexity: O(K).
    public func sequentialDesign() throws(DesignError) -> GroupSequentialDesign? {
        try sequential.design(alpha: alpha ?? 0.05, sides: sides ?? 2, power: power ?? 0.8)
    }
}
