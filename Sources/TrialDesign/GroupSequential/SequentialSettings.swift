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
        case boundaryType = "boundary-type", delta, spendingValues = "spending-values"
        case bindingFutility = "binding-futility"
        case futilityBounds = "futility-bounds"
        case minEventsPerLook = "min-events-per-look", maxEventsPerLook = "max-events-per-look"
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
    /// Classical efficacy boundaries instead of alpha spending (rpact P, OF, WT, HP).
    public var boundaryType: BoundaryType?
    /// Δ of Wang–Tsiatis boundaries.
    public var delta: Double?
    /// User-defined cumulative alpha per look (rpact asUser), instead of a spending function.
    public var spendingValues: [Double]?
    /// Whether the futility bounds are binding.
    public var bindingFutility: Bool?
    /// Futility bounds on the Z scale, one per look but the last (rpact `futilityBounds`),
    /// instead of beta spending.
    public var futilityBounds: [Double]?
    /// The fewest cumulative events each look may fall at (``LookWindows``).
    public var minEventsPerLook: [Double]?
    /// The most cumulative events each look may fall at (``LookWindows``).
    public var maxEventsPerLook: [Double]?

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
                || futilityGamma != nil || futilityRho != nil || boundaryType != nil || delta != nil
                || spendingValues != nil || bindingFutility != nil || futilityBounds != nil
                || minEventsPerLook != nil || maxEventsPerLook != nil {
                throw .invalid("spending settings need looks: give \(Key.looks) (or \(Key.informationRates))")
            }
            return nil
        }
        let rates = try rates()
        do throws(GroupSequentialError) {
            let rule = try efficacyRule(spell: spell)
            let efficacy: SpendingFunction
            if case .spending(let f) = rule { efficacy = f } else { efficacy = .obrienFleming }
            var futility: SpendingFunction? = nil
            if let futilitySpending {
                futility = try SpendingFunction(family: futilitySpending, gamma: futilityGamma, rho: futilityRho,
                                                names: (spell(Key.futilityGamma.name), spell(Key.futilityRho.name)))
            } else if futilityGamma != nil || futilityRho != nil {
                throw GroupSequentialError.invalidParameter(
                    "\(spell(Key.futilityGamma.name)) and \(spell(Key.futilityRho.name)) need \(spell(Key.futilitySpending.name))")
            }
            if let futilityBounds {
                if futility != nil {
                    throw GroupSequentialError.invalidParameter(
                        "give \(spell(Key.futilityBounds.name)) or \(spell(Key.futilitySpending.name)), not both: each defines the futility bounds")
                }
                if futilityBounds.count != rates.count - 1 {
                    throw GroupSequentialError.invalidParameter(
                        "\(spell(Key.futilityBounds.name)) has \(futilityBounds.count) values but the design has \(rates.count) looks: give one z value per look but the last (\(rates.count - 1))")
                }
                if sides != 1 {
                    throw GroupSequentialError.invalidParameter("\(spell(Key.futilityBounds.name)) needs a one-sided design (sides 1)")
                }
            }
            if bindingFutility == true, futility == nil, futilityBounds == nil {
                throw GroupSequentialError.invalidParameter(
                    "\(spell(Key.bindingFutility.name)) needs futility bounds: give \(spell(Key.futilitySpending.name)) or \(spell(Key.futilityBounds.name))")
            }
            if futility != nil, let type = rule.boundaryType {
                throw GroupSequentialError.invalidParameter(
                    "\(spell(Key.futilitySpending.name)) needs alpha-spending efficacy bounds, not \(spell(Key.boundaryType.name)) \(type.rawValue): drop one of them")
            }
            if let values = spendingValues, values.count != rates.count {
                throw GroupSequentialError.invalidParameter(
                    "\(spell(Key.spendingValues.name)) has \(values.count) values but the design has \(rates.count) looks: give one cumulative alpha per look")
            }
            return try GroupSequentialDesign(informationRates: rates, alpha: alpha, sides: sides,
                                             spending: efficacy, futilitySpending: futility, power: power,
                                             efficacy: rule, bindingFutility: bindingFutility ?? false,
                                             futilityBounds: futilityBounds)
        } catch {
            throw DesignError(error)
        }
    }

    /// The windows of events the looks may fall in, or nil when neither limit is given.
    /// - Complexity: O(K).
    public func lookWindows(spell: (SettingName) -> String = \.rawValue) throws(DesignError) -> LookWindows? {
        guard minEventsPerLook != nil || maxEventsPerLook != nil else { return nil }
        let K = try rates().count
        do throws(GroupSequentialError) {
            return try LookWindows(minimum: minEventsPerLook, maximum: maxEventsPerLook, looks: K)
        } catch {
            throw .invalid("\(spell(Key.minEventsPerLook.name))/\(spell(Key.maxEventsPerLook.name)): \(error.description)")
        }
    }

    /// The efficacy rule the settings ask for: at most one of a spending family, spending values
    /// and a boundary type; alpha spending (O'Brien–Fleming type) when none is given.
    private func efficacyRule(spell: (SettingName) -> String) throws(GroupSequentialError) -> EfficacyRule {
        let given = [spending.map { _ in Key.spending }, spendingValues.map { _ in Key.spendingValues },
                     boundaryType.map { _ in Key.boundaryType }].compactMap { $0 }
        guard given.count <= 1 else {
            throw .invalidParameter("give one of \(given.map { spell($0.name) }.joined(separator: ", ")), not several: each defines the efficacy bounds")
        }
        if let boundaryType {
            if gamma != nil || rho != nil {
                throw .invalidParameter("\(spell(Key.gamma.name)) and \(spell(Key.rho.name)) apply to spending functions, not to \(spell(Key.boundaryType.name))")
            }
            return try EfficacyRule.classical(type: boundaryType, delta: delta, deltaName: spell(Key.delta.name))
        }
        if delta != nil {
            throw .invalidParameter("\(spell(Key.delta.name)) needs \(spell(Key.boundaryType.name)) wang-tsiatis")
        }
        if let spendingValues {
            if gamma != nil || rho != nil {
                throw .invalidParameter("\(spell(Key.gamma.name)) and \(spell(Key.rho.name)) apply to spending functions, not to \(spell(Key.spendingValues.name))")
            }
            return .userSpending(spendingValues)
        }
        return .spending(try SpendingFunction(family: spending ?? .obrienFleming, gamma: gamma, rho: rho,
                                              names: (spell(Key.gamma.name), spell(Key.rho.name))))
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
