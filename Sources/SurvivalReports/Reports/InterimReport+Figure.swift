extension InterimReport {
    /// The lines an interim Kaplan–Meier figure prints in its panel: the look, Z against this
    /// look's efficacy bound (also on the hazard-ratio scale), and the decision.
    public var figureAnnotations: [String] {
        let r = result
        let sign = r.plan.direction == .belowOne ? "≤" : "≥"
        return [
            "Look \(r.look) of \(r.informationRates.count): \(r.observation.events) of \(r.plan.maximumEvents) events, "
                + "Z = \(NumberText.fixed(r.observation.z, decimals: 3)); bound Z ≥ \(NumberText.fixed(r.criticalValue, decimals: 3)) "
                + "(HR \(sign) \(NumberText.significant(r.criticalHazardRatio, digits: 3)))",
            "Decision: \(decisionText)",
        ]
    }
}
