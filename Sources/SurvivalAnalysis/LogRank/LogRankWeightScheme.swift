import PlatformSupport

/// The weight function of a weighted log-rank test: what multiplies the contribution of the
/// risk set at each event time (Klein & Moeschberger 2003, §7.3, Table 7.2).
///
/// With n at risk and d events at event time tᵢ (within a stratum), Ŝ(tᵢ−) the pooled
/// Kaplan–Meier just before tᵢ and S̃(tᵢ) = ∏_{tⱼ ≤ tᵢ} (1 − dⱼ/(nⱼ + 1)) Peto's pooled survival
/// estimate (it includes tᵢ):
/// - `flemingHarrington(G(ρ, γ))`: Ŝ(tᵢ−)^ρ (1 − Ŝ(tᵢ−))^γ (R's `survdiff(rho =)` for γ = 0);
/// - `gehanBreslow`: n (the generalised Wilcoxon test of Gehan 1965 and Breslow 1970);
/// - `taroneWare`: √n (Tarone & Ware 1977);
/// - `petoPeto`: Ŝ(tᵢ−), the Kaplan–Meier form, equal to G(1, 0) and R's `survdiff(rho = 1)`;
/// - `petoPrentice`: S̃(tᵢ) (Peto & Peto 1972, Prentice 1978; lifelines' "peto");
/// - `modifiedPeto`: S̃(tᵢ) · n/(n + 1) (Andersen, Borgan, Gill & Keiding 1982).
/// Every weight enters the hypergeometric variance squared, as in ``LogRankStatistics``.
public enum LogRankWeightScheme: Sendable, Hashable, CustomStringConvertible {
    case flemingHarrington(FlemingHarrington)
    case gehanBreslow
    case taroneWare
    case petoPeto
    case petoPrentice
    case modifiedPeto

    /// The names `--weights-scheme` takes, in the order docs list them.
    public static let named: [(name: String, scheme: LogRankWeightScheme)] = [
        ("gehan", .gehanBreslow), ("tarone-ware", .taroneWare), ("peto-peto", .petoPeto),
        ("peto-prentice", .petoPrentice), ("modified-peto", .modifiedPeto),
    ]

    /// The scheme called `name` (see ``named``); nil for any other name.
    public init?(name: String) {
        guard let hit = Self.named.first(where: { $0.name == name }) else { return nil }
        self = hit.scheme
    }

    /// The Fleming–Harrington weights when this is that family, else nil.
    public var flemingHarrington: FlemingHarrington? {
        if case let .flemingHarrington(w) = self { return w }
        return nil
    }

    /// The short name for reports: "log-rank", "fleming-harrington", "gehan", …
    public var name: String {
        switch self {
        case let .flemingHarrington(w): return w.isLogRank ? "log-rank" : "fleming-harrington"
        default: return Self.named.first { $0.scheme == self }!.name
        }
    }

    /// The weight at an event time with `atRisk` n, pooled Kaplan–Meier `survivalBefore`
    /// Ŝ(t−) and Peto's `petoSurvival` S̃(t) (including this time's events).
    @inline(__always)
    public func weight(atRisk n: Double, survivalBefore s: Double, petoSurvival peto: Double) -> Double {
        switch self {
        case let .flemingHarrington(w): return w.weight(survivalBefore: s)
        case .gehanBreslow: return n
        case .taroneWare: return n.squareRoot()
        case .petoPeto: return s
        case .petoPrentice: return peto
        case .modifiedPeto: return peto * n / (n + 1)
        }
    }

    /// The scheme's name as the CLI spells it.
    public var description: String {
        switch self {
        case let .flemingHarrington(w): return w.isLogRank ? "log-rank" : w.description
        case .gehanBreslow: return "Gehan-Breslow (weight n at risk)"
        case .taroneWare: return "Tarone-Ware (weight sqrt(n at risk))"
        case .petoPeto: return "Peto-Peto (weight S(t-), pooled Kaplan-Meier)"
        case .petoPrentice: return "Peto-Prentice (weight prod(1 - d/(n+1)))"
        case .modifiedPeto: return "modified Peto (weight prod(1 - d/(n+1)) * n/(n+1))"
        }
    }
}
