/// A simultaneous band that could not be built for one curve of an analysis.
public struct CurveBandError: Error, Equatable, Sendable {
    /// The curve's label (nil for a single curve).
    public var curve: String?
    /// Why.
    public var reason: SimultaneousBandError
}

extension SimultaneousBandTransform {
    /// The band scale matching a pointwise interval transform (SAS LIFETEST's one `CONFTYPE=`
    /// serves both); nil for logit, which Klein & Moeschberger give no band for.
    /// - Parameter type: the pointwise interval transform (`--conf-type`).
    public init?(_ type: ConfidenceType) {
        switch type {
        case .plain: self = .linear
        case .log: self = .log
        case .logLog: self = .logLog
        case .arcsin: self = .arcsin
        case .logit: return nil
        }
    }
}

extension KaplanMeierAnalysis {
    /// Adds a simultaneous band to every curve, at the analysis' confidence level.
    /// - Parameters:
    ///   - kind: Hall–Wellner or equal precision.
    ///   - transform: the band's scale.
    ///   - low: t_L for every curve; nil for each curve's first event time.
    ///   - high: t_U for every curve; nil for each curve's last event time with Ŝ > 0.
    /// - Throws: ``CurveBandError`` naming the first curve whose band cannot be built.
    public mutating func addSimultaneousBands(_ kind: SimultaneousBandKind, transform: SimultaneousBandTransform,
                                              low: Double?, high: Double?) throws(CurveBandError) {
        for i in curves.indices {
            do {
                curves[i].simultaneousBand = try SimultaneousBand(
                    curves[i].curve, kind: kind, transform: transform, level: options.confidenceLevel,
                    low: low, high: high)
            } catch {
                throw CurveBandError(curve: curves[i].curve.label, reason: error)
            }
        }
    }
}
