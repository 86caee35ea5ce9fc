import PlatformSupport

/// How tied event times enter the Cox partial likelihood.
public enum CoxTies: String, CaseIterable, Sendable {
    /// Efron's approximation (R's default): the d tied deaths leave the risk set in d equal
    /// steps, each removing 1/d of their summed risk.
    case efron
    /// Breslow's approximation: every tied death sees the full risk set.
    case breslow
}

/// The iteration settings of the Newton–Raphson fit, kept in one value as R's
/// `coxph.control()` keeps them: `eps = 1e-9`, `iter.max = 20`,
/// `toler.chol = .Machine$double.eps^0.75`, `toler.inf = sqrt(eps)`.
public struct CoxSettings: Sendable, Equatable {
    /// Convergence: stop when |1 − ℓ_old/ℓ_new| ≤ eps (relative change of the log partial likelihood).
    public var eps: Double
    /// At most this many Newton–Raphson iterations (0 evaluates the model at β = 0).
    public var maxIterations: Int
    /// Pivots below `cholTolerance × (largest diagonal)` mark a column as aliased (R's `cholesky2`).
    public var cholTolerance: Double
    /// A converged coefficient whose next Newton step exceeds `infTolerance × |β|` may be infinite.
    public var infTolerance: Double

    /// R's `coxph.control()` defaults: eps 1e-9, 20 iterations.
    public static let rDefault = CoxSettings()

    /// Convergence settings; the defaults are R's `coxph.control()`.
    public init(eps: Double = 1e-9, maxIterations: Int = 20,
                cholTolerance: Double = pow(Double.ulpOfOne, 0.75), infTolerance: Double? = nil) {
        self.eps = eps
        self.maxIterations = maxIterations
        self.cholTolerance = cholTolerance
        self.infTolerance = infTolerance ?? eps.squareRoot()
    }

    /// The checks of R's `coxph.control`.
    /// - Complexity: O(1).
    public func validate() throws(CoxError) {
        guard eps > 0, eps.isFinite else { throw .invalidSettings("eps must be a positive number, got \(eps)") }
        guard maxIterations >= 0 else {
            throw .invalidSettings("the iteration limit must be 0 or more, got \(maxIterations)")
        }
        guard cholTolerance > 0, cholTolerance < 1 else {
            throw .invalidSettings("the Cholesky tolerance must lie in (0, 1), got \(cholTolerance)")
        }
        guard infTolerance > 0 else {
            throw .invalidSettings("the infinite-coefficient tolerance must be positive, got \(infTolerance)")
        }
    }
}

/// Why a Cox model could not be fitted from plain arrays. (From a data file, the same problems
/// are reported as ``InputError`` naming the file, line and column.)
public enum CoxError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidSettings(String)
    /// Arrays of different lengths, or a design matrix whose size is not rows × columns.
    case dimensionMismatch(String)
    case noRows
    /// The partial likelihood needs at least one event.
    case noEvents
    /// Row (0-based) with a non-finite time, covariate or weight, a negative time, or a weight ≤ 0.
    case invalidValue(row: Int, what: String)

    /// The settings as `eps = …, iter.max = …` for messages.
    public var description: String {
        switch self {
        case .invalidSettings(let s): return s
        case .dimensionMismatch(let s): return s
        case .noRows: return "no rows to fit"
        case .noEvents: return "no events: the Cox partial likelihood needs at least one event"
        case let .invalidValue(row, what): return "row \(row + 1): \(what)"
        }
    }
}
