import PlatformSupport
import GSLSupport

/// The spending-function families survkit offers, by their command-line names.
public enum SpendingFamily: String, CaseIterable, Sendable {
    case obrienFleming = "obrien-fleming"
    case pocock
    case hwangShihDeCani = "hsd"
    case kimDeMets = "kim-demets"

    /// The name people read, e.g. in report headers.
    public var displayName: String {
        switch self {
        case .obrienFleming: return "O'Brien-Fleming type (Lan-DeMets)"
        case .pocock: return "Pocock type (Lan-DeMets)"
        case .hwangShihDeCani: return "Hwang-Shih-DeCani"
        case .kimDeMets: return "Kim-DeMets power"
        }
    }
}

/// A spending function: how much of a total error rate (alpha, or beta for futility) is used up
/// by information fraction t, exactly as rpact's `getSpendingValueCpp` (typeOfDesign asOF, asP,
/// asHSD, asKD and typeBetaSpending bsOF, bsP, bsHSD, bsKD).
///
/// With total error ε and `sides` s (1 or 2; ε is the two-sided total when s = 2):
/// - O'Brien–Fleming type (Lan & DeMets 1983): ε(t) = 2s·(1 − Φ(Φ⁻¹(1 − ε/(2s)) / √t)).
/// - Pocock type (Lan & DeMets 1983): ε(t) = ε·log(1 + (e − 1)·t).
/// - Hwang, Shih & DeCani (1990): ε(t) = ε·(1 − e^(−γt)) / (1 − e^(−γ)); ε·t when γ = 0.
/// - Kim & DeMets (1987) power family: ε(t) = ε·t^ρ.
public enum SpendingFunction: Sendable, Equatable, CustomStringConvertible {
    case obrienFleming
    case pocock
    case hwangShihDeCani(gamma: Double)
    case kimDeMets(rho: Double)

    /// rpact's accepted range for the Hwang–Shih–DeCani γ (`gammaA`/`gammaB`).
    public static let gammaRange: ClosedRange<Double> = -10...5
    /// rpact's accepted range for the Kim–DeMets ρ (`gammaA`/`gammaB` of asKD/bsKD).
    public static let rhoRange: ClosedRange<Double> = 0.4...8

    /// Builds a family's function, checking that its parameter is given exactly when it is needed
    /// and lies in rpact's range.
    /// - Parameters:
    ///   - family: O'Brien–Fleming or Pocock type (Lan–DeMets), Hwang–Shih–DeCani or Kim–DeMets
    ///     (rpact's `typeOfDesign` "asOF", "asP", "asHSD", "asKD" or `typeBetaSpending` "bs…").
    ///   - gamma: the Hwang–Shih–DeCani γ (only for `.hwangShihDeCani`).
    ///   - rho: the Kim–DeMets ρ (only for `.kimDeMets`).
    ///   - names: what the caller calls γ and ρ in messages (e.g. "--futility-gamma").
    /// - Complexity: O(1).
    public init(family: SpendingFamily, gamma: Double? = nil, rho: Double? = nil,
                names: (gamma: String, rho: String) = ("gamma", "rho")) throws(GroupSequentialError) {
        switch family {
        case .hwangShihDeCani:
            guard let gamma else { throw .invalidParameter("\(names.gamma) is required for Hwang-Shih-DeCani spending") }
            guard rho == nil else { throw .invalidParameter("\(names.rho) applies only to Kim-DeMets spending") }
            guard gamma.isFinite, SpendingFunction.gammaRange.contains(gamma) else {
                throw .invalidParameter("\(names.gamma) must be in [-10, 5] (as rpact), got \(gamma)")
            }
            self = .hwangShihDeCani(gamma: gamma)
        case .kimDeMets:
            guard let rho else { throw .invalidParameter("\(names.rho) is required for Kim-DeMets spending") }
            guard gamma == nil else { throw .invalidParameter("\(names.gamma) applies only to Hwang-Shih-DeCani spending") }
            guard rho.isFinite, SpendingFunction.rhoRange.contains(rho) else {
                throw .invalidParameter("\(names.rho) must be in [0.4, 8] (as rpact), got \(rho)")
            }
            self = .kimDeMets(rho: rho)
        case .obrienFleming, .pocock:
            if gamma != nil { throw .invalidParameter("\(names.gamma) applies only to Hwang-Shih-DeCani spending") }
            if rho != nil { throw .invalidParameter("\(names.rho) applies only to Kim-DeMets spending") }
            self = family == .pocock ? .pocock : .obrienFleming
        }
    }

    /// The family of the function, without its parameter.
    public var family: SpendingFamily {
        switch self {
        case .obrienFleming: return .obrienFleming
        case .pocock: return .pocock
        case .hwangShihDeCani: return .hwangShihDeCani
        case .kimDeMets: return .kimDeMets
        }
    }

    /// γ for Hwang–Shih–DeCani, ρ for Kim–DeMets, nil otherwise.
    public var parameter: Double? {
        switch self {
        case .hwangShihDeCani(let gamma): return gamma
        case .kimDeMets(let rho): return rho
        case .obrienFleming, .pocock: return nil
        }
    }

    /// The function as the CLI and reports name it.
    public var description: String {
        switch self {
        case .obrienFleming, .pocock: return family.displayName
        case .hwangShihDeCani(let gamma): return "\(family.displayName) (gamma = \(gamma))"
        case .kimDeMets(let rho): return "\(family.displayName) (rho = \(rho))"
        }
    }

    /// The cumulative error spent by information fraction `t`; t ≥ 1 spends the whole `total`
    /// (an over-running final analysis), t ≤ 0 spends nothing.
    /// - Parameters:
    ///   - total: the error rate to spend (two-sided total when `sides` is 2).
    ///   - t: the information fraction (events so far over the maximum events).
    ///   - sides: 1 or 2; only the O'Brien–Fleming type depends on it (rpact's `sided`).
    /// - Complexity: O(1).
    public func spent(_ total: Double, at t: Double, sides: Int = 1) -> Double {
        if t <= 0 { return 0 }
        if t >= 1 { return total }
        switch self {
        case .obrienFleming:
            let s = Double(sides)
            return 2 * s * Normal.upperTail(Normal.upperQuantile(total / (2 * s)) / t.squareRoot())
        case .pocock:
            return total * log(1 + (M_E - 1) * t)
        case .hwangShihDeCani(let gamma):
            if gamma == 0 { return total * t }
            return total * (1 - exp(-gamma * t)) / (1 - exp(-gamma))
        case .kimDeMets(let rho):
            return total * pow(t, rho)
        }
    }
}
