/// A subject's value of one model term or strata column, for
/// the typed `CoxModel.predictSurvival` overload.
public enum CoxValue: Sendable, Equatable, CustomStringConvertible {
    /// A numeric covariate's value.
    case number(Double)
    /// A factor's or strata column's level label.
    case level(String)

    /// The label, or the number's shortest round-trip text with no ".0" on whole numbers
    /// (so `.number(1)` names the stratum `inst=1`, as R labels it).
    public var description: String {
        switch self {
        case .level(let label): return label
        case .number(let v):
            if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
            return "\(v)"
        }
    }

    /// Whether this value names `level`: the same label, or a number equal to the one the
    /// label reads as.
    func matches(level: String) -> Bool {
        switch self {
        case .level(let label): return label == level
        case .number(let v): return Double(level) == v
        }
    }
}
