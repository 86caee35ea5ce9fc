/// Why covariate values given for a prediction cannot be used.
public enum CoxPredictionError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingTerm(String)
    case notANumber(term: String, value: String)
    case unknownLevel(term: String, value: String, levels: [String])
    case unknownName(String)
    case malformed(String)
    case partialStrata(missing: [String])
    case unknownStratum(String)

    /// The error in words, naming the covariate concerned.
    public var description: String {
        switch self {
        case .missingTerm(let t): return "no value given for '\(t)'"
        case let .notANumber(t, v): return "'\(v)' given for '\(t)' is not a finite number"
        case let .unknownLevel(t, v, levels):
            return "'\(v)' is not a level of '\(t)' (levels: \(levels.joined(separator: ", ")))"
        case .unknownName(let n): return "'\(n)' is not a term or stratum of the model"
        case .malformed(let s): return "'\(s)' is not of the form name=value"
        case .partialStrata(let m): return "give every strata column or none; missing: \(m.joined(separator: ", "))"
        case .unknownStratum(let s): return "stratum '\(s)' does not occur in the data"
        }
    }
}
