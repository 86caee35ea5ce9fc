internal import Foundation

/// An exponential dropout hazard fitted to the dropouts seen by the cut: μ = dropouts / total
/// follow-up (maximum likelihood, every other end of follow-up censoring the dropout time), with
/// var(log μ) = 1/dropouts. With no dropout seen, μ = 0 and no uncertainty.
public struct DropoutFit: Sendable, Equatable {
    /// Dropouts seen.
    public let dropouts: Int
    /// Total follow-up time.
    public let exposure: Double

    /// μ, per unit of time.
    public var rate: Double { exposure > 0 ? Double(dropouts) / exposure : 0 }
    /// Standard deviation of log μ (nil when no dropout was seen).
    public var logRateStandardError: Double? { dropouts > 0 ? 1 / Double(dropouts).squareRoot() : nil }

    /// The fit to `dropouts` over `exposure`.
    public init(dropouts: Int, exposure: Double) {
        self.dropouts = dropouts
        self.exposure = exposure
    }
}
